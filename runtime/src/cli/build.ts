import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build, formatMessages, type Message, type Plugin } from "esbuild";

/**
 * The output of a successful {@link buildApp}: the bundled ES module on disk and the user files it was made from.
 *
 * @example
 * ```ts
 * const { outfile, inputs } = await buildApp({ entry: "/p/app.ts", projectRoot: "/p" });
 * ```
 */
export interface BuiltApp {
  outfile: string;
  /** Absolute paths of every project file bundled in (what a reload should watch). */
  inputs: string[];
  /** The bundle's text, to tell a real change from a save that changed nothing. */
  code: string;
}

/**
 * A compile error in the user's code, with each problem as `file:line:column: message` and esbuild's
 * pretty rendering (the source line and a caret) in `details`.
 *
 * @example
 * ```ts
 * try { await buildApp(opts); } catch (e) { if (e instanceof BuildError) console.error(e.details); }
 * ```
 */
export class BuildError extends Error {
  constructor(
    readonly problems: { file: string; line: number; column: number; text: string }[],
    readonly details: string,
  ) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.text}`).join("\n") || "The app failed to compile.");
    this.name = "BuildError";
  }
}

const IMPORT_META = /\bimport\.meta\.(dirname|filename|url)\b/g;

// Bundling moves code into .vial/build/, so `import.meta.dirname` would point there; each file gets its
// own original values instead (one line becomes one line, so source-map lines stay right).
function keepImportMetaPaths(): Plugin {
  return {
    name: "vial-import-meta",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const values: Record<string, string> = {
          dirname: dirname(args.path),
          filename: args.path,
          url: pathToFileURL(args.path).href,
        };
        const contents = source.replace(IMPORT_META, (_, key: string) => JSON.stringify(values[key]));
        const extension = /\.([cm]?)([jt]sx?)$/.exec(args.path)?.[2] ?? "js";
        return { contents, loader: extension as "js" | "ts" | "jsx" | "tsx" };
      });
    },
  };
}

let counter = 0;

/**
 * Compiles the app module with esbuild into `<projectRoot>/.vial/build/` as one ES module: the project's
 * own files are bundled (TypeScript included, with an inline source map so stacks show `.ts` lines), every
 * package (such as `vial`) stays an import, resolved from the project's `node_modules`. Each build gets a
 * fresh file name so a running worker's module is never overwritten.
 *
 * @example
 * ```ts
 * const built = await buildApp({ entry: "/home/me/project/app.ts", projectRoot: "/home/me/project" });
 * const mod = await import(pathToFileURL(built.outfile).href);
 * ```
 */
export async function buildApp(opts: { entry: string; projectRoot: string }): Promise<BuiltApp> {
  const outdir = join(opts.projectRoot, ".vial", "build");
  await mkdir(outdir, { recursive: true });
  const outfile = join(outdir, `app-${process.pid}-${++counter}.mjs`);
  try {
    const result = await build({
      entryPoints: [opts.entry],
      absWorkingDir: opts.projectRoot,
      outfile,
      bundle: true,
      packages: "external",
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      metafile: true,
      write: false,
      logLevel: "silent",
      plugins: [keepImportMetaPaths()],
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error("esbuild produced no output");
    await writeFile(outfile, output.contents);
    const inputs = Object.keys(result.metafile.inputs).map((input) => join(opts.projectRoot, input));
    return { outfile, inputs, code: output.text };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!Array.isArray(errors)) throw error;
    const pretty = await formatMessages(errors, { kind: "error", color: false });
    const problems = errors.map((message) => ({
      file: message.location?.file ?? relative(opts.projectRoot, opts.entry),
      line: message.location?.line ?? 0,
      column: (message.location?.column ?? 0) + 1,
      text: message.text,
    }));
    throw new BuildError(problems, pretty.join(""));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes this process's earlier bundles in `.vial/build/` except `keep`, and bundles left behind by
 * `vial` processes that are no longer running. Another running `vial` (the Studio, a second terminal)
 * keeps its files.
 *
 * @example
 * ```ts
 * await removeOldBuilds("/home/me/project", [current.outfile]);
 * ```
 */
export async function removeOldBuilds(projectRoot: string, keep: string[]): Promise<void> {
  const outdir = join(projectRoot, ".vial", "build");
  const names = await readdir(outdir).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(/^app-(\d+)-\d+\.mjs$/.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || keep.includes(join(outdir, name))) return false;
    return pid === process.pid || !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(join(outdir, name), { force: true })));
}
