/**
 * The texts an export writes by merging the project's own file with the export template: package.json,
 * README.md and .gitignore. Pure functions: the caller reads and writes the files.
 */
import { HostFailure } from "../../api/errors.js";
import { VENDOR_DIR } from "./vendor-vial.js";

/** A parsed package.json. */
export type PackageJson = Record<string, unknown>;

type Dependencies = Record<string, string>;

/** What {@link exportedPackageJson} merges. */
export interface PackageJsonParts {
  /** The project's package.json; undefined when it has none. */
  project: PackageJson | undefined;
  /** resources/export/package.json: the scripts and fields every export gets. */
  template: PackageJson;
  /** The name to use when the project's package.json has none (the folder's name). */
  folderName: string;
  /** Exact versions of the vendored Vial's dependencies (esbuild is one: the build script uses it). */
  vialDependencies: Dependencies;
  /** Exact versions installed in the project's own node_modules, by package name. */
  installed: Record<string, string | undefined>;
}

function dependencyMap(value: unknown): Dependencies {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function sorted(map: Dependencies): Dependencies {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function pinned(map: Dependencies, installed: Record<string, string | undefined>): Dependencies {
  return Object.fromEntries(Object.entries(map).map(([name, range]) => [name, installed[name] ?? range]));
}

/** An npm package name made from a folder name: lowercase letters, digits, '-', '.' and '_'. */
export function packageNameFor(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name === "" ? "vial-app" : name.slice(0, 214);
}

/**
 * The exported package.json: the project's own fields and scripts, the template's scripts on top
 * (`dev`, `build`, `prepare`, `start`, `routes`), `vial` from `file:vendor/vial`, `esbuild` (the build
 * script imports it) at the vendored Vial's version, and the project's other dependencies pinned to the
 * versions installed in its node_modules.
 *
 * @example
 * exportedPackageJson({ project: { name: "shop" }, template, folderName: "shop", vialDependencies: { esbuild: "0.28.2" }, installed: {} });
 */
export function exportedPackageJson(parts: PackageJsonParts): PackageJson {
  const esbuild = parts.vialDependencies["esbuild"];
  if (esbuild === undefined) throw new HostFailure("internal", "The vendored Vial does not depend on esbuild, which the exported build script needs.");
  const project = parts.project ?? {};
  const name = typeof project["name"] === "string" && project["name"] !== "" ? project["name"] : packageNameFor(parts.folderName);
  const dependencies = sorted({
    ...pinned(dependencyMap(project["dependencies"]), parts.installed),
    vial: `file:${VENDOR_DIR}`,
    esbuild,
  });
  const devDependencies = pinned(dependencyMap(project["devDependencies"]), parts.installed);
  return {
    name,
    ...project,
    ...parts.template,
    scripts: { ...dependencyMap(project["scripts"]), ...dependencyMap(parts.template["scripts"]) },
    dependencies,
    ...(Object.keys(devDependencies).length > 0 ? { devDependencies: sorted(devDependencies) } : {}),
  };
}

/**
 * The exported README: the project's own README (or a title) followed by the template's sections on
 * installing, running, developing and deploying, with `{{name}}` filled in.
 *
 * @example
 * exportedReadme({ projectReadme: "# Shop\n", template: "## Running {{name}}\n", name: "shop" }); // "# Shop\n\n## Running shop\n"
 */
export function exportedReadme(parts: { projectReadme: string | undefined; template: string; name: string }): string {
  const head = parts.projectReadme?.trim() ? parts.projectReadme.trimEnd() : `# ${parts.name}`;
  return `${head}\n\n${parts.template.replaceAll("{{name}}", parts.name)}`;
}

/**
 * The project's .gitignore with every line of the template's that it lacks appended.
 *
 * @example
 * mergedGitignore("node_modules/\n.env\n", "node_modules/\ndist/\n"); // "node_modules/\n.env\ndist/\n"
 */
export function mergedGitignore(project: string | undefined, template: string): string {
  const own = project ?? "";
  const present = new Set(own.split(/\r?\n/).map((line) => line.trim()));
  const missing = template.split(/\r?\n/).filter((line) => line.trim() !== "" && !present.has(line.trim()));
  const base = own === "" || own.endsWith("\n") ? own : `${own}\n`;
  return base + missing.map((line) => `${line}\n`).join("");
}
