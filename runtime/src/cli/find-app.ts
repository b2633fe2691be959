import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { CliError } from "./errors.js";

/**
 * The files `vial run` tries, in order, when neither `--app` nor `VIAL_APP` names the entry.
 *
 * @example
 * ```ts
 * DEFAULT_ENTRIES.join(", "); // "app.ts, app.js, src/app.ts, src/app.js"
 * ```
 */
export const DEFAULT_ENTRIES = ["app.ts", "app.js", "src/app.ts", "src/app.js"] as const;

/**
 * Finds the app module: the `--app` flag, else the `VIAL_APP` environment variable, else the first of
 * {@link DEFAULT_ENTRIES} that exists in `cwd`. Throws an error that says what to do when none is found.
 *
 * @example
 * ```ts
 * findAppModule({ cwd: process.cwd(), flag: undefined, env: process.env }); // "/home/me/project/app.ts"
 * ```
 */
export function findAppModule(opts: { cwd: string; flag?: string | undefined; env?: Record<string, string | undefined> }): string {
  const named = opts.flag ?? opts.env?.["VIAL_APP"];
  if (named !== undefined && named !== "") {
    const path = isAbsolute(named) ? named : resolve(opts.cwd, named);
    if (!existsSync(path)) {
      const source = opts.flag === undefined ? "VIAL_APP" : "--app";
      throw new CliError(`${source} names ${named}, but ${path} does not exist.`);
    }
    return path;
  }
  for (const candidate of DEFAULT_ENTRIES) {
    const path = resolve(opts.cwd, candidate);
    if (existsSync(path)) return path;
  }
  throw new CliError(
    `Could not find the app in ${opts.cwd}: looked for ${DEFAULT_ENTRIES.join(", ")}. ` +
      "Run vial from the project folder, or pass --app FILE (or set VIAL_APP).",
  );
}
