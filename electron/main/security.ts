/**
 * Defaults for every web contents the app creates (the Studio window and any preview view): no
 * permission is granted, no <webview> is attached, no pop-up window opens.
 */
import { app, session } from "electron";

/**
 * Installs the deny-by-default handlers; call once the app is ready.
 *
 * @example
 * await app.whenReady();
 * setupSecurity();
 */
export function setupSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
}
