/**
 * The folder an export writes into: checked before anything is written, and every file written through the
 * path guard, so an export never writes outside it.
 */
import { copyFile, lstat, mkdir, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { HostFailure } from "../../api/errors.js";
import { resolveInProject } from "../path-guard.js";
import type { ExportFile } from "./export-file.js";

function contains(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor joined with the missing rest. */
async function realOrPlanned(path: string): Promise<string> {
  const real = await realpath(path).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = dirname(path);
  return parent === path ? path : resolve(await realOrPlanned(parent), relative(parent, path));
}

/**
 * Checks that `dest` (an absolute path) can receive an export of `projectDir`, creates it, and returns its
 * real path. Refuses a file (`not-a-directory`), a non-empty folder unless `force` (`not-empty`), and a
 * folder that is, contains or lies inside the project (`bad-request`: the export would copy itself).
 *
 * @example
 * const root = await prepareDestination("/home/me/my-app", "/home/me/exports/my-app", false);
 */
export async function prepareDestination(projectDir: string, dest: string, force: boolean): Promise<string> {
  if (!isAbsolute(dest)) throw new HostFailure("bad-request", `"${dest}" is not a full path; give the whole folder path.`);
  const project = await realpath(projectDir);
  const planned = await realOrPlanned(resolve(dest));
  if (contains(project, planned) || contains(planned, project)) {
    throw new HostFailure("bad-request", `Export to a folder outside the project: ${dest} ${contains(project, planned) ? "is inside" : "contains"} ${projectDir}.`);
  }
  const stats = await lstat(planned).catch(() => undefined);
  if (stats && !stats.isDirectory()) throw new HostFailure("not-a-directory", `${dest} is a file, not a folder.`);
  if (stats && !force && (await readdir(planned)).length > 0) {
    throw new HostFailure("not-empty", `${dest} is not empty. Choose an empty or new folder, or export with force to overwrite the files the export writes.`);
  }
  await mkdir(planned, { recursive: true });
  return realpath(planned);
}

/**
 * Writes the files under `root` (from {@link prepareDestination}). Every path goes through the path guard
 * before anything is written, so `..`, absolute paths and symlinks leading out of `root` are refused with
 * nothing written. `replaceDirs` (such as `vendor/vial`) are removed first, so no file of an earlier
 * export survives in them.
 *
 * @example
 * await writeExport("/home/me/exports/my-app", [{ path: "README.md", content: "# My app\n" }], ["vendor/vial"]);
 */
export async function writeExport(root: string, files: ExportFile[], replaceDirs: string[]): Promise<void> {
  const replaced = await Promise.all(replaceDirs.map((dir) => resolveInProject(root, dir)));
  const targets = await Promise.all(files.map(async (file) => ({ file, target: await resolveInProject(root, file.path) })));
  for (const dir of replaced) await rm(dir, { recursive: true, force: true });
  for (const { file, target } of targets) {
    await mkdir(dirname(target), { recursive: true });
    if ("copyFrom" in file) await copyFile(file.copyFrom, target);
    else await writeFile(target, file.content);
  }
}
