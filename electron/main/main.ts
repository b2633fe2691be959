/**
 * Electron's entry (dist/electron/main.js): a boot list in the manner of Electron Fiddle. Each step is
 * one module; the services behind them are the same plain-Node host the browser mode uses.
 */
import { join } from "node:path";
import { app, dialog, type BrowserWindow } from "electron";
import { AppHostService } from "../host/app-host/service.js";
import { createDispatch, createHandlers, type HostShell } from "../host/dispatch.js";
import { HostEvents } from "../host/events.js";
import { projectFromElectronArgv } from "../host/launch-args.js";
import { defaultProjectsDir, defaultUserDataDir, studioPaths } from "../host/studio-paths.js";
import { Workspace } from "../host/workspace.js";
import { setupDialogs } from "./dialogs.js";
import { setupIpc } from "./ipc.js";
import { setupMenu } from "./menu.js";
import { setupPreview } from "./preview.js";
import { registerStudioScheme, serveStudioScheme } from "./protocol.js";
import { setupSecurity } from "./security.js";
import { createStudioWindow } from "./window.js";

let studioWindow: BrowserWindow | undefined;
const currentWindow = (): BrowserWindow | undefined => studioWindow;
// macOS reports folders dropped on the dock icon before the app is ready.
const pendingOpens: string[] = [];
let openProject = (dir: string): void => void pendingOpens.push(dir);

function focusWindow(): void {
  if (!studioWindow || studioWindow.isDestroyed()) return;
  if (studioWindow.isMinimized()) studioWindow.restore();
  studioWindow.focus();
}

async function boot(): Promise<void> {
  await app.whenReady();
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

  setupSecurity();
  serveStudioScheme(paths.rendererDir);
  const shell: HostShell = { mode: "electron", ...setupDialogs(currentWindow), ...setupPreview(currentWindow) };
  const handlers = createHandlers({
    workspace,
    appHost,
    shell,
    version: app.getVersion(),
    startersDir: paths.startersDir,
    defaultProjectsDir: defaultProjectsDir(),
  });
  setupIpc({ dispatch: createDispatch(handlers), events, studioWindow: currentWindow });

  openProject = (dir) => {
    workspace.open(dir).catch((error: Error) => dialog.showErrorBox("Cannot open the project", `${dir}\n\n${error.message}`));
  };
  const refreshMenu = await setupMenu(workspace, {
    command: (id) => events.emit("menu.command", { id }),
    openRecent: (dir) => openProject(dir),
    clearRecent: () => {
      app.clearRecentDocuments();
      void workspace.recent.clear().then(refreshMenu);
    },
  });
  events.subscribe((message) => {
    if (message.event !== "project.changed") return;
    // The OS's recent list (jump list, dock menu) gets every project opened, from any source.
    if (message.payload.project) app.addRecentDocument(message.payload.project.dir);
    void refreshMenu();
  });

  app.on("second-instance", (_event, argv, workingDirectory) => {
    focusWindow();
    const project = projectFromElectronArgv({ argv, cwd: workingDirectory, packaged: app.isPackaged });
    if (project) openProject(project);
  });
  const fromCommandLine = projectFromElectronArgv({ argv: process.argv, cwd: process.cwd(), packaged: app.isPackaged });
  const requested = [...pendingOpens, ...(fromCommandLine ? [fromCommandLine] : [])].at(-1);
  if (requested) await workspace.open(requested).catch(() => workspace.restore());
  else await workspace.restore();

  const openWindow = async (): Promise<void> => {
    studioWindow = await createStudioWindow({ preload: join(import.meta.dirname, "preload.cjs"), settings: workspace.settings });
    studioWindow.on("closed", () => (studioWindow = undefined));
  };
  app.on("activate", () => {
    if (!studioWindow) void openWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  let disposed = false;
  app.on("before-quit", (event) => {
    if (disposed) return;
    // Stop the user's app and the watchers before the process goes away.
    event.preventDefault();
    disposed = true;
    void Promise.all([workspace.dispose(), appHost.dispose()]).finally(() => app.quit());
  });
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
