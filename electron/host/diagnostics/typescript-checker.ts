/**
 * Type errors of the project's TypeScript, from one long-lived LanguageService: after a save only the
 * changed files are re-read and the program is rebuilt from the unchanged ones, and only the files
 * that import a changed file (directly or not) are checked again. `vial` resolves to the declarations
 * of the Studio's own runtime, as the app host resolves it to the runtime's build. The project's
 * `tsconfig.json`, when it has one, is read again at every check: a change to it checks everything.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix, relative, sep } from "node:path";
import ts from "typescript";
import { loadProjectConfig, readProjectConfigText } from "./project-config.js";
import { projectConfigFile, type Diagnostic } from "./types.js";

const maxSourceBytes = 1024 * 1024;
/** Shared by every project checked in this thread, so Node's and Vial's declarations are parsed once. */
const documents = ts.createDocumentRegistry();

/**
 * `vial` and its subpaths (`vial/testing`, ...) → the runtime's declaration files, or its sources when
 * the runtime is not built.
 */
function vialPaths(runtimeDir: string): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(runtimeDir, "package.json"), "utf8")) as {
    exports?: Record<string, string | Record<string, string>>;
  };
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === "string" || subpath.endsWith(".json")) continue;
    const candidates = [target["types"], target["vial-source"]].filter((file): file is string => file !== undefined).map((file) => join(runtimeDir, file));
    const found = candidates.find((file) => existsSync(file));
    if (found !== undefined) paths[subpath === "." ? "vial" : `vial/${subpath.slice(2)}`] = [found];
  }
  return paths;
}

/** Node's types from the Studio's own dependencies (the user's project has no node_modules of its own). */
function nodeTypeRoots(): string[] {
  try {
    return [dirname(dirname(createRequire(import.meta.url).resolve("@types/node/package.json")))];
  } catch {
    return [];
  }
}

/** What a Vial app is compiled with (esbuild, ESM, Node ≥ 20), made strict; a project's tsconfig.json may change these. */
const defaultOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  esModuleInterop: true,
  strict: true,
  skipLibCheck: true,
};

/** What ties the check to the Studio, whatever the project's tsconfig.json says. */
function studioOptions(runtimeDir: string): ts.CompilerOptions {
  const typeRoots = nodeTypeRoots();
  return { noEmit: true, types: typeRoots.length > 0 ? ["node"] : [], typeRoots, paths: vialPaths(runtimeDir) };
}

/**
 * A LanguageService over one project's `.ts` files.
 *
 * @example
 * const checker = new TypeScriptChecker("/home/me/my-app", runtimeDir);
 * checker.setFiles(["app.ts"]);
 * const found = checker.check(); // Map { "app.ts" => [] }
 */
export class TypeScriptChecker {
  readonly #root: string;
  readonly #service: ts.LanguageService;
  /** Project-relative path → version; bumped on every change. */
  readonly #versions = new Map<string, number>();
  /** Diagnostics of each file as last checked; a file missing here is checked on the next `check`. */
  readonly #results = new Map<string, Diagnostic[]>();
  #stale = new Set<string>();
  /** Set when files came or went: an import that did not resolve may now, so every file is checked. */
  #all = true;
  readonly #studioOptions: ts.CompilerOptions;
  #options: ts.CompilerOptions = {};
  #resolutions: ts.ModuleResolutionCache;
  #configText: string | undefined;
  #configDiagnostics: Diagnostic[] = [];

  constructor(root: string, runtimeDir: string) {
    this.#root = root;
    this.#studioOptions = studioOptions(runtimeDir);
    this.#resolutions = this.#readConfig();
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.#options,
      getScriptFileNames: () => [...this.#versions.keys()].map((path) => join(root, path)),
      getScriptVersion: (file) => String(this.#versions.get(this.#relative(file)) ?? 0),
      getScriptSnapshot: (file) => {
        const text = readSource(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => root,
      getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.#service = ts.createLanguageService(host, documents);
  }

  /** The project's TypeScript files (project-relative); files no longer listed are forgotten. */
  setFiles(paths: readonly string[]): void {
    const listed = new Set(paths);
    for (const path of [...this.#versions.keys()]) {
      if (listed.has(path)) continue;
      this.#versions.delete(path);
      this.#all = true;
    }
    for (const path of paths) {
      if (this.#versions.has(path)) continue;
      this.#versions.set(path, 1);
      this.#all = true;
    }
  }

  /** Files that changed on disk (project-relative); they and the files depending on them are checked again. */
  changed(paths: readonly string[]): void {
    for (const path of paths) {
      if (this.#versions.has(path)) this.#versions.set(path, (this.#versions.get(path) ?? 0) + 1);
      this.#stale.add(path);
    }
  }

  /** Checks what is stale and returns every file's diagnostics (synchronous: run it off the host's thread). */
  check(): Map<string, Diagnostic[]> {
    if (readProjectConfigText(this.#root) !== this.#configText) {
      this.#resolutions = this.#readConfig();
      this.#all = true;
    }
    const changed = this.#stale;
    const all = this.#all;
    this.#stale = new Set();
    this.#all = false;
    if (all) this.#resolutions.clear();
    const program = this.#service.getProgram();
    const toCheck = all || !program ? new Set(this.#versions.keys()) : this.#affected(program, changed);
    for (const path of [...this.#results.keys()]) if (!this.#versions.has(path)) this.#results.delete(path);
    for (const path of toCheck) {
      if (!this.#versions.has(path)) continue;
      this.#results.set(path, this.#diagnosticsOf(path));
    }
    const results = new Map(this.#results);
    if (this.#configDiagnostics.length > 0) results.set(projectConfigFile, this.#configDiagnostics);
    return results;
  }

  dispose(): void {
    this.#service.dispose();
  }

  /** The changed files and every file that imports one of them, directly or not. */
  #affected(program: ts.Program, changed: ReadonlySet<string>): Set<string> {
    const importers = new Map<string, Set<string>>();
    let scripts = false;
    for (const path of this.#versions.keys()) {
      const source = program.getSourceFile(join(this.#root, path));
      if (!source) continue;
      // A file that is not a module declares globals every other file may use.
      if (!ts.isExternalModule(source) && changed.has(path)) scripts = true;
      for (const { fileName } of ts.preProcessFile(source.text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(fileName, source.fileName, this.#options, ts.sys, this.#resolutions).resolvedModule?.resolvedFileName;
        if (resolved === undefined) continue;
        const target = this.#relative(resolved);
        if (!importers.has(target)) importers.set(target, new Set());
        importers.get(target)?.add(path);
      }
    }
    if (scripts) return new Set(this.#versions.keys());
    const affected = new Set<string>();
    const visit = (path: string): void => {
      if (affected.has(path)) return;
      affected.add(path);
      for (const importer of importers.get(path) ?? []) visit(importer);
    };
    for (const path of changed) visit(path);
    return affected;
  }

  #diagnosticsOf(path: string): Diagnostic[] {
    const file = join(this.#root, path);
    const found = [...this.#service.getSyntacticDiagnostics(file), ...this.#service.getSemanticDiagnostics(file)];
    return found.map((diagnostic) => {
      const start = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
      return {
        path,
        line: start.line + 1,
        column: start.character + 1,
        severity: diagnostic.category === ts.DiagnosticCategory.Error ? "error" : "warning",
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
        source: "typescript",
      };
    });
  }

  /** Takes the options of the project's tsconfig.json as it is now; returns a resolution cache for them. */
  #readConfig(): ts.ModuleResolutionCache {
    const config = loadProjectConfig(this.#root, defaultOptions, this.#studioOptions);
    this.#configText = config.text;
    this.#configDiagnostics = config.diagnostics;
    this.#options = config.options;
    return ts.createModuleResolutionCache(this.#root, (name) => name, config.options);
  }

  #relative(file: string): string {
    return relative(this.#root, file).split(sep).join(posix.sep);
  }
}

function readSource(file: string): string | undefined {
  try {
    if (statSync(file).size > maxSourceBytes) return undefined;
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
