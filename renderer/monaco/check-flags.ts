/**
 * Keeps the editor's own TypeScript checks in step with Problems: the checking flags of the project's
 * tsconfig.json (`strict`, `noImplicitAny`, …) laid over the editor's defaults. They are asked for again
 * on each project switch and after each check of the project, since a save of tsconfig.json starts one.
 */
import type { StudioClient } from "../api/client";

type Options = Record<string, unknown>;

/** Monaco's `typescriptDefaults`, as far as this module uses it. */
export interface CompilerOptionsTarget {
  getCompilerOptions(): Options;
  setCompilerOptions(options: Options): void;
}

/**
 * Takes the target's options as they are now as the defaults the project's flags override.
 *
 * @example
 * followCheckFlags(studio.client, monaco.typescript.typescriptDefaults);
 */
export function followCheckFlags(client: Pick<StudioClient, "invoke" | "on">, target: CompilerOptionsTarget): void {
  const defaults = target.getCompilerOptions();
  let applied = "{}";
  let asked = 0;
  const refresh = async (): Promise<void> => {
    const ask = ++asked;
    // Without an open project there are no flags: the defaults apply.
    const flags = await client.invoke("diagnostics.checkFlags", {}).then(
      (result) => result.flags,
      () => ({}),
    );
    const key = JSON.stringify(flags);
    if (ask !== asked || key === applied) return;
    applied = key;
    target.setCompilerOptions({ ...defaults, ...flags });
  };
  client.on("project.changed", () => void refresh());
  client.on("diagnostics.changed", () => void refresh());
  void refresh();
}
