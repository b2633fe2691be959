import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StudioEvents } from "../api/contract.js";
import { watchProject, type ProjectWatcher } from "./file-watcher.js";
import { ProjectFiles } from "./files.js";

type Change = StudioEvents["files.changed"];

let scratch: string;
let root: string;
let files: ProjectFiles;
let watcher: ProjectWatcher;
let changes: Change[];

const seen = (kind: Change["kind"], path: string): boolean =>
  changes.some((change) => change.kind === kind && change.paths.includes(path));

beforeEach(async () => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-watch-")));
  root = join(scratch, "my-app");
  mkdirSync(join(root, "templates"), { recursive: true });
  mkdirSync(join(root, "node_modules"));
  writeFileSync(join(root, "app.ts"), "one");
  files = new ProjectFiles(root, { trashDir: join(scratch, "trash") });
  changes = [];
  watcher = watchProject(root, files.own, (change) => changes.push(change), 20);
  await watcher.ready;
});

afterEach(async () => {
  await watcher.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("watchProject", () => {
  it("reports files created, changed and deleted outside the Studio", async () => {
    writeFileSync(join(root, "templates", "page.html"), "<p>");
    await expect.poll(() => seen("created", "templates/page.html"), { timeout: 10_000 }).toBe(true);
    writeFileSync(join(root, "app.ts"), "two");
    await expect.poll(() => seen("changed", "app.ts"), { timeout: 10_000 }).toBe(true);
    rmSync(join(root, "templates", "page.html"));
    await expect.poll(() => seen("deleted", "templates/page.html"), { timeout: 10_000 }).toBe(true);
  });

  it("does not echo the Studio's own writes and deletes, but still reports outside changes after them", async () => {
    await files.write("app.ts", "saved by the Studio");
    await files.create("templates/own.html", "file");
    await files.delete("templates/own.html");
    writeFileSync(join(root, "outside.txt"), "marker");
    await expect.poll(() => seen("created", "outside.txt"), { timeout: 10_000 }).toBe(true);
    expect(seen("changed", "app.ts")).toBe(false);
    expect(seen("deleted", "templates/own.html")).toBe(false);
    expect(changes.flatMap((change) => change.paths).filter((path) => path.endsWith(".vial-tmp"))).toEqual([]);
  });

  it("ignores node_modules", async () => {
    writeFileSync(join(root, "node_modules", "dep.js"), "x");
    writeFileSync(join(root, "marker.txt"), "x");
    await expect.poll(() => seen("created", "marker.txt"), { timeout: 10_000 }).toBe(true);
    expect(changes.flatMap((change) => change.paths).some((path) => path.startsWith("node_modules"))).toBe(false);
  });
});
