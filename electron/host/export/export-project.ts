/**
 * Export: a Studio project as a standalone Node project folder that installs, runs, builds and deploys
 * without the Studio (Vial vendored in `vendor/vial/`, a cluster start, a Dockerfile).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { HostFailure } from "../../api/errors.js";
import { prepareDestination, writeExport } from "./destination.js";
import type { ExportFile } from "./export-file.js";
import { exportedPackageJson, exportedReadme, mergedGitignore, type PackageJson } from "./exported-texts.js";
import { installedVersion } from "./installed-version.js";
import { listProjectFiles } from "./project-files.js";
import { VENDOR_DIR, vendorVial } from "./vendor-vial.js";

/** Where an export's ingredients are on this machine. */
export interface ExportSources {
  /** The Studio's runtime package (`<studio>/runtime`, with `dist/` built). */
  runtimeDir: string;
  /** The export templates (`<studio>/resources/export`). */
  templatesDir: string;
  /** Where else to look for the runtime's installed dependencies: the Studio's own folder (its asar archive when packaged). */
  packagesDir?: string;
}

/** What {@link exportProject} needs. */
export interface ExportOptions extends ExportSources {
  projectDir: string;
  /** Absolute path of the destination folder (created when missing). */
  dest: string;
  /** Write into a non-empty folder, overwriting the files the export writes. */
  force?: boolean;
}

/** What an export wrote. */
export interface ExportResult {
  /** The destination's real path. */
  dest: string;
  /** Every file written, as POSIX paths relative to `dest`, sorted. */
  files: string[];
}

// Written from templates; a project file at one of these paths would be silently replaced, so it is refused.
const OWN_SCRIPTS = ["scripts/build.mjs", "scripts/start.mjs"];
// Written from templates unless the project brings its own (which is then exported unchanged).
const DEFAULT_FILES: Record<string, string> = { Dockerfile: "Dockerfile", ".dockerignore": "dockerignore" };
// Merged with the project's own.
const MERGED = new Set(["package.json", "README.md", ".gitignore"]);

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
}

function parsePackageJson(text: string | undefined): PackageJson | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as PackageJson;
  } catch {
    // Reported below with what to do.
  }
  throw new HostFailure("bad-request", "The project's package.json is not a JSON object; fix it before exporting.");
}

/**
 * Every file of the export of `projectDir`, without writing anything.
 *
 * @example
 * const files = await planExport("/home/me/my-app", { runtimeDir, templatesDir });
 */
export async function planExport(projectDir: string, sources: ExportSources): Promise<ExportFile[]> {
  const own = await listProjectFiles(projectDir);
  const clash = own.find((path) => OWN_SCRIPTS.includes(path) || path === VENDOR_DIR || path.startsWith(`${VENDOR_DIR}/`));
  if (clash !== undefined) throw new HostFailure("exists", `The project has its own ${clash}, where the export puts its own files; rename it first.`);
  const template = (name: string) => readFile(join(sources.templatesDir, name), "utf8");
  const vendored = await vendorVial(sources.runtimeDir, sources.packagesDir);

  const project = parsePackageJson(await readOptional(join(projectDir, "package.json")));
  const dependencyNames = ["dependencies", "devDependencies"].flatMap((key) => Object.keys((project?.[key] as object | undefined) ?? {}));
  const installed: Record<string, string | undefined> = {};
  for (const name of dependencyNames) installed[name] = await installedVersion(projectDir, name, { ancestors: false });
  const manifest = exportedPackageJson({
    project,
    template: JSON.parse(await template("package.json")) as PackageJson,
    folderName: basename(projectDir),
    vialDependencies: vendored.dependencies,
    installed,
  });

  const files: ExportFile[] = own.filter((path) => !MERGED.has(path)).map((path) => ({ path, copyFrom: join(projectDir, path) }));
  files.push(
    { path: "package.json", content: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: "README.md", content: exportedReadme({ projectReadme: await readOptional(join(projectDir, "README.md")), template: await template("README.md"), name: String(manifest["name"]) }) },
    { path: ".gitignore", content: mergedGitignore(await readOptional(join(projectDir, ".gitignore")), await template("gitignore")) },
  );
  for (const [path, name] of Object.entries(DEFAULT_FILES)) {
    if (!own.includes(path)) files.push({ path, content: await template(name) });
  }
  for (const path of OWN_SCRIPTS) files.push({ path, content: await template(path) });
  files.push(...vendored.files);
  return files;
}

/**
 * Exports `projectDir` into `dest`: the project's own files unchanged (without node_modules, `.git`,
 * `dist` and `.vial/build`), `vendor/vial/`, and package.json, README.md, .gitignore, Dockerfile,
 * .dockerignore and `scripts/{build,start}.mjs`. Refuses a non-empty `dest` unless `force`, and never
 * writes outside it.
 *
 * @example
 * const { dest, files } = await exportProject({ projectDir: "/home/me/my-app", dest: "/home/me/out/my-app", runtimeDir, templatesDir });
 */
export async function exportProject(options: ExportOptions): Promise<ExportResult> {
  if (!existsSync(options.projectDir)) throw new HostFailure("not-found", `There is no project folder at ${options.projectDir}.`);
  const files = await planExport(options.projectDir, options);
  const dest = await prepareDestination(options.projectDir, options.dest, options.force ?? false);
  await writeExport(dest, files, [VENDOR_DIR]);
  return { dest, files: files.map((file) => file.path).sort() };
}
