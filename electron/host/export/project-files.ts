/**
 * The files of a user's project that belong in an export: its sources, templates, static files and
 * Studio data, without installed packages, build output or version-control data.
 */
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { HostFailure } from "../../api/errors.js";

// node_modules anywhere; the rest only at the root, where the tools put them.
const SKIPPED_ANYWHERE = new Set(["node_modules"]);
const SKIPPED_AT_ROOT = new Set([".git", "dist", ".vial/build"]);
// A project is a few hundred files; a folder with far more is not a project (a home folder, a disk).
const MAX_FILES = 20_000;

/**
 * Project-relative POSIX paths of every regular file under `projectDir` worth exporting, sorted.
 * Skips `node_modules` (at any depth), `.git`, `dist` and `.vial/build` at the root, and symlinks
 * (a link could lead out of the project, and copying its target would export files that are not the
 * project's).
 *
 * @example
 * await listProjectFiles("/home/me/my-app"); // ["app.ts", "package.json", "static/style.css", "templates/index.html"]
 */
export async function listProjectFiles(projectDir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(relDir: string): Promise<void> {
    const entries = await readdir(join(projectDir, relDir), { withFileTypes: true });
    for (const entry of entries) {
      const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      if (SKIPPED_ANYWHERE.has(entry.name) || SKIPPED_AT_ROOT.has(rel)) continue;
      const stats = await lstat(join(projectDir, rel));
      if (stats.isDirectory()) await walk(rel);
      else if (stats.isFile() && files.push(rel) > MAX_FILES) {
        throw new HostFailure("too-large", `The project has more than ${MAX_FILES} files (without node_modules); export only the project's own folder.`);
      }
    }
  }
  await walk("");
  return files.sort();
}
