import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportProject } from "./export-project.js";

const repoRoot = join(import.meta.dirname, "../../..");
const sources = { runtimeDir: join(repoRoot, "runtime"), templatesDir: join(repoRoot, "resources/export") };
const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
const lockedVersion = (name: string) => lock.packages[`node_modules/${name}`]?.version;

let scratch: string;
let projectDir: string;

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

async function listTree(root: string, rel = ""): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listTree(root, path)));
    else files.push(path);
  }
  return files.sort();
}

const APP = `import { Vial } from "vial";\nexport const app = new Vial({ root: import.meta.dirname });\napp.get("/", () => "hi");\n`;

beforeEach(async () => {
  scratch = await realpath(await mkdtemp(join(tmpdir(), "vial-export-")));
  projectDir = join(scratch, "My Shop");
  await put(projectDir, {
    "app.ts": APP,
    "api/items.ts": "export const items = [];\n",
    "templates/index.html": "<h1>{{ title }}</h1>\n",
    "static/logo.svg": "<svg/>",
    ".vial/requests.json": '{"requests":[]}\n',
    ".vial/build/app-1-1.mjs": "built",
    "node_modules/vial/package.json": '{"name":"vial","version":"0.1.0"}',
    "node_modules/left-pad/package.json": '{"name":"left-pad","version":"1.3.0"}',
    "api/node_modules/x/index.js": "nested",
    "dist/app.js": "old build",
    ".git/HEAD": "ref: refs/heads/main\n",
    "README.md": "# My shop\n\nSells things.\n",
    ".gitignore": "node_modules/\n.env\n",
    "package.json": JSON.stringify({ name: "my-shop", version: "1.2.0", type: "module", scripts: { test: "vitest", start: "vial run" }, dependencies: { vial: "^0.1.0", "left-pad": "^1.0.0" } }),
  });
  await symlink(join(scratch, "elsewhere"), join(projectDir, "static/link"));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("exportProject", () => {
  it("writes the project's own files unchanged, Vial vendored, and the files to install, run and deploy it", async () => {
    const dest = join(scratch, "out", "shop");
    const result = await exportProject({ ...sources, projectDir, dest });

    expect(result.dest).toBe(dest);
    const written = await listTree(dest);
    expect(result.files).toEqual(written);
    const own = written.filter((path) => !path.startsWith("vendor/"));
    expect(own).toEqual([
      ".dockerignore",
      ".gitignore",
      ".vial/requests.json",
      "Dockerfile",
      "README.md",
      "api/items.ts",
      "app.ts",
      "package.json",
      "scripts/build.mjs",
      "scripts/start.mjs",
      "static/logo.svg",
      "templates/index.html",
    ]);
    expect(await readFile(join(dest, "app.ts"), "utf8")).toBe(APP);
    expect(await readFile(join(dest, "templates/index.html"), "utf8")).toBe("<h1>{{ title }}</h1>\n");

    expect(written).toEqual(expect.arrayContaining(["vendor/vial/package.json", "vendor/vial/bin/vial.js", "vendor/vial/dist/index.js", "vendor/vial/dist/index.d.ts", "vendor/vial/dist/cli/main.js", "vendor/vial/README.md"]));
    expect(written.filter((path) => path.endsWith(".map") || path.includes("/src/") || path.includes(".test."))).toEqual([]);
    expect(written.some((path) => path.includes("node_modules"))).toBe(false);
  });

  it("pins every dependency to an exact version: the vendored Vial's to the Studio's package-lock.json, the project's to its node_modules", async () => {
    const dest = join(scratch, "out");
    await exportProject({ ...sources, projectDir, dest });
    const pkg = JSON.parse(await readFile(join(dest, "package.json"), "utf8")) as Record<string, any>;
    expect(pkg).toMatchObject({ name: "my-shop", version: "1.2.0", private: true, type: "module" });
    expect(pkg["scripts"]).toEqual({
      test: "vitest",
      dev: "vial run --reload",
      build: "node scripts/build.mjs",
      prepare: "node scripts/build.mjs",
      start: "node scripts/start.mjs",
      routes: "vial routes",
    });
    expect(pkg["dependencies"]).toEqual({ esbuild: lockedVersion("esbuild"), "left-pad": "1.3.0", vial: "file:vendor/vial" });

    const vendored = JSON.parse(await readFile(join(dest, "vendor/vial/package.json"), "utf8")) as Record<string, any>;
    expect(vendored["name"]).toBe("vial");
    expect(vendored["bin"]).toEqual({ vial: "./bin/vial.js" });
    expect(vendored["scripts"]).toBeUndefined();
    expect(JSON.stringify(vendored["exports"])).not.toContain("src/");
    expect(Object.keys(vendored["dependencies"]).length).toBeGreaterThan(0);
    for (const [name, version] of Object.entries(vendored["dependencies"] as Record<string, string>)) {
      expect(version, name).toBe(lockedVersion(name));
    }
  });

  it("keeps the project's README and .gitignore and adds what the export needs", async () => {
    const dest = join(scratch, "out");
    await exportProject({ ...sources, projectDir, dest });
    const readme = await readFile(join(dest, "README.md"), "utf8");
    expect(readme.startsWith("# My shop\n\nSells things.\n\n## Running my-shop")).toBe(true);
    for (const section of ["### Install", "### Run", "### Develop", "### Deploy", "npm start -- --workers", "docker build -t my-shop ."]) expect(readme).toContain(section);
    expect(await readFile(join(dest, ".gitignore"), "utf8")).toBe("node_modules/\n.env\ndist/\n.vial/build/\n");
  });

  it("names a project without package.json after its folder, and keeps its own Dockerfile", async () => {
    await rm(join(projectDir, "package.json"));
    await put(projectDir, { Dockerfile: "FROM scratch\n" });
    const dest = join(scratch, "out");
    await exportProject({ ...sources, projectDir, dest });
    expect(JSON.parse(await readFile(join(dest, "package.json"), "utf8"))).toMatchObject({ name: "my-shop", dependencies: { vial: "file:vendor/vial" } });
    expect(await readFile(join(dest, "Dockerfile"), "utf8")).toBe("FROM scratch\n");
  });

  it("leaves no absolute path of this machine in any file", async () => {
    const dest = join(scratch, "out");
    await exportProject({ ...sources, projectDir, dest });
    const machinePaths = [repoRoot, await realpath(repoRoot), scratch, projectDir, dest, tmpdir()];
    for (const path of await listTree(dest)) {
      const text = await readFile(join(dest, path), "utf8");
      for (const machinePath of machinePaths) expect(text.includes(machinePath), `${path} contains ${machinePath}`).toBe(false);
    }
  });

  it("refuses a non-empty destination without force, and writes nothing there", async () => {
    const dest = join(scratch, "taken");
    await put(dest, { "notes.txt": "mine" });
    await expect(exportProject({ ...sources, projectDir, dest })).rejects.toMatchObject({ code: "not-empty", message: expect.stringContaining(dest) });
    expect(await listTree(dest)).toEqual(["notes.txt"]);
  });

  it("with force, overwrites what it writes, replaces vendor/vial whole, and keeps other files", async () => {
    const dest = join(scratch, "taken");
    await put(dest, { "notes.txt": "mine", "app.ts": "old", "vendor/vial/dist/gone.js": "stale" });
    await exportProject({ ...sources, projectDir, dest, force: true });
    expect(await readFile(join(dest, "notes.txt"), "utf8")).toBe("mine");
    expect(await readFile(join(dest, "app.ts"), "utf8")).toBe(APP);
    expect(existsSync(join(dest, "vendor/vial/dist/gone.js"))).toBe(false);
    expect(existsSync(join(dest, "vendor/vial/dist/index.js"))).toBe(true);
  });

  it("never writes outside the destination, even through a symlink there, and writes nothing when one would", async () => {
    const outside = join(scratch, "outside");
    await put(outside, { "keep.txt": "untouched" });
    const dest = join(scratch, "linked");
    await mkdir(dest);
    await symlink(outside, join(dest, "scripts"));
    await expect(exportProject({ ...sources, projectDir, dest, force: true })).rejects.toMatchObject({ code: "outside-project", message: expect.stringContaining("scripts/") });
    expect(await listTree(outside)).toEqual(["keep.txt"]);
    expect(await readdir(dest)).toEqual(["scripts"]);

    await rm(join(dest, "scripts"));
    await mkdir(join(dest, "vendor"));
    await symlink(outside, join(dest, "vendor/vial"));
    await expect(exportProject({ ...sources, projectDir, dest, force: true })).rejects.toMatchObject({ code: "outside-project" });
    expect(await listTree(outside)).toEqual(["keep.txt"]);
  });

  it("refuses a destination that is a file, the project itself, inside it, or around it", async () => {
    await put(scratch, { "file.txt": "x" });
    await expect(exportProject({ ...sources, projectDir, dest: join(scratch, "file.txt") })).rejects.toMatchObject({ code: "not-a-directory" });
    for (const dest of [projectDir, join(projectDir, "export"), scratch]) {
      await expect(exportProject({ ...sources, projectDir, dest, force: true }), dest).rejects.toMatchObject({ code: "bad-request" });
    }
    await expect(exportProject({ ...sources, projectDir, dest: "relative/out" })).rejects.toMatchObject({ code: "bad-request" });
    expect(existsSync(join(projectDir, "export"))).toBe(false);
  });

  it("refuses a project whose own files sit where the export writes its scripts", async () => {
    await put(projectDir, { "scripts/start.mjs": "mine" });
    await expect(exportProject({ ...sources, projectDir, dest: join(scratch, "out") })).rejects.toMatchObject({ code: "exists", message: expect.stringContaining("scripts/start.mjs") });
    expect(existsSync(join(scratch, "out"))).toBe(false);
  });

  it("says what to do when the project's package.json is broken", async () => {
    await put(projectDir, { "package.json": "{ nope" });
    await expect(exportProject({ ...sources, projectDir, dest: join(scratch, "out") })).rejects.toMatchObject({ code: "bad-request", message: expect.stringContaining("package.json") });
  });
});
