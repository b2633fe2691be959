/**
 * Compiles the user's app with esbuild: the project's own TypeScript is bundled into one ESM file
 * with a linked source map, `vial` (and its subpaths) resolve to the Studio's runtime build, and every
 * other package stays external so it loads from the project's node_modules at run time.
 */
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { context, type BuildContext, type Message, type Plugin } from "esbuild";
import type { SourceLocation } from "./types.js";

/** Where `vial run` looks for the app's entry, in order (interfaces.md). */
const entryCandidates = ["app.ts", "app.js", "src/app.ts", "src/app.js"];

/**
 * The project's entry file (absolute), or undefined when none of the usual names exists.
 *
 * @example
 * findEntry("/home/me/my-app"); // "/home/me/my-app/app.ts"
 */
export function findEntry(projectRoot: string): string | undefined {
  return entryCandidates.map((name) => join(projectRoot, name)).find((path) => existsSync(path));
}

/** Where compiled output goes inside the project: `.vial/` holds the Studio's data. */
export function buildDir(projectRoot: string): string {
  return join(projectRoot, ".vial", "build");
}

export interface CompileError {
  message: string;
  location?: SourceLocation;
  /** esbuild's text of the failing line with a caret under the column. */
  detail?: string;
}

export type CompileResult = { ok: true; bundlePath: string } | { ok: false; errors: CompileError[] };

/**
 * Maps the runtime package's export subpaths (`"."`, `"./testing"`, ...) to file URLs of its build,
 * so the user's `import { Vial } from "vial"` loads the exact module the child process loads too.
 */
export function runtimeExports(runtimeDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(runtimeDir, "package.json"), "utf8")) as {
    exports?: Record<string, string | Record<string, string>>;
  };
  const map = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const file = typeof target === "string" ? target : target["default"];
    if (file === undefined || subpath.endsWith(".json")) continue;
    const specifier = subpath === "." ? "vial" : `vial/${subpath.slice(2)}`;
    map.set(specifier, pathToFileURL(join(runtimeDir, file)).href);
  }
  return map;
}

function vialResolver(runtimeDir: string): Plugin {
  const exports = runtimeExports(runtimeDir);
  return {
    name: "vial-studio-resolve",
    setup(build) {
      build.onResolve({ filter: /^vial(\/.*)?$/ }, (args) => {
        const url = exports.get(args.path);
        if (url === undefined) {
          return { errors: [{ text: `"${args.path}" is not part of vial; use one of: ${[...exports.keys()].join(", ")}` }] };
        }
        return { path: url, external: true };
      });
      // Bare specifiers (packages, node builtins) load at run time from the project's node_modules.
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.kind === "entry-point" || /^[A-Za-z]:[\\/]/.test(args.path) ? undefined : { path: args.path, external: true },
      );
    },
  };
}

/**
 * The bundle lives in `.vial/build/`, so `import.meta.dirname` inside it would point there; each
 * user file gets its own location written in instead (the app's `root` depends on it).
 */
function importMetaOfSource(): Plugin {
  return {
    name: "vial-studio-import-meta",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        const dir = join(args.path, "..");
        const contents = source
          .replaceAll("import.meta.dirname", JSON.stringify(dir))
          .replaceAll("import.meta.filename", JSON.stringify(args.path))
          .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
        const loader = /\.[cm]?tsx?$/.test(args.path) ? (args.path.endsWith("x") ? "tsx" : "ts") : args.path.endsWith("x") ? "jsx" : "js";
        return { contents, loader };
      });
    },
  };
}

function toCompileError(projectRoot: string, message: Message): CompileError {
  const where = message.location;
  if (where === null) return { message: message.text };
  const file = relative(projectRoot, join(projectRoot, where.file)).split(sep).join("/");
  const caret = `${" ".repeat(where.column)}^`;
  return {
    message: message.text,
    location: { file, line: where.line, column: where.column + 1 },
    detail: `${file}:${where.line}:${where.column + 1}: ${message.text}\n  ${where.lineText}\n  ${caret}`,
  };
}

/**
 * An incremental esbuild context for one project; `compile()` rebuilds after each save.
 *
 * @example
 * const compiler = new AppCompiler({ projectRoot, runtimeDir });
 * const result = await compiler.compile();
 * if (result.ok) fork(child, { env: { BUNDLE: result.bundlePath } });
 */
export class AppCompiler {
  readonly projectRoot: string;
  readonly runtimeDir: string;
  #context: BuildContext | undefined;
  #entry: string | undefined;

  constructor(opts: { projectRoot: string; runtimeDir: string }) {
    this.projectRoot = opts.projectRoot;
    this.runtimeDir = opts.runtimeDir;
  }

  /**
   * Where the bundle goes: named for this Studio process, so a second Studio (or `vial run`, which
   * names its bundles `app-<pid>-<n>.mjs`) on the same project never overwrites it.
   */
  get bundlePath(): string {
    return join(buildDir(this.projectRoot), `studio-${process.pid}.mjs`);
  }

  async compile(): Promise<CompileResult> {
    const entry = findEntry(this.projectRoot);
    if (entry === undefined) {
      return {
        ok: false,
        errors: [{ message: `No app entry found: create ${entryCandidates.join(", ")} that exports \`app\`.` }],
      };
    }
    if (entry !== this.#entry) await this.dispose();
    const bundlePath = this.bundlePath;
    try {
      this.#context ??= await context({
        absWorkingDir: this.projectRoot,
        entryPoints: [entry],
        outfile: bundlePath,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        sourcemap: "linked",
        sourcesContent: false,
        logLevel: "silent",
        plugins: [vialResolver(this.runtimeDir), importMetaOfSource()],
      });
      this.#entry = entry;
      const result = await this.#context.rebuild();
      if (result.errors.length > 0) return { ok: false, errors: result.errors.map((m) => toCompileError(this.projectRoot, m)) };
      return { ok: true, bundlePath };
    } catch (error) {
      const errors = (error as { errors?: Message[] }).errors;
      if (Array.isArray(errors) && errors.length > 0) {
        return { ok: false, errors: errors.map((m) => toCompileError(this.projectRoot, m)) };
      }
      return { ok: false, errors: [{ message: `The compiler failed: ${(error as Error).message}` }] };
    }
  }

  /** Stops the incremental build; with `removeOutput`, deletes the bundle and its map too. */
  async dispose(removeOutput = false): Promise<void> {
    const current = this.#context;
    this.#context = undefined;
    this.#entry = undefined;
    await current?.dispose();
    if (removeOutput) await Promise.all([rm(this.bundlePath, { force: true }), rm(`${this.bundlePath}.map`, { force: true })]);
  }
}
