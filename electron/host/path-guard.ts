/**
 * The one check every file operation goes through (Bruno's path guard): a project-relative path in,
 * an absolute path inside the open project out, or a refusal.
 */
import { lstat, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { HostFailure } from "../api/errors.js";

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

async function isDanglingLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The real path of `path`, or of its nearest existing ancestor joined with the missing rest. */
async function realpathOfNearestExisting(path: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code !== "ENOENT" && code !== "ENOTDIR") || parent === current) throw error;
      // A link to nowhere could be written through to anywhere: treat it as leading out.
      if (await isDanglingLink(current)) return undefined;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/**
 * Resolves a project-relative POSIX path (`templates/base.html`, `""` for the root) to an absolute
 * path inside `projectRoot` (the link itself when the path names a symlink, so a rename or delete acts on
 * the link), after following the symlinks of every existing part to check where it leads. Refuses, with a HostFailure
 * `outside-project`, absolute paths, drive letters, backslashes, `..` segments, NUL bytes, and paths
 * whose existing part is a symlink leading out of the project. Percent-encoded text is taken
 * literally (a file may be named `%2e%2e`), so it can never decode to a way out.
 *
 * @example
 * const absolute = await resolveInProject("/home/me/my-app", "templates/base.html");
 */
export async function resolveInProject(projectRoot: string, path: string): Promise<string> {
  const refuse = (why: string): never => {
    throw new HostFailure("outside-project", `Refused path "${path.replaceAll("\0", "\\0")}": ${why}.`);
  };
  if (path.includes("\0")) refuse("it contains a NUL byte");
  if (path.includes("\\")) refuse("use forward slashes");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) refuse("it must be relative to the project");
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) refuse("it leaves the project");

  const root = await realpath(projectRoot);
  const lexical = resolve(root, ...segments);
  const real = await realpathOfNearestExisting(lexical);
  if (real === undefined || !isInside(root, real)) refuse("it leads outside the project");
  return lexical;
}

/**
 * The project-relative POSIX path of an absolute path inside `projectRoot`, or undefined when it is
 * outside.
 *
 * @example
 * toProjectPath("/home/me/my-app", "/home/me/my-app/static/site.css"); // "static/site.css"
 */
export function toProjectPath(projectRoot: string, absolute: string): string | undefined {
  if (!isInside(projectRoot, absolute)) return undefined;
  return relative(projectRoot, absolute).split(sep).join("/");
}
