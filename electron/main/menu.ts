/**
 * Installs the application menu (and the macOS dock menu) and keeps their recent projects current.
 */
import { app, Menu } from "electron";
import type { Workspace } from "../host/workspace.js";
import { dockTemplate, menuTemplate, type MenuActions } from "./menu-template.js";

/**
 * Builds the menu from the recent projects now; call the returned function to rebuild it after the
 * list changes.
 *
 * @example
 * const refreshMenu = await setupMenu(workspace, actions);
 * events.subscribe((message) => message.event === "project.changed" && void refreshMenu());
 */
export async function setupMenu(workspace: Workspace, actions: MenuActions): Promise<() => Promise<void>> {
  const refresh = async (): Promise<void> => {
    const recent = await workspace.recent.list();
    const template = menuTemplate({ platform: process.platform, appName: app.name, recent, actions });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    app.dock?.setMenu(Menu.buildFromTemplate(dockTemplate(recent, actions)));
  };
  await refresh();
  return refresh;
}
