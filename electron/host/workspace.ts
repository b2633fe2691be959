/**
 * The Studio's state on the host: the open project (its files and watcher) and the stores kept in the
 * user-data folder. One per Studio process; both shells (Electron, browser mode) build one.
 */
import { join } from "node:path";
import type { ProjectInfo } from "../api/contract.js";
import { HostFailure } from "../api/errors.js";
import { BufferStore } from "./buffers.js";
import type { HostEvents } from "./events.js";
import { watchProject, type ProjectWatcher } from "./file-watcher.js";
import { ProjectFiles } from "./files.js";
import { findProject, RecentProjects } from "./projects.js";
import { SettingsStore } from "./settings.js";

export interface WorkspaceOptions {
  userDataDir: string;
  events: HostEvents;
}

interface OpenProject {
  project: ProjectInfo;
  files: ProjectFiles;
  watcher: ProjectWatcher;
}

/**
 * The open project and the user's stores.
 *
 * @example
 * const workspace = new Workspace({ userDataDir, events });
 * await workspace.open("/home/me/my-app");
 * const { content } = await workspace.files().read("app.ts");
 */
export class Workspace {
  readonly settings: SettingsStore;
  readonly buffers: BufferStore;
  readonly recent: RecentProjects;
  /** Where deleted files go (see trash.ts). */
  readonly trashDir: string;
  readonly #events: HostEvents;
  #open: OpenProject | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: WorkspaceOptions) {
    this.settings = new SettingsStore(options.userDataDir);
    this.buffers = new BufferStore(options.userDataDir);
    this.recent = new RecentProjects(options.userDataDir);
    this.#events = options.events;
    this.trashDir = join(options.userDataDir, "trash");
  }

  /** Opening and closing run one at a time, in the order asked. */
  #serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  get project(): ProjectInfo | null {
    return this.#open?.project ?? null;
  }

  /** The open project's files; fails with `no-project` when none is open. */
  files(): ProjectFiles {
    if (!this.#open) throw new HostFailure("no-project", "Open a project first.");
    return this.#open.files;
  }

  /** The open project's folder; fails with `no-project` when none is open. */
  projectDir(): string {
    return this.files().root;
  }

  open(dir: string): Promise<ProjectInfo> {
    return this.#serially(async () => {
      const project = await findProject(dir);
      if (this.#open?.project.dir !== project.dir) {
        await this.#stopWatching();
        const files = new ProjectFiles(project.dir, { trashDir: this.trashDir });
        const watcher = watchProject(project.dir, files.own, (change) => this.#events.emit("files.changed", change));
        this.#open = { project, files, watcher };
        await watcher.ready;
      }
      await this.recent.opened(project);
      this.#events.emit("project.changed", { project });
      return project;
    });
  }

  close(): Promise<void> {
    return this.#serially(async () => {
      const wasOpen = this.#open !== undefined;
      await this.#stopWatching();
      await this.recent.closed();
      if (wasOpen) this.#events.emit("project.changed", { project: null });
    });
  }

  /** Reopens the project that was open when the Studio last stopped; a folder gone since is skipped. */
  async restore(): Promise<ProjectInfo | null> {
    const last = await this.recent.lastOpen();
    if (!last) return null;
    return this.open(last).catch(() => null);
  }

  /** Stops watching, keeping the record of the open project for the next start. */
  dispose(): Promise<void> {
    return this.#serially(() => this.#stopWatching());
  }

  async #stopWatching(): Promise<void> {
    const open = this.#open;
    this.#open = undefined;
    await open?.watcher.close();
  }
}
