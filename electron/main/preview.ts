/**
 * The preview pane in Electron: the user's app in a WebContentsView laid over the area the renderer
 * gives, in its own in-memory session (no preload, no Node, sandboxed, every permission denied), kept
 * on the app's loopback origin.
 */
import { session, WebContentsView, type BrowserWindow } from "electron";
import type { PreviewBounds } from "../api/contract.js";
import type { HostShell } from "../host/dispatch.js";

const partition = "vial-preview";

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
 * Part of the Electron {@link HostShell}: shows and hides the preview view in the Studio window.
 *
 * @example
 * const shell = { mode: "electron", ...setupDialogs(() => studioWindow), ...setupPreview(() => studioWindow) };
 */
export function setupPreview(studioWindow: () => BrowserWindow | undefined): Pick<HostShell, "showPreview" | "hidePreview"> {
  let view: WebContentsView | undefined;
  let host: BrowserWindow | undefined;
  let shownUrl: string | undefined;

  return {
    async showPreview(url: string, bounds: PreviewBounds, reload: boolean) {
      const window = studioWindow();
      if (!window || window.isDestroyed()) return;
      if (!view || host !== window) {
        view = createView();
        host = window;
        shownUrl = undefined;
        window.contentView.addChildView(view);
        window.once("closed", () => {
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
      view?.setVisible(false);
    },
  };
}
