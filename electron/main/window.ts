/**
 * The Studio's window: locked down (context isolation, sandbox, no Node, no <webview>, no navigation
 * away from the Studio, no pop-ups) and remembered (size, position, maximised).
 */
import { BrowserWindow, dialog, screen } from "electron";
import type { WindowState } from "../api/contract.js";
import type { SettingsStore } from "../host/settings.js";
import { isStudioUrl, studioOrigin } from "./studio-origin.js";

function visibleOnSomeDisplay(state: WindowState): boolean {
  if (state.x === undefined || state.y === undefined) return false;
  const { x, y } = state;
  return screen.getAllDisplays().some(({ workArea }) =>
    x >= workArea.x && y >= workArea.y && x < workArea.x + workArea.width && y < workArea.y + workArea.height,
  );
}

function stateOf(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

export interface StudioWindowOptions {
  preload: string;
  settings: SettingsStore;
}

/**
 * Opens the Studio window at its saved bounds and loads the renderer from the Studio's origin.
 *
 * @example
 * const window = await createStudioWindow({ preload: join(import.meta.dirname, "preload.cjs"), settings });
 */
export async function createStudioWindow(options: StudioWindowOptions): Promise<BrowserWindow> {
  const saved = (await options.settings.get()).window;
  const window = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    ...(saved && visibleOnSomeDisplay(saved) ? { x: saved.x, y: saved.y } : {}),
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: "Vial Studio",
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once("ready-to-show", () => window.show());

  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
  contents.on("will-navigate", (event) => {
    if (!isStudioUrl(event.url)) event.preventDefault();
  });
  contents.on("will-redirect", (event) => {
    if (!isStudioUrl(event.url)) event.preventDefault();
  });
  // The renderer asks before closing with unsaved edits (beforeunload); Electron needs the question asked here.
  contents.on("will-prevent-unload", (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: "question",
      buttons: ["Close Anyway", "Cancel"],
      defaultId: 1,
      cancelId: 1,
      message: "Some files have unsaved changes.",
      detail: "They are kept and offered again the next time you open this project.",
    });
    if (choice === 0) event.preventDefault();
  });

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (!window.isDestroyed()) void options.settings.set({ window: stateOf(window) });
    }, 500);
  };
  window.on("resize", saveState);
  window.on("move", saveState);
  window.on("maximize", saveState);
  window.on("unmaximize", saveState);
  window.on("close", () => {
    clearTimeout(saveTimer);
    void options.settings.set({ window: stateOf(window) });
  });

  // A failed load (the renderer not built) still shows the window, with the protocol's explanation.
  await window.loadURL(`${studioOrigin}/index.html`).catch(() => window.show());
  return window;
}
