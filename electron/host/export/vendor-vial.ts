/**
 * Vial as a package inside the exported project (`vendor/vial/`): the compiled JavaScript with its type
 * declarations, the `vial` command and the README, under a package.json fit for a published package.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { HostFailure } from "../../api/errors.js";
import type { ExportFile } from "./export-file.js";
import { installedVersion } from "./installed-version.js";

/** Where the vendored package goes in the export. */
export const VENDOR_DIR = "vendor/vial";

/** The vendored package's files and the exact versions of the packages it imports. */
export interface VendoredVial {
  files: ExportFile[];
  /** Package name → exact version, as installed next to the runtime. */
  dependencies: Record<string, string>;
}

type Manifest = Record<string, unknown> & { name?: unknown; dependencies?: Record<string, string>; exports?: unknown };

// Static `import ... from "pkg"`, `export ... from "pkg"` and `import "pkg"` statements of compiled code,
// one per line as tsc prints them; anchored at the line start so examples in doc comments do not count.
const BARE_IMPORT = /^(?:import|export)\b(?:[^;"']*?\bfrom)?\s*["']([^"'./][^"']*)["']/gm;
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The packages compiled code imports (builtins excluded). */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(BARE_IMPORT)) {
    const specifier = match[1] ?? "";
    if (!isBuiltin(specifier)) names.add(packageName(specifier));
  }
  return [...names];
}

async function listFiles(dir: string, rel = ""): Promise<string[]> {
  const entries = await readdir(join(dir, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== "__fixtures__") files.push(...(await listFiles(dir, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

// The Studio resolves `vial` to its TypeScript sources through the `vial-source` condition; a published
// package has only its compiled files.
function withoutSourceConditions(exports: unknown): unknown {
  if (typeof exports !== "object" || exports === null || Array.isArray(exports)) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== "vial-source")
      .map(([key, value]) => [key, withoutSourceConditions(value)]),
  );
}

/**
 * Reads the Studio's runtime package (`runtimeDir`, built into `dist/`) and returns it as the files of
 * `vendor/vial/`: `dist/**` `.js` (without source-map comments: the maps and sources stay behind) and
 * `.d.ts`, `bin/`, README and LICENSE, and a package.json without scripts, development dependencies or
 * source conditions, whose dependencies are every package the compiled code imports, pinned to the version
 * installed next to the runtime (the Studio's package-lock.json put them there), or else under
 * `packagesDir` (a packaged Studio keeps most packages in its archive, apart from the unpacked runtime).
 *
 * @example
 * const { files, dependencies } = await vendorVial("/opt/vial-studio/runtime"); // dependencies: { esbuild: "0.28.2", ... }
 */
export async function vendorVial(runtimeDir: string, packagesDir?: string): Promise<VendoredVial> {
  if (!existsSync(join(runtimeDir, "dist", "index.js"))) {
    throw new HostFailure("not-found", `Vial's compiled files are missing in ${join(runtimeDir, "dist")}: run \`npm run build\` in the Studio's folder first.`);
  }
  const manifest = JSON.parse(await readFile(join(runtimeDir, "package.json"), "utf8")) as Manifest;
  const files: ExportFile[] = [];
  const imported = new Set(Object.keys(manifest.dependencies ?? {}));
  for (const rel of await listFiles(join(runtimeDir, "dist"))) {
    if (/\.test(?:-d)?\.(?:js|d\.ts)$/.test(rel)) continue;
    if (rel.endsWith(".d.ts")) files.push({ path: `${VENDOR_DIR}/dist/${rel}`, copyFrom: join(runtimeDir, "dist", rel) });
    else if (rel.endsWith(".js")) {
      const code = await readFile(join(runtimeDir, "dist", rel), "utf8");
      for (const name of importedPackages(code)) imported.add(name);
      files.push({ path: `${VENDOR_DIR}/dist/${rel}`, content: code.replace(SOURCE_MAP_COMMENT, "\n") });
    }
  }
  for (const rel of await listFiles(join(runtimeDir, "bin"))) {
    files.push({ path: `${VENDOR_DIR}/bin/${rel}`, copyFrom: join(runtimeDir, "bin", rel) });
  }
  for (const name of ["README.md", "LICENSE"]) {
    if (existsSync(join(runtimeDir, name))) files.push({ path: `${VENDOR_DIR}/${name}`, copyFrom: join(runtimeDir, name) });
  }
  imported.delete(typeof manifest.name === "string" ? manifest.name : "vial");
  const dependencies: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    const version = (await installedVersion(runtimeDir, name)) ?? (packagesDir === undefined ? undefined : await installedVersion(packagesDir, name));
    if (version === undefined) throw new HostFailure("not-found", `Vial imports the package ${name}, which is not installed next to ${runtimeDir}.`);
    dependencies[name] = version;
  }
  const published = Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== "scripts" && key !== "devDependencies"));
  const vendored = { ...published, exports: withoutSourceConditions(manifest.exports), dependencies };
  files.push({ path: `${VENDOR_DIR}/package.json`, content: `${JSON.stringify(vendored, null, 2)}\n` });
  return { files, dependencies };
}
