/**
 * The preview pane in Electron: the user's app in a WebContentsView laid over the area the renderer
 * gives, in its own in-memory session (no preload, no Node, sandboxed, every permission denied), kept
 * on the app's loopback origin.
 */
import { session, WebContentsView, type BrowserWindow, type WebContents } from "electron";
import type { PreviewBounds } from "../api/contract.js";
import type { HostShell } from "../host/dispatch.js";

const partition = "vial-preview";

/** Starts the inspector the app host adds to the app's pages (electron/host/app-host/inspector-script.ts). */
const startInspector = "window.__vialInspect ? window.__vialInspect.start() : undefined";
const stopInspector = "window.__vialInspect && window.__vialInspect.stop()";

function createView(): WebContentsView {
  const previewSession = session.fromPartition(partition);
  previewSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  previewSession.setPermissionCheckHandler(() => false);
  const view = new WebContentsView({
    webPreferences: { partition, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false },
  });
  const contents = view.webContents;
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
  contents.on("will-navigate", (event) => {
    // Links inside the app work; anything leaving its origin (another site, file://) does not.
    const current = URL.canParse(contents.getURL()) ? new URL(contents.getURL()).origin : undefined;
    if (!URL.canParse(event.url) || new URL(event.url).origin !== current) event.preventDefault();
  });
  return view;
}

/**
 * The inspect tool in the view: one inspection at a time, started again in each page the view loads
 * until the user picks an element or it is ended. Only the latest start in the latest page may end it
 * (a page going away, or a start replacing another, settles earlier ones).
 */
function inspection(): { start(contents: WebContents): Promise<string | null>; pageLoaded(contents: WebContents): void; end(contents: WebContents | undefined): void } {
  let pending: ((source: string | null) => void) | undefined;
  let run = 0;
  const settle = (source: string | null): void => {
    const resolve = pending;
    pending = undefined;
    resolve?.(source);
  };
  const startIn = (contents: WebContents): void => {
    const mine = ++run;
    contents.executeJavaScript(startInspector, true).then(
      (source: unknown) => {
        if (mine === run && (typeof source === "string" || source === null)) settle(source);
      },
      () => undefined,
    );
  };
  return {
    start(contents) {
      settle(null);
      return new Promise((resolve) => {
        pending = resolve;
        startIn(contents);
      });
    },
    pageLoaded(contents) {
      if (pending) startIn(contents);
    },
    end(contents) {
      if (!pending) return;
      run++;
      settle(null);
      contents?.executeJavaScript(stopInspector, true).catch(() => undefined);
    },
  };
}

/**
 * Part of the Electron {@link HostShell}: shows and hides the preview view in the Studio window, and runs
 * the inspect tool in it.
 *
 * @example
 * const shell = { mode: "electron", ...setupDialogs(() => studioWindow), ...setupPreview(() => studioWindow) };
 */
export function setupPreview(studioWindow: () => BrowserWindow | undefined): Pick<HostShell, "showPreview" | "hidePreview" | "inspectPreview"> {
  let view: WebContentsView | undefined;
  let host: BrowserWindow | undefined;
  let shownUrl: string | undefined;
  const inspector = inspection();

  return {
    async showPreview(url: string, bounds: PreviewBounds, reload: boolean) {
      const window = studioWindow();
      if (!window || window.isDestroyed()) return;
      if (!view || host !== window) {
        view = createView();
        const contents = view.webContents;
        contents.on("did-finish-load", () => inspector.pageLoaded(contents));
        host = window;
        shownUrl = undefined;
        window.contentView.addChildView(view);
        window.once("closed", () => {
          inspector.end(undefined);
          view?.webContents.close();
          view = undefined;
          host = undefined;
        });
      }
      // The renderer measures in CSS pixels; the view is placed in window pixels, which differ when zoomed.
      const zoom = window.webContents.getZoomFactor();
      view.setBounds({
        x: Math.round(bounds.x * zoom),
        y: Math.round(bounds.y * zoom),
        width: Math.round(bounds.width * zoom),
        height: Math.round(bounds.height * zoom),
      });
      view.setVisible(true);
      if (reload || url !== shownUrl) {
        shownUrl = url;
        await view.webContents.loadURL(url).catch(() => undefined);
      }
    },
    async hidePreview() {
      inspector.end(view?.webContents);
      view?.setVisible(false);
    },
    async inspectPreview(on: boolean) {
      if (!on || !view) {
        inspector.end(view?.webContents);
        return null;
      }
      return inspector.start(view.webContents);
    },
  };
}
