/** The "files to include" and "files to exclude" boxes of Find in Files: comma-separated globs over project paths. */

function globSource(glob: string): string {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      // `**/` is any run of folders, none included; a `**` elsewhere is anything at all.
      source += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return source;
}

function globPatterns(globs: string): RegExp[] {
  return globs
    .split(",")
    .map((glob) => glob.trim().replaceAll("\\", "/").replace(/^\.?\/+/, "").replace(/\/+$/, ""))
    .filter((glob) => glob !== "")
    .map((glob) => new RegExp(`^${glob.includes("/") ? "" : "(?:.*/)?"}${globSource(glob)}(?:/.*)?$`, "i"));
}

/**
 * A test of project paths for a comma-separated list of globs (case-insensitive). `*` and `?` stay
 * within one name, `**` spans folders, a glob without `/` matches at any depth, and a glob naming a
 * folder takes everything inside it. An empty list takes every path.
 *
 * @example
 * const included = includeFilter("*.html, static");
 * included("templates/base.html"); // true
 * included("static/style.css"); // true
 * included("app.ts"); // false
 */
export function includeFilter(globs: string): (path: string) => boolean {
  const patterns = globPatterns(globs);
  return patterns.length === 0 ? () => true : (path) => patterns.some((pattern) => pattern.test(path));
}

/**
 * The "files to exclude" box: the same globs as {@link includeFilter}, naming the paths to leave out.
 * An empty list leaves out nothing.
 *
 * @example
 * excludeFilter("static")("static/style.css"); // true
 */
export function excludeFilter(globs: string): (path: string) => boolean {
  const patterns = globPatterns(globs);
  return (path) => patterns.some((pattern) => pattern.test(path));
}
