/**
 * The plain-Node host (the same services browser mode uses), assembled for Electron: the workspace,
 * the user's app host, the Electron shell (dialogs, preview) and the dispatch over all of them.
 */
import { join } from "node:path";
import { app, type BrowserWindow } from "electron";
import { AppHostService } from "../host/app-host/service.js";
import { createDispatch, createHandlers, type Dispatch, type HostShell } from "../host/dispatch.js";
import { HostEvents } from "../host/events.js";
import { defaultProjectsDir, studioPaths, type StudioPaths } from "../host/studio-paths.js";
import { Workspace } from "../host/workspace.js";
import { setupDialogs } from "./dialogs.js";
import { setupPreview } from "./preview.js";

export interface ElectronHost {
  paths: StudioPaths;
  events: HostEvents;
  workspace: Workspace;
  dispatch: Dispatch;
  /** Stops watchers and the user's app. */
  dispose(): Promise<void>;
}

/**
 * Builds the host; call once the app is ready.
 *
 * @example
 * const host = createElectronHost(() => studioWindow);
 * setupIpc({ dispatch: host.dispatch, events: host.events, studioWindow: () => studioWindow });
 */
export function createElectronHost(studioWindow: () => BrowserWindow | undefined): ElectronHost {
  const paths = studioPaths(
    import.meta.dirname,
    app.isPackaged ? { ...process.env, VIAL_STUDIO_RESOURCES: process.resourcesPath } : process.env,
  );
  const events = new HostEvents();
  const workspace = new Workspace({ userDataDir: app.getPath("userData"), events });
  // The user's app runs from files outside the asar archive: a child process cannot execute inside it.
  const unpackedRoot = paths.root.replace(/app\.asar$/, "app.asar.unpacked");
  const appHost = new AppHostService({
    events,
    runtimeDir: join(unpackedRoot, "runtime"),
    childEntry: join(unpackedRoot, "dist/app-host/app-child.js"),
    preferredPort: async () => (await workspace.settings.get()).defaultPort,
  });
  appHost.follow();
  const shell: HostShell = { mode: "electron", ...setupDialogs(studioWindow), ...setupPreview(studioWindow) };
  const handlers = createHandlers({
    workspace,
    appHost,
    shell,
    version: app.getVersion(),
    startersDir: paths.startersDir,
    defaultProjectsDir: defaultProjectsDir(),
  });
  return {
    paths,
    events,
    workspace,
    dispatch: createDispatch(handlers),
    async dispose() {
      await Promise.all([workspace.dispose(), appHost.dispose()]);
    },
  };
}
