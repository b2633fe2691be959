/**
 * The application menu as data: standard roles plus File/Edit/View/Run/Help, with the macOS app menu
 * on macOS. Studio commands are sent to the renderer (`menu.command`); their shortcuts are shown but
 * not registered, so the renderer's own keybindings handle the keys the same way in Electron and in
 * the browser. Type-only Electron import: built and tested in plain Node.
 */
import type { MenuItemConstructorOptions } from "electron";
import type { MenuCommandId, RecentProject } from "../api/contract.js";

export interface MenuActions {
  command(id: MenuCommandId): void;
  openRecent(dir: string): void;
  clearRecent(): void;
}

export interface MenuInput {
  platform: string;
  appName: string;
  recent: readonly RecentProject[];
  actions: MenuActions;
}

function recentItems(recent: readonly RecentProject[], actions: MenuActions): MenuItemConstructorOptions[] {
  return recent.filter((project) => project.exists).map((project) => ({ label: project.dir, click: () => actions.openRecent(project.dir) }));
}

/**
 * The macOS dock menu: a new project, then the recent ones.
 *
 * @example
 * app.dock?.setMenu(Menu.buildFromTemplate(dockTemplate(recent, actions)));
 */
export function dockTemplate(recent: readonly RecentProject[], actions: MenuActions): MenuItemConstructorOptions[] {
  const projects = recentItems(recent, actions);
  return [
    { label: "New Project…", click: () => actions.command("file.newProject") },
    ...(projects.length > 0 ? [{ type: "separator" } as const, ...projects] : []),
  ];
}

/**
 * The menu template for `Menu.buildFromTemplate`.
 *
 * @example
 * Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: "Vial Studio", recent, actions })));
 */
export function menuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { actions } = input;
  const mac = input.platform === "darwin";
  const item = (label: string, id: MenuCommandId, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => actions.command(id),
  });
  const recent = recentItems(input.recent, actions);
  const preferences = item(mac ? "Settings…" : "Preferences…", "file.preferences", "CmdOrCtrl+,");
  const about = item(`About ${input.appName}`, "help.about");

  const file: MenuItemConstructorOptions = {
    label: "&File",
    submenu: [
      item("New Project…", "file.newProject", "CmdOrCtrl+Shift+N"),
      item("New File", "file.newFile", "CmdOrCtrl+N"),
      { type: "separator" },
      item("Open Folder…", "file.openFolder", "CmdOrCtrl+O"),
      {
        label: "Open Recent",
        submenu: [
          ...(recent.length > 0 ? recent : [{ label: "No Recent Projects", enabled: false }]),
          { type: "separator" },
          { label: "Clear Recent Projects", enabled: recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      item("Go to File…", "file.quickOpen", "CmdOrCtrl+P"),
      { type: "separator" },
      item("Export…", "file.export"),
      { type: "separator" },
      item("Save", "file.save", "CmdOrCtrl+S"),
      item("Save All", "file.saveAll", "CmdOrCtrl+Alt+S"),
      { type: "separator" },
      item("Close Editor", "file.closeEditor", "CmdOrCtrl+W"),
      item("Close Project", "file.closeProject"),
      ...(mac ? [] : [{ type: "separator" } as const, preferences, { type: "separator" } as const, { role: "quit" } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: "&Edit",
    submenu: [
      { role: "undo" },
      { role: "redo" },
      { type: "separator" },
      { role: "cut" },
      { role: "copy" },
      { role: "paste" },
      { role: "delete" },
      { type: "separator" },
      { role: "selectAll" },
      { type: "separator" },
      item("Find in Files", "edit.findInFiles", "CmdOrCtrl+Shift+F"),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: "&View",
    submenu: [
      item("Toggle Side Bar", "view.toggleSidebar", "CmdOrCtrl+B"),
      item("Toggle Panel", "view.togglePanel", "CmdOrCtrl+J"),
      item("Toggle Preview", "view.togglePreview", "CmdOrCtrl+Shift+V"),
      { type: "separator" },
      { role: "resetZoom" },
      { role: "zoomIn" },
      { role: "zoomOut" },
      { type: "separator" },
      { role: "togglefullscreen" },
      { role: "toggleDevTools" },
    ],
  };
  const run: MenuItemConstructorOptions = {
    label: "&Run",
    submenu: [
      item("Start App", "run.start", "F5"),
      item("Stop App", "run.stop", "Shift+F5"),
      item("Restart App", "run.restart", "CmdOrCtrl+Shift+F5"),
    ],
  };
  const help: MenuItemConstructorOptions = { role: "help", submenu: [about] };

  if (!mac) return [file, edit, view, run, help];
  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      { role: "about" },
      { type: "separator" },
      preferences,
      { type: "separator" },
      { role: "services" },
      { type: "separator" },
      { role: "hide" },
      { role: "hideOthers" },
      { role: "unhide" },
      { type: "separator" },
      { role: "quit" },
    ],
  };
  return [appMenu, file, edit, view, run, { role: "windowMenu" }, help];
}
