import type {
  FileKind,
  FileNode,
  ProjectInfo,
  RecentProject,
  StarterInfo,
  StudioInfo,
} from "../../electron/api/contract";
import type { HostInvoker } from "../api/client";
import { createStore } from "./store";

export interface WorkspaceState {
  /** False until the first answers from the host arrived. */
  ready: boolean;
  info: StudioInfo | null;
  project: ProjectInfo | null;
  tree: FileNode | null;
  recent: RecentProject[];
  starters: StarterInfo[];
}

const INITIAL: WorkspaceState = { ready: false, info: null, project: null, tree: null, recent: [], starters: [] };

/** Every file path in a tree, depth first (what quick open and template completion search). */
export function filePaths(node: FileNode | null): string[] {
  if (!node) return [];
  if (node.kind === "file") return [node.path];
  return (node.children ?? []).flatMap(filePaths);
}

/** The folder part of a project-relative path ("" for the root). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** Joins a folder and a name the way the host expects (no leading slash for the root). */
export function joinPath(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/**
 * Where `from` ends up when dropped on `folder` ("" is the root), or undefined when the move means
 * nothing (already there) or is impossible (a folder into itself or its own subfolder).
 */
export function moveTarget(from: string, folder: string): string | undefined {
  if (parentPath(from) === folder) return undefined;
  if (folder === from || folder.startsWith(`${from}/`)) return undefined;
  return joinPath(folder, from.split("/").pop() ?? from);
}

/** Why a file or folder name typed by the user cannot be used, or undefined when it is fine. */
export function invalidNameReason(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "Enter a name.";
  if (trimmed === "." || trimmed === "..") return `"${trimmed}" is not a valid name.`;
  if (/[\\:*?"<>|]/.test(trimmed) || trimmed.includes("\0")) return 'A name cannot contain \\ : * ? " < > |';
  if (trimmed.startsWith("/") || trimmed.endsWith("/") || trimmed.includes("//")) return "Use a relative path like folder/file.ts.";
  if (trimmed.split("/").some((part) => part === ".." || part === ".")) return "A path cannot contain . or .. segments.";
  return undefined;
}

/** The open project, its file tree, recent projects and starters. */
export class WorkspaceStore {
  readonly state = createStore<WorkspaceState>(INITIAL);
  #treeRequest: Promise<void> | undefined;
  #treeStale = false;

  constructor(private readonly host: HostInvoker) {}

  /** Loads what the welcome screen and the workbench need; called once at start. */
  async init(): Promise<void> {
    const [info, current, recent, starters] = await Promise.all([
      this.host.invoke("studio.info", {}),
      this.host.invoke("projects.current", {}),
      this.host.invoke("projects.recent", {}),
      this.host.invoke("projects.starters", {}),
    ]);
    this.state.set((state) => ({
      ...state,
      ready: true,
      info,
      project: current.project,
      recent: recent.projects,
      starters: starters.starters,
    }));
    if (current.project) await this.refreshTree();
  }

  async createProject(starter: string, name: string, parentDir?: string): Promise<ProjectInfo> {
    const request = parentDir ? { starter, name, parentDir } : { starter, name };
    const project = await this.host.invoke("projects.create", request);
    await this.projectChanged(project);
    return project;
  }

  async openProject(dir: string): Promise<ProjectInfo> {
    const project = await this.host.invoke("projects.open", { dir });
    await this.projectChanged(project);
    return project;
  }

  async closeProject(): Promise<void> {
    await this.host.invoke("projects.close", {});
    await this.projectChanged(null);
  }

  async forgetRecent(dir: string): Promise<void> {
    await this.host.invoke("projects.forget", { dir });
    await this.#loadRecent();
  }

  /** Applies a project switch, whoever caused it (this window, the menu, a second launch). */
  async projectChanged(project: ProjectInfo | null): Promise<void> {
    if (this.state.get().project?.dir === project?.dir && this.state.get().tree) return;
    this.state.set((state) => ({ ...state, project, tree: null }));
    await Promise.all([project ? this.refreshTree() : undefined, this.#loadRecent()]);
  }

  /** Re-reads the tree; calls made while a read is running coalesce into one more read. */
  refreshTree(): Promise<void> {
    if (this.#treeRequest) {
      this.#treeStale = true;
      return this.#treeRequest;
    }
    this.#treeRequest = (async () => {
      try {
        do {
          this.#treeStale = false;
          if (!this.state.get().project) return;
          const { root } = await this.host.invoke("files.tree", {});
          this.state.set((state) => (state.project ? { ...state, tree: root } : state));
        } while (this.#treeStale);
      } finally {
        this.#treeRequest = undefined;
      }
    })();
    return this.#treeRequest;
  }

  async create(path: string, kind: FileKind): Promise<void> {
    await this.host.invoke("files.create", { path, kind });
    await this.refreshTree();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.host.invoke("files.rename", { from, to });
    await this.refreshTree();
  }

  async delete(path: string): Promise<void> {
    await this.host.invoke("files.delete", { path });
    await this.refreshTree();
  }

  async #loadRecent(): Promise<void> {
    const { projects } = await this.host.invoke("projects.recent", {});
    this.state.set((state) => ({ ...state, recent: projects }));
  }
}
