/**
 * Installs the application menu (and the macOS dock menu) and keeps their recent projects current:
 * menu commands go to the renderer as `menu.command` events, recent projects open directly.
 */
import { app, Menu } from "electron";
import type { ElectronHost } from "./host.js";
import { dockTemplate, menuTemplate, type MenuActions } from "./menu-template.js";

/**
 * Builds the menus now and again whenever a project opens or closes; every opened project also goes
 * to the OS's recent list (jump list, dock).
 *
 * @example
 * await setupMenu(host, openProject);
 */
export async function setupMenu(host: ElectronHost, openProject: (dir: string) => void): Promise<void> {
  const { events, workspace } = host;
  const refresh = async (): Promise<void> => {
    const recent = await workspace.recent.list();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: app.name, recent, actions })));
    app.dock?.setMenu(Menu.buildFromTemplate(dockTemplate(recent, actions)));
  };
  const actions: MenuActions = {
    command: (id) => events.emit("menu.command", { id }),
    openRecent: openProject,
    clearRecent: () => {
      app.clearRecentDocuments();
      void workspace.recent.clear().then(refresh);
    },
  };
  events.subscribe((message) => {
    if (message.event !== "project.changed") return;
    if (message.payload.project) app.addRecentDocument(message.payload.project.dir);
    void refresh();
  });
  await refresh();
}
