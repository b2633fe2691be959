/**
 * Native dialogs and the system browser, behind the host's shell interface.
 */
import { dialog, shell, type BrowserWindow } from "electron";
import type { HostShell } from "../host/dispatch.js";

/**
 * Part of the Electron {@link HostShell}: a native folder picker attached to the Studio window, and
 * `shell.openExternal` for the http(s) URLs the contract lets through.
 *
 * @example
 * const shell = { mode: "electron", ...setupDialogs(() => studioWindow), ...setupPreview(() => studioWindow) };
 */
export function setupDialogs(studioWindow: () => BrowserWindow | undefined): Pick<HostShell, "openFolderDialog" | "openExternal"> {
  return {
    async openFolderDialog(title) {
      const window = studioWindow();
      const options: Electron.OpenDialogOptions = {
        title: title ?? "Open Folder",
        properties: ["openDirectory", "createDirectory"],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openExternal(url) {
      const protocol = new URL(url).protocol;
      if (protocol !== "http:" && protocol !== "https:") throw new Error(`Refusing to open ${protocol} URLs.`);
      await shell.openExternal(url);
    },
  };
}
