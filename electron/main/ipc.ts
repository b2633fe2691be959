/**
 * The one IPC channel of the Studio: `vial:invoke` → dispatch, answered with the InvokeResponse
 * envelope, and `vial:event` for host events. Calls from any frame that is not the Studio window's own
 * page are refused.
 */
import { ipcMain, type BrowserWindow, type WebFrameMain } from "electron";
import type { InvokeResponse } from "../api/contract.js";
import type { Dispatch } from "../host/dispatch.js";
import type { HostEvents } from "../host/events.js";
import { eventChannel, invokeChannel } from "./channels.js";
import { isStudioUrl } from "./studio-origin.js";


const refused: InvokeResponse = {
  ok: false,
  error: { code: "unauthorized", message: "Only the Studio's own page may call the host." },
};

/**
 * Answers invokes from the Studio window and forwards host events to it.
 *
 * @example
 * setupIpc({ dispatch, events, studioWindow: () => window });
 */
export function setupIpc(options: { dispatch: Dispatch; events: HostEvents; studioWindow: () => BrowserWindow | undefined }): void {
  const isStudioFrame = (frame: WebFrameMain | null): boolean => {
    const window = options.studioWindow();
    return (
      frame !== null &&
      window !== undefined &&
      !window.isDestroyed() &&
      frame === window.webContents.mainFrame &&
      isStudioUrl(frame.url)
    );
  };

  ipcMain.handle(invokeChannel, async (event, method: unknown, request: unknown): Promise<InvokeResponse> => {
    if (!isStudioFrame(event.senderFrame)) return refused;
    return options.dispatch(typeof method === "string" ? method : String(method), request);
  });

  options.events.subscribe((message) => {
    const window = options.studioWindow();
    if (window && !window.isDestroyed()) window.webContents.send(eventChannel, message);
  });
}
