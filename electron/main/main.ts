/**
 * Electron's entry (dist/electron/main.js): a boot list in the manner of Electron Fiddle. Each step is
 * one module; the services behind them are the same plain-Node host the browser mode uses.
 */
import { join } from "node:path";
import { app, dialog, type BrowserWindow } from "electron";
import { defaultUserDataDir } from "../host/studio-paths.js";
import { createElectronHost } from "./host.js";
import { setupIpc } from "./ipc.js";
import { openFirstProject, projectOpener, setupLifecycle, setupSingleInstance } from "./lifecycle.js";
import { setupMenu } from "./menu.js";
import { registerStudioScheme, serveStudioScheme } from "./protocol.js";
import { setupSecurity } from "./security.js";
import { createStudioWindow } from "./window.js";

let studioWindow: BrowserWindow | undefined;
const currentWindow = (): BrowserWindow | undefined => studioWindow;
// macOS reports folders dropped on the dock icon before the app is ready.
const dropped: string[] = [];
let openProject = (dir: string): void => void dropped.push(dir);

async function boot(): Promise<void> {
  await app.whenReady();
  const host = createElectronHost(currentWindow);
  setupSecurity();
  serveStudioScheme(host.paths.rendererDir);
  setupIpc({ dispatch: host.dispatch, events: host.events, studioWindow: currentWindow });
  openProject = projectOpener(host);
  await setupMenu(host, openProject);
  setupSingleInstance(currentWindow, openProject);
  await openFirstProject(host, dropped);

  const openWindow = async (): Promise<void> => {
    studioWindow = await createStudioWindow({ preload: join(import.meta.dirname, "preload.cjs"), settings: host.workspace.settings });
    studioWindow.on("closed", () => (studioWindow = undefined));
  };
  setupLifecycle(host, currentWindow, openWindow);
  await openWindow();
}

// One failed background task (a watcher, the user's app) must not take the whole Studio down.
process.on("unhandledRejection", (reason) => console.error("vial-studio: background task failed:", reason));
app.setName("Vial Studio");
// The same user-data folder as browser mode: settings, recent projects and unsaved buffers follow the user.
app.setPath("userData", defaultUserDataDir());
registerStudioScheme();
app.on("open-file", (event, path) => {
  event.preventDefault();
  openProject(path);
});
if (app.requestSingleInstanceLock()) {
  boot().catch((error: Error) => {
    dialog.showErrorBox("Vial Studio could not start", error.stack ?? error.message);
    app.exit(1);
  });
} else {
  app.quit();
}
