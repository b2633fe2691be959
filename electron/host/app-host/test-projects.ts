/**
 * Test support for the app host's tests: a child entry built from the current source, throwaway
 * projects, and the Studio's real runtime.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { build } from "esbuild";

/** The Studio's runtime package; its dist/ is built by scripts/build.mjs before the tests run. */
export const runtimeDir = join(import.meta.dirname, "../../../runtime");

/** Bundles child/app-child.ts into `dir` (as scripts/build.mjs does for dist/app-host) and returns its path. */
export async function buildChildEntry(dir: string): Promise<string> {
  const outfile = join(dir, "app-child.js");
  await build({
    entryPoints: [join(import.meta.dirname, "child/app-child.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return outfile;
}

/** Writes a project folder with the given files under `parent`. */
export async function createProject(parent: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(parent, "project-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}
