import { pathToFileURL } from "node:url";
import { relative } from "node:path";

/**
 * The part of a Vial application the CLI uses. Structural, so an app built against another copy of the
 * `vial` package (the project's node_modules) is accepted too.
 *
 * @example
 * ```ts
 * const app: ServableApp = (await loadAppModule(built.outfile, "app.ts")).app;
 * ```
 */
export interface ServableApp {
  fetch(request: Request, info?: { remoteAddr?: string }): Promise<Response>;
  urlMap(): { endpoint: string; methods: string[]; rule: string }[];
  debug: boolean;
}

function isServableApp(value: unknown): value is ServableApp {
  const candidate = value as Partial<ServableApp> | null | undefined;
  return typeof candidate?.fetch === "function" && typeof candidate.urlMap === "function";
}

/**
 * Imports a built app module and returns the Vial instance it exports as `app` (or as its default
 * export). Errors thrown while the module runs propagate; a module without an app gets an error that
 * says what to export.
 *
 * @example
 * ```ts
 * const { app } = await loadAppModule("/p/.vial/build/app-1-1.mjs", "/p/app.ts");
 * ```
 */
export async function loadAppModule(modulePath: string, entry: string): Promise<{ app: ServableApp }> {
  const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const app = isServableApp(mod["app"]) ? mod["app"] : isServableApp(mod["default"]) ? mod["default"] : undefined;
  if (!app) {
    const name = relative(process.cwd(), entry) || entry;
    throw new Error(
      `${name} does not export a Vial app. Add \`export const app = new Vial({ root: import.meta.dirname });\` ` +
        "(or `export default app`).",
    );
  }
  return { app };
}
