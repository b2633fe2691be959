/**
 * How the app starts with a project, reacts to a second launch, and quits: the desktop behaviour
 * around the one Studio window.
 */
import { app, dialog, type BrowserWindow } from "electron";
import { projectFromElectronArgv } from "../host/launch-args.js";
import type { ElectronHost } from "./host.js";

/**
 * Opens a project by folder, telling the user (not the log) when it cannot be opened.
 *
 * @example
 * const openProject = projectOpener(host);
 * openProject("/home/me/my-app");
 */
export function projectOpener(host: ElectronHost): (dir: string) => void {
  return (dir) => {
    host.workspace.open(dir).catch((error: Error) => dialog.showErrorBox("Cannot open the project", `${dir}\n\n${error.message}`));
  };
}

/**
 * Opens the project named on the command line (or dropped on the dock icon before start), else the one
 * that was open when the Studio last stopped.
 *
 * @example
 * await openFirstProject(host, pendingOpens);
 */
export async function openFirstProject(host: ElectronHost, dropped: readonly string[]): Promise<void> {
  const fromCommandLine = projectFromElectronArgv({ argv: process.argv, cwd: process.cwd(), packaged: app.isPackaged });
  const requested = [...dropped, ...(fromCommandLine ? [fromCommandLine] : [])].at(-1);
  if (requested) await host.workspace.open(requested).catch(() => host.workspace.restore());
  else await host.workspace.restore();
}

/**
 * A second `vial-studio [project]` focuses this window and opens its project here.
 *
 * @example
 * setupSingleInstance(() => studioWindow, openProject);
 */
export function setupSingleInstance(studioWindow: () => BrowserWindow | undefined, openProject: (dir: string) => void): void {
  app.on("second-instance", (_event, argv, workingDirectory) => {
    const window = studioWindow();
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const project = projectFromElectronArgv({ argv, cwd: workingDirectory, packaged: app.isPackaged });
    if (project) openProject(project);
  });
}

/**
 * Window and quit behaviour: one window (re-created on macOS's activate), quit when it closes outside
 * macOS, and the user's app and watchers stopped before the process exits.
 *
 * @example
 * setupLifecycle(host, () => studioWindow, openWindow);
 */
export function setupLifecycle(host: ElectronHost, studioWindow: () => BrowserWindow | undefined, openWindow: () => Promise<void>): void {
  app.on("activate", () => {
    if (!studioWindow()) void openWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  let disposed = false;
  app.on("before-quit", (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void host.dispose().finally(() => app.quit());
  });
}
