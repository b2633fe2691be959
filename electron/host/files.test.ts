import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toHostError } from "../api/errors.js";
import { maxReadBytes, ProjectFiles } from "./files.js";

/** The HostError a failed call gives the renderer (dispatch maps every throw the same way). */
const failure = (pending: Promise<unknown>) => pending.then(() => undefined, toHostError);

let scratch: string;
let root: string;
let trash: string;
let files: ProjectFiles;

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-files-")));
  root = join(scratch, "my-app");
  trash = join(scratch, "user-data", "trash");
  mkdirSync(join(root, "templates"), { recursive: true });
  mkdirSync(join(root, "static"));
  writeFileSync(join(root, "app.ts"), "export const app = 1;\n");
  writeFileSync(join(root, "templates", "base.html"), "<html></html>");
  for (const ignored of ["node_modules/vial", ".git", ".vial", "build", "dist"]) {
    mkdirSync(join(root, ignored), { recursive: true });
    writeFileSync(join(root, ignored, "file.txt"), "x");
  }
  files = new ProjectFiles(root, { trashDir: trash });
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("tree", () => {
  it("lists folders first, sorted, without node_modules, .git, .vial, build, dist or temp files", async () => {
    writeFileSync(join(root, ".app.ts.abc123.vial-tmp"), "half");
    const { root: tree, truncated } = await files.tree();
    expect(truncated).toBe(false);
    expect(tree.children?.map((node) => `${node.kind}:${node.path}`)).toEqual([
      "dir:static",
      "dir:templates",
      "file:app.ts",
    ]);
    expect(tree.children?.[1]?.children).toEqual([{ name: "base.html", path: "templates/base.html", kind: "file" }]);
  });

  it("lists a symlinked folder without entering it, so a cycle cannot hang it", async () => {
    symlinkSync(root, join(root, "templates", "loop"));
    const { root: tree } = await files.tree();
    const templates = tree.children?.find((node) => node.name === "templates");
    expect(templates?.children?.find((node) => node.name === "loop")).toEqual({ name: "loop", path: "templates/loop", kind: "dir", children: [] });
  });
});

describe("read and write", () => {
  it("reads text with its mtime", async () => {
    const read = await files.read("app.ts");
    expect(read).toMatchObject({ path: "app.ts", kind: "file", content: "export const app = 1;\n", binary: false });
    expect(read.mtimeMs).toBeGreaterThan(0);
  });

  it("marks binary files instead of returning garbage", async () => {
    writeFileSync(join(root, "static", "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(await files.read("static/logo.png")).toMatchObject({ binary: true, content: "" });
  });

  it("refuses files too large for the editor", async () => {
    writeFileSync(join(root, "huge.log"), Buffer.alloc(maxReadBytes + 1, 97));
    expect(await failure(files.read("huge.log"))).toMatchObject({ code: "too-large" });
  });

  it("refuses to read a folder or a missing file with a clear code", async () => {
    expect(await failure(files.read("templates"))).toMatchObject({ code: "is-a-directory" });
    expect(await failure(files.read("nope.ts"))).toMatchObject({ code: "not-found" });
  });

  it("writes when the file is as the editor read it", async () => {
    const { mtimeMs } = await files.read("app.ts");
    const written = await files.write("app.ts", "export const app = 2;\n", mtimeMs);
    expect(readFileSync(join(root, "app.ts"), "utf8")).toBe("export const app = 2;\n");
    expect(written).toMatchObject({ path: "app.ts", kind: "file", size: 22 });
  });

  it("reports a conflict, and keeps the disk version, when the file changed on disk since it was read", async () => {
    const { mtimeMs } = await files.read("app.ts");
    writeFileSync(join(root, "app.ts"), "changed by another editor\n");
    utimesSync(join(root, "app.ts"), new Date(), new Date(mtimeMs + 5_000));
    expect(await failure(files.write("app.ts", "mine\n", mtimeMs))).toMatchObject({
      code: "conflict",
      detail: { path: "app.ts", mtimeMs: expect.any(Number) },
    });
    expect(readFileSync(join(root, "app.ts"), "utf8")).toBe("changed by another editor\n");
  });

  it("reports a conflict when the file was deleted on disk since it was read", async () => {
    const { mtimeMs } = await files.read("app.ts");
    rmSync(join(root, "app.ts"));
    expect(await failure(files.write("app.ts", "mine\n", mtimeMs))).toMatchObject({ code: "conflict", detail: { mtimeMs: null } });
    expect(existsSync(join(root, "app.ts"))).toBe(false);
  });

  it("refuses a name too long for the file system with a bad-request, not a crash", async () => {
    expect(await failure(files.write(`${"x".repeat(300)}.txt`, "x"))).toMatchObject({ code: "bad-request" });
  });

  it("overwrites without a check when no mtime is given, creating folders", async () => {
    await files.write("views/new/page.html", "<p>new</p>");
    expect(readFileSync(join(root, "views/new/page.html"), "utf8")).toBe("<p>new</p>");
  });

  it("refuses paths outside the project for every operation", async () => {
    const refusal = { code: "outside-project" };
    expect(await failure(files.read("../outside.txt"))).toMatchObject(refusal);
    expect(await failure(files.write("../outside.txt", "x"))).toMatchObject(refusal);
    expect(await failure(files.create("/tmp/evil", "file"))).toMatchObject(refusal);
    expect(await failure(files.rename("app.ts", "../app.ts"))).toMatchObject(refusal);
    expect(await failure(files.delete("../my-app"))).toMatchObject(refusal);
    expect(await failure(files.stat(".."))).toMatchObject(refusal);
    expect(existsSync(join(scratch, "outside.txt"))).toBe(false);
    expect(existsSync(join(root, "app.ts"))).toBe(true);
  });
});

describe("create, rename, delete, stat", () => {
  it("creates files and folders, refusing to replace anything", async () => {
    expect(await files.create("static/css/site.css", "file")).toMatchObject({ path: "static/css/site.css", kind: "file", size: 0 });
    expect(await files.create("blueprints", "dir")).toMatchObject({ kind: "dir" });
    expect(await failure(files.create("app.ts", "file"))).toMatchObject({ code: "exists" });
    expect(await failure(files.create("blueprints", "dir"))).toMatchObject({ code: "exists" });
    expect(readFileSync(join(root, "app.ts"), "utf8")).toBe("export const app = 1;\n");
  });

  it("renames and moves, refusing to overwrite or to move a folder into itself", async () => {
    await files.rename("templates/base.html", "templates/layout.html");
    expect(existsSync(join(root, "templates/layout.html"))).toBe(true);
    await files.rename("templates", "views");
    expect(existsSync(join(root, "views/layout.html"))).toBe(true);
    expect(await failure(files.rename("views", "app.ts"))).toMatchObject({ code: "exists" });
    expect(await failure(files.rename("views", "views/inner"))).toMatchObject({ code: "bad-request" });
    expect(await failure(files.rename("missing.txt", "other.txt"))).toMatchObject({ code: "not-found" });
  });

  it("moves deleted things to the trash, where they can be recovered", async () => {
    const { trashedTo } = await files.delete("templates");
    expect(existsSync(join(root, "templates"))).toBe(false);
    expect(trashedTo.startsWith(trash)).toBe(true);
    expect(readFileSync(join(trashedTo, "base.html"), "utf8")).toBe("<html></html>");
    expect(await failure(files.delete(""))).toMatchObject({ code: "bad-request" });
    expect(existsSync(root)).toBe(true);
  });

  it("stats files and reports missing ones as null", async () => {
    expect((await files.stat("app.ts")).stat).toMatchObject({ path: "app.ts", kind: "file" });
    expect((await files.stat("nope")).stat).toBeNull();
  });
});
