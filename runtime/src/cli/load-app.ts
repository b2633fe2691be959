import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Vial } from "../app.js";
import { CliError } from "./errors.js";

// Duck-typed rather than `instanceof Vial`: the app imports `vial` from the project's node_modules,
// which may be another copy of the package than the one running this CLI.
function isVialApp(value: unknown): value is Vial {
  const candidate = value as Partial<Vial> | null | undefined;
  return typeof candidate?.handle === "function" && typeof candidate.fetch === "function" && typeof candidate.urlMap === "function";
}

/**
 * Imports a built app module and returns the Vial instance it exports as `app` (or as its default
 * export). Errors thrown while the module runs propagate; a missing package or a module without an app
 * gets an error that says what to do.
 *
 * @example
 * ```ts
 * const { app } = await loadAppModule("/p/.vial/build/app-1-1.mjs", "/p/app.ts");
 * ```
 */
export async function loadAppModule(modulePath: string, entry: string): Promise<{ app: Vial }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && /Cannot find package '([^']+)'/.exec(String(error));
    if (missing) {
      throw new CliError(`The app imports the package ${missing[1]}, which is not installed: run \`npm install\` in the project folder.`, {
        cause: error,
      });
    }
    throw error;
  }
  const app = isVialApp(mod["app"]) ? mod["app"] : isVialApp(mod["default"]) ? mod["default"] : undefined;
  if (!app) {
    const name = relative(process.cwd(), entry) || entry;
    throw new CliError(
      `${name} does not export a Vial app. Add \`export const app = new Vial({ root: import.meta.dirname });\` ` +
        "(or `export default app`).",
    );
  }
  return { app };
}
