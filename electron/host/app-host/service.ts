/**
 * The app host as the Studio's host sees it: one supervisor for the open project, a file watcher
 * that tells it about saves, its events forwarded to the renderer, and the `appHost.*` handlers.
 */
import chokidar from "chokidar";
import { relative, sep } from "node:path";
import type { StudioHandlers } from "../../api/contract.js";
import { HostFailure } from "../../api/errors.js";
import type { HostEvents } from "../events.js";
import { isIgnoredName } from "../files.js";
import type { AppChildLauncher } from "./launcher.js";
import { AppSupervisor } from "./supervisor.js";
import type { AppStatus } from "./types.js";

const stoppedStatus: AppStatus = { state: "stopped", port: null, url: null, revision: 0, lastRestartMs: null, lastReloadMs: null, error: null };

export interface AppHostOptions {
  events: HostEvents;
  /** The Studio's runtime package folder (`<repo>/runtime`). */
  runtimeDir: string;
  /** The bundled child entry (`<repo>/dist/app-host/app-child.js`). */
  childEntry: string;
  /** The port the user chose in settings (0 = any free port), read when a project opens. */
  preferredPort?: () => Promise<number>;
  hangTimeoutMs?: number;
  /** Starts the app's child process; `child_process.fork` unless given (Electron passes its utility process). */
  launcher?: AppChildLauncher;
}

interface SaveWatcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Hosted {
  supervisor: AppSupervisor;
  watcher: SaveWatcher;
  unsubscribe: Array<() => void>;
}

/**
 * Runs the open project's app; follow the workspace with {@link AppHostService.follow}.
 *
 * @example
 * const appHost = new AppHostService({ events, runtimeDir, childEntry });
 * appHost.follow();             // opens/closes with the workspace's project.changed events
 * await appHost.open("/home/me/my-app");
 */
export class AppHostService {
  readonly #opts: AppHostOptions;
  #hosted: Hosted | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: AppHostOptions) {
    this.#opts = opts;
  }

  /** Opens and closes along with the workspace's project. Returns the unsubscribe function. */
  follow(): () => void {
    return this.#opts.events.subscribe((message) => {
      if (message.event !== "project.changed") return;
      const dir = message.payload.project?.dir;
      void (dir === undefined ? this.close() : this.open(dir));
    });
  }

  /** The supervisor of the open project, if one is open. */
  current(): AppSupervisor | undefined {
    return this.#hosted?.supervisor;
  }

  /** The supervisor of the open project; fails with `no-project` when none is open. */
  supervisor(): AppSupervisor {
    if (!this.#hosted) throw new HostFailure("no-project", "Open a project first.");
    return this.#hosted.supervisor;
  }

  /** The app's status; `stopped` when no project is open. */
  status(): AppStatus {
    return this.#hosted?.supervisor.status() ?? stoppedStatus;
  }

  /** Starts hosting a project's app (stopping the previous one); the app starts in the background. */
  open(projectDir: string): Promise<void> {
    return this.#serially(async () => {
      if (this.#hosted?.supervisor.projectRoot === projectDir) return;
      await this.#stop();
      const port = (await this.#opts.preferredPort?.()) ?? 0;
      const supervisor = new AppSupervisor({
        projectRoot: projectDir,
        runtimeDir: this.#opts.runtimeDir,
        childEntry: this.#opts.childEntry,
        port,
        inspect: true,
        ...(this.#opts.hangTimeoutMs === undefined ? {} : { hangTimeoutMs: this.#opts.hangTimeoutMs }),
        ...(this.#opts.launcher === undefined ? {} : { launcher: this.#opts.launcher }),
      });
      const { events } = this.#opts;
      const unsubscribe = [
        supervisor.on("status", (status) => events.emit("appHost.status", status)),
        supervisor.on("output", (line) => events.emit("appHost.output", line)),
        supervisor.on("request", (entry) => events.emit("appHost.request", entry)),
        supervisor.on("problems", (problems) => events.emit("appHost.problems", { problems })),
      ];
      const watcher = watchSaves(projectDir, (path, at) => void supervisor.fileChangedAt(path, at));
      this.#hosted = { supervisor, watcher, unsubscribe };
      await watcher.ready;
      void supervisor.start();
    });
  }

  close(): Promise<void> {
    return this.#serially(() => this.#stop());
  }

  dispose(): Promise<void> {
    return this.close();
  }

  #serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #stop(): Promise<void> {
    const hosted = this.#hosted;
    this.#hosted = undefined;
    if (!hosted) return;
    await hosted.watcher.close();
    await hosted.supervisor.dispose();
    for (const off of hosted.unsubscribe) off();
    this.#opts.events.emit("appHost.status", stoppedStatus);
  }
}

/**
 * Every save in the project (the Studio's own writes included), skipping dependencies and build
 * output. Events are settled for `settleMs`, so an editor that truncates then writes a file is seen
 * once, with the content complete; `at` is when the first event of the burst arrived.
 */
function watchSaves(root: string, onSave: (path: string, at: number) => void, settleMs = 15): SaveWatcher {
  const watcher = chokidar.watch(root, {
    ignored: (path: string) => relative(root, path).split(sep).some(isIgnoredName),
    ignoreInitial: true,
    followSymlinks: false,
    disableGlobbing: true,
  });
  const pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const saved = [...pending];
    pending.clear();
    for (const [path, at] of saved) onSave(path, at);
  };
  const saved = (path: string): void => {
    if (!pending.has(path)) pending.set(path, performance.now());
    clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  };
  watcher.on("add", saved).on("change", saved).on("unlink", saved);
  // A folder that cannot be watched must not take the Studio down; saves through the Studio still land.
  watcher.on("error", () => undefined);
  return {
    ready: new Promise((resolve) => watcher.once("ready", () => resolve())),
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** The `appHost.*` methods of the contract. */
export type AppHostMethod = Extract<keyof StudioHandlers, `appHost.${string}`>;

/**
 * The handlers the dispatch table spreads in.
 *
 * @example
 * const handlers = { ...otherHandlers, ...appHostHandlers(appHost) } satisfies StudioHandlers;
 */
export function appHostHandlers(service: AppHostService): Pick<StudioHandlers, AppHostMethod> {
  return {
    "appHost.status": async () => service.status(),
    "appHost.start": async () => service.supervisor().start(),
    "appHost.stop": async () => service.supervisor().stop(),
    "appHost.restart": async () => service.supervisor().restart(),
    "appHost.logs": async () => {
      const app = service.current();
      return { output: app?.output() ?? [], requests: app?.requests() ?? [], problems: app?.problems() ?? [] };
    },
    "appHost.clearRequests": async () => {
      service.supervisor().clearRequests();
      return {};
    },
  };
}
