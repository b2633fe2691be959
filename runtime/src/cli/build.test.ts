import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BuildError, buildApp, removeOldBuilds } from "./build.js";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vial-build-"));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe("buildApp", () => {
  it("bundles the project's files into .vial/build, keeps packages as imports and each file's import.meta paths", async () => {
    const dir = await project({
      "app.ts": 'import { Vial } from "vial";\nimport { where } from "./lib/where.js";\nexport const app = new Vial({ root: import.meta.dirname });\nexport const paths = [import.meta.filename, where];\n',
      "lib/where.ts": "export const where: string = import.meta.dirname;\n",
    });
    const built = await buildApp({ entry: join(dir, "app.ts"), projectRoot: dir });
    expect(built.outfile.startsWith(join(dir, ".vial", "build"))).toBe(true);
    const code = await readFile(built.outfile, "utf8");
    expect(code).toContain('from "vial"');
    expect(code).toContain(JSON.stringify(dir));
    expect(code).toContain(JSON.stringify(join(dir, "app.ts")));
    expect(code).toContain(JSON.stringify(join(dir, "lib")));
    expect(code).toContain("//# sourceMappingURL=data:application/json;base64,");
    expect(built.inputs.sort()).toEqual([join(dir, "app.ts"), join(dir, "lib", "where.ts")]);
  });

  it("throws a BuildError with file:line:column for each problem", async () => {
    const dir = await project({ "app.ts": 'import "./missing.js";\nexport const x = ;\n' });
    const error = await buildApp({ entry: join(dir, "app.ts"), projectRoot: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain("app.ts:2:18: Unexpected");
    expect((error as BuildError).details).toContain("export const x = ;");
  });
});

describe("removeOldBuilds", () => {
  it("removes this process's old bundles and those of dead processes, never a running one's", async () => {
    const dir = await project({});
    const outdir = join(dir, ".vial", "build");
    await mkdir(outdir, { recursive: true });
    const mine = [`app-${process.pid}-1.mjs`, `app-${process.pid}-2.mjs`];
    const parent = `app-${process.ppid}-1.mjs`;
    const dead = "app-999999999-1.mjs";
    for (const name of [...mine, parent, dead, "notes.txt"]) await writeFile(join(outdir, name), "");
    await removeOldBuilds(dir, [join(outdir, mine[1] ?? "")]);
    expect((await readdir(outdir)).sort()).toEqual([mine[1], parent, "notes.txt"].sort());
  });
});
