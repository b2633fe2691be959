/**
 * The exact version of an installed package, as Node would resolve it from a folder.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * The `version` of the package `name` that an import from `fromDir` would load: the first
 * `node_modules/<name>/package.json` in `fromDir` or (unless `ancestors` is false) one of its ancestors;
 * `undefined` when none is found.
 *
 * @example
 * await installedVersion("/work/main/runtime", "esbuild"); // "0.28.2"
 */
export async function installedVersion(fromDir: string, name: string, { ancestors = true } = {}): Promise<string | undefined> {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = await readFile(join(dir, "node_modules", name, "package.json"), "utf8").catch(() => undefined);
    if (manifest !== undefined) {
      const { version } = JSON.parse(manifest) as { version?: unknown };
      if (typeof version === "string") return version;
    }
    if (!ancestors || dirname(dir) === dir) return undefined;
  }
}
