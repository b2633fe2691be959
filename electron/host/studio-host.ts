/**
 * The whole Studio host in one object, built the same way by both shells (Electron main and the
 * browser-mode server): the workspace, the user's app host, and the dispatch over every method.
 */
import { join } from "node:path";
import type { AppChildLauncher } from "./app-host/launcher.js";
import { AppHostService } from "./app-host/service.js";
import { DiagnosticsService } from "./diagnostics/service.js";
import { createDispatch, createHandlers, type Dispatch, type HostShell } from "./dispatch.js";
import { HostEvents } from "./events.js";
import { SearchThread } from "./search/search-thread.js";
import { defaultProjectsDir, type StudioPaths } from "./studio-paths.js";
import { emptyOldTrash } from "./trash.js";
import { Workspace } from "./workspace.js";

export interface StudioHostOptions {
  paths: StudioPaths;
  userDataDir: string;
  shell: HostShell;
  version: string;
  /** Where the runtime, dist/app-host and dist/search are found as real files; defaults to `paths.root`. */
  unpackedRoot?: string;
  /** Starts the user's app; a Node fork unless given (Electron passes `utilityProcess.fork`). */
  appLauncher?: AppChildLauncher;
}

/** A running host. */
export interface StudioHost {
  events: HostEvents;
  workspace: Workspace;
  dispatch: Dispatch;
  /** Stops the watchers and the user's app; the open project stays recorded for the next start. */
  dispose(): Promise<void>;
}

/**
 * Builds the host; the user's app follows the workspace's project.
 *
 * @example
 * const host = createStudioHost({ paths, userDataDir, shell: webShell, version: paths.version });
 * await host.workspace.restore();
 */
export function createStudioHost(options: StudioHostOptions): StudioHost {
  const events = new HostEvents();
  const workspace = new Workspace({ userDataDir: options.userDataDir, events });
  const root = options.unpackedRoot ?? options.paths.root;
  const appHost = new AppHostService({
    events,
    runtimeDir: join(root, "runtime"),
    childEntry: join(root, "dist/app-host/app-child.js"),
    preferredPort: async () => (await workspace.settings.get()).defaultPort,
    ...(options.appLauncher === undefined ? {} : { launcher: options.appLauncher }),
  });
  appHost.follow();
  const diagnostics = new DiagnosticsService({
    events,
    runtimeDir: join(root, "runtime"),
    workerEntry: join(options.paths.root, "dist/diagnostics/check-worker.js"),
  });
  diagnostics.follow();
  const search = new SearchThread({ entry: join(root, "dist/search/search-worker.js") });
  // Deleted files are kept for a while, not forever; a failure here only means they stay longer.
  void emptyOldTrash(workspace.trashDir).catch(() => undefined);
  const handlers = createHandlers({
    workspace,
    appHost,
    shell: options.shell,
    version: options.version,
    startersDir: options.paths.startersDir,
    defaultProjectsDir: defaultProjectsDir(),
    exportSources: { runtimeDir: join(root, "runtime"), templatesDir: options.paths.exportTemplatesDir, packagesDir: options.paths.root },
    search,
    diagnostics,
  });
  return {
    events,
    workspace,
    dispatch: createDispatch(handlers),
    async dispose() {
      await Promise.all([workspace.dispose(), appHost.dispose(), diagnostics.dispose(), search.dispose()]);
    },
  };
}
