/**
 * The project's static diagnostics: TypeScript type errors and Jinja syntax errors, kept current as
 * files are saved (the Studio's own saves included), and published as `diagnostics.changed`. Checks
 * run after saves settle (debounced), never per keystroke, and one at a time.
 */
import chokidar, { type FSWatcher } from "chokidar";
import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { HostEvents } from "../events.js";
import { isIgnoredName } from "../files.js";
import { CheckThread } from "./check-thread.js";
import { checkTemplate, isTemplatePath } from "./template-checker.js";
import { projectConfigFile, type Diagnostic } from "./types.js";

const sourceFile = /\.(ts|mts|cts|tsx)$/;
const maxFiles = 2000;
const maxTemplateBytes = 1024 * 1024;

export interface DiagnosticsOptions {
  events: HostEvents;
  /** The Studio's runtime package (what `vial` resolves to). */
  runtimeDir: string;
  /** The bundled TypeScript worker (dist/diagnostics/check-worker.js). */
  workerEntry: string;
  /** How long saves settle before a check; 250 ms unless given. */
  debounceMs?: number;
}

interface Checked {
  root: string;
  templates: Map<string, Diagnostic[]>;
  watcher: FSWatcher;
  timer: NodeJS.Timeout | undefined;
  /** Paths saved since the last check. */
  pending: Set<string>;
  /** Files came or went since the last check: every template is parsed again. */
  relist: boolean;
  running: Promise<void>;
}

/** Every file of the project the checkers read, skipping dependencies, build output and dot-folders. */
async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (found.length >= maxFiles || isIgnoredName(entry.name) || entry.name.startsWith(".")) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), path);
      else if (entry.isFile() && isChecked(path)) found.push(path);
    }
  };
  await walk(root, "");
  return found.sort();
}

function isTypeScript(path: string): boolean {
  return sourceFile.test(path) && !path.endsWith(".d.ts");
}

function isChecked(path: string): boolean {
  return isTypeScript(path) || isTemplatePath(path) || path === projectConfigFile;
}

async function templateDiagnostics(root: string, path: string): Promise<Diagnostic[]> {
  const info = await stat(join(root, path)).catch(() => undefined);
  if (!info?.isFile() || info.size > maxTemplateBytes) return [];
  return checkTemplate(path, await readFile(join(root, path), "utf8"));
}

/**
 * Checks the open project's code; follows the workspace's `project.changed` events.
 *
 * @example
 * const diagnostics = new DiagnosticsService({ events, runtimeDir });
 * diagnostics.follow();
 * diagnostics.list(); // [{ path: "app.ts", line: 3, column: 7, severity: "error", message: "…", source: "typescript" }]
 */
export class DiagnosticsService {
  readonly #opts: DiagnosticsOptions;
  readonly #thread: CheckThread;
  #checked: Checked | undefined;
  #latest: Diagnostic[] = [];

  constructor(opts: DiagnosticsOptions) {
    this.#opts = opts;
    this.#thread = new CheckThread(opts.workerEntry);
  }

  /** Opens and closes along with the workspace's project. Returns the unsubscribe function. */
  follow(): () => void {
    return this.#opts.events.subscribe((message) => {
      if (message.event !== "project.changed") return;
      const dir = message.payload.project?.dir;
      void (dir === undefined ? this.close() : this.open(dir));
    });
  }

  /** The diagnostics of the last finished check, sorted by path, line and column. */
  list(): Diagnostic[] {
    return this.#latest;
  }

  /** Starts checking a project (forgetting the previous one); resolves when the first check is done. */
  async open(root: string): Promise<void> {
    if (this.#checked?.root === root) return this.#checked.running;
    await this.close();
    const watcher = chokidar.watch(root, {
      ignored: (path: string) => relative(root, path).split(sep).some((part) => isIgnoredName(part) || part.startsWith(".")),
      ignoreInitial: true,
      followSymlinks: false,
      disableGlobbing: true,
    });
    const checked: Checked = {
      root,
      templates: new Map(),
      watcher,
      timer: undefined,
      pending: new Set(),
      relist: true,
      running: Promise.resolve(),
    };
    this.#checked = checked;
    const saved = (path: string, relist: boolean): void => {
      const relativePath = relative(root, path).split(sep).join("/");
      if (!relist && !isChecked(relativePath)) return;
      if (relist) checked.relist = true;
      else checked.pending.add(relativePath);
      this.#schedule(checked);
    };
    watcher.on("change", (path) => saved(path, false));
    watcher.on("add", (path) => saved(path, true)).on("unlink", (path) => saved(path, true));
    watcher.on("addDir", (path) => saved(path, true)).on("unlinkDir", (path) => saved(path, true));
    // A folder that cannot be watched must not take the Studio down; the first check still runs.
    watcher.on("error", () => undefined);
    await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
    checked.running = this.#run(checked);
    return checked.running;
  }

  /** Stops checking; the panel is cleared. */
  async close(): Promise<void> {
    const checked = this.#checked;
    this.#checked = undefined;
    if (!checked) return;
    clearTimeout(checked.timer);
    await checked.watcher.close();
    await checked.running.catch(() => undefined);
    this.#publish([]);
  }

  /** Closes the project and stops the worker thread, ending a check in progress rather than waiting for it. */
  async dispose(): Promise<void> {
    await Promise.all([this.close(), this.#thread.dispose()]);
  }

  #schedule(checked: Checked): void {
    clearTimeout(checked.timer);
    checked.timer = setTimeout(() => {
      checked.timer = undefined;
      checked.running = checked.running.then(() => this.#run(checked));
    }, this.#opts.debounceMs ?? 250);
  }

  async #run(checked: Checked): Promise<void> {
    const pending = [...checked.pending];
    const relist = checked.relist;
    checked.pending = new Set();
    checked.relist = false;
    try {
      const files = await listFiles(checked.root);
      const templates = relist ? files.filter(isTemplatePath) : pending.filter(isTemplatePath);
      if (relist) checked.templates.clear();
      for (const path of templates) checked.templates.set(path, await templateDiagnostics(checked.root, path));
      const typescript = await this.#thread.check({
        root: checked.root,
        runtimeDir: this.#opts.runtimeDir,
        files: files.filter(isTypeScript),
        changed: pending.filter(isTypeScript),
      });
      if (this.#checked !== checked) return;
      this.#publish([...typescript, ...[...checked.templates.values()].flat()]);
    } catch (error) {
      // A check of a project closed meanwhile may fail as the Studio stops its thread: that is no news.
      if (this.#checked === checked) console.error("vial-studio: checking the project failed:", error);
    }
  }

  #publish(diagnostics: Diagnostic[]): void {
    const sorted = diagnostics.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
    this.#latest = sorted;
    this.#opts.events.emit("diagnostics.changed", { diagnostics: sorted });
  }
}
