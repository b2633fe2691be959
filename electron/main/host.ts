/**
 * The Studio host for Electron: the shared host with the Electron shell (native dialogs, the preview
 * view) and the paths of a packaged app.
 */
import { app, utilityProcess, type BrowserWindow } from "electron";
import type { HostShell } from "../host/dispatch.js";
import { createStudioHost, type StudioHost } from "../host/studio-host.js";
import { studioPaths, type StudioPaths } from "../host/studio-paths.js";
import { setupDialogs } from "./dialogs.js";
import { setupPreview } from "./preview.js";
import { utilityProcessLauncher } from "./utility-launcher.js";

export interface ElectronHost extends StudioHost {
  paths: StudioPaths;
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
  const shell: HostShell = { mode: "electron", ...setupDialogs(studioWindow), ...setupPreview(studioWindow) };
  const host = createStudioHost({
    paths,
    userDataDir: app.getPath("userData"),
    shell,
    version: app.getVersion(),
    // The user's app runs from files outside the asar archive: a child process cannot execute inside it.
    unpackedRoot: paths.root.replace(/app\.asar$/, "app.asar.unpacked"),
    // A utility process, not child_process.fork: the runAsNode fuse is off in the packaged Studio.
    appLauncher: utilityProcessLauncher(utilityProcess),
  });
  return { ...host, paths };
}
