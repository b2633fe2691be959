/**
 * The project's own script files, given to Monaco's TypeScript service as extra libraries so that
 * `import { items } from "./api/items.js"` resolves in files that are open, even when the imported
 * file is not. An open model of the same URI wins over its extra library inside the TS worker.
 */
import type { FileNode } from "../../electron/api/contract";
import { filePaths } from "../state/workspace";
import type { Studio } from "../studio";
import { uriForPath } from "./models";

const SCRIPT = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const MAX_FILES = 300;

/** The paths worth loading: scripts outside node_modules, at most {@link MAX_FILES}. */
export function scriptPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => SCRIPT.test(path) && !path.split("/").includes("node_modules")).slice(0, MAX_FILES);
}

export interface ExtraLibHost {
  addExtraLib(content: string, filePath?: string): { dispose(): void };
}

/** Keeps one extra library per project script, in step with the tree and with changes on disk. */
export class ProjectSources {
  readonly #libs = new Map<string, { dispose(): void }>();

  constructor(
    private readonly target: ExtraLibHost,
    private readonly read: (path: string) => Promise<string | undefined>,
  ) {}

  /** Loads scripts that appeared and drops those that are gone. */
  async sync(paths: readonly string[]): Promise<void> {
    const wanted = new Set(scriptPaths(paths));
    for (const [path, lib] of this.#libs) {
      if (wanted.has(path)) continue;
      lib.dispose();
      this.#libs.delete(path);
    }
    await Promise.all([...wanted].filter((path) => !this.#libs.has(path)).map((path) => this.reload(path)));
  }

  /** Re-reads one script (after it changed on disk or was saved). */
  async reload(path: string): Promise<void> {
    if (!SCRIPT.test(path)) return;
    const content = await this.read(path);
    this.#libs.get(path)?.dispose();
    this.#libs.delete(path);
    if (content !== undefined) this.#libs.set(path, this.target.addExtraLib(content, uriForPath(path)));
  }

  clear(): void {
    for (const lib of this.#libs.values()) lib.dispose();
    this.#libs.clear();
  }

  loaded(): string[] {
    return [...this.#libs.keys()].sort();
  }
}

/**
 * Keeps `sources` in step with the Studio: cleared on project switch, synced with each new tree,
 * reloaded when a script changes on disk or its editor closes (the editor's text no longer stands in for it).
 */
export function followProject(sources: ProjectSources, studio: Studio): void {
  let shownDir: string | undefined;
  let shownTree: FileNode | null = null;
  studio.workspace.state.subscribe(() => {
    const { project, tree } = studio.workspace.state.get();
    if (project?.dir !== shownDir) {
      shownDir = project?.dir;
      sources.clear();
    }
    if (tree !== shownTree) {
      shownTree = tree;
      void sources.sync(filePaths(tree));
    }
  });
  studio.client.on("files.changed", ({ paths, kind }) => {
    if (kind !== "deleted") for (const path of paths) void sources.reload(path);
  });
  studio.editors.models.onDidChange((path) => {
    if (!studio.editors.models.has(path)) void sources.reload(path);
  });
}
