/**
 * The two IPC channels between the Studio window and the main process, shared by ipc.ts and the
 * preload so the names cannot drift apart.
 */

/**
 * Renderer → main: `(method, request)` → InvokeResponse.
 *
 * @example
 * ipcRenderer.invoke(invokeChannel, "files.read", { path: "app.ts" });
 */
export const invokeChannel = "vial:invoke";

/**
 * Main → renderer: one EventMessage per host event.
 *
 * @example
 * window.webContents.send(eventChannel, { event: "project.changed", payload: { project: null } });
 */
export const eventChannel = "vial:event";
