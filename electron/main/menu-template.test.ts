import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it, vi } from "vitest";
import type { MenuCommandId, RecentProject } from "../api/contract.js";
import { dockTemplate, menuTemplate, type MenuActions } from "./menu-template.js";

function actions(): MenuActions & { commands: MenuCommandId[]; opened: string[] } {
  const commands: MenuCommandId[] = [];
  const opened: string[] = [];
  return { commands, opened, command: (id) => void commands.push(id), openRecent: (dir) => void opened.push(dir), clearRecent: vi.fn() };
}

const recent: RecentProject[] = [
  { dir: "/home/me/site", name: "site", openedAt: 2, exists: true },
  { dir: "/home/me/gone", name: "gone", openedAt: 1, exists: false },
];

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe("menuTemplate", () => {
  it("has File, Edit, View, Run and Help on Windows and Linux, with Quit and Preferences under File", () => {
    const template = menuTemplate({ platform: "linux", appName: "Vial Studio", recent, actions: actions() });
    expect(template.map((item) => item.label ?? item.role)).toEqual(["&File", "&Edit", "&View", "&Run", "help"]);
    const all = items(template);
    expect(all.some((item) => item.role === "quit")).toBe(true);
    expect(all.find((item) => item.id === "file.preferences")?.label).toBe("Preferences…");
  });

  it("adds the macOS app menu (About, Settings, Services, Quit) and the Window menu on macOS", () => {
    const template = menuTemplate({ platform: "darwin", appName: "Vial Studio", recent, actions: actions() });
    expect(template[0]?.label).toBe("Vial Studio");
    expect(items([template[0]!]).map((item) => item.role ?? item.id).filter(Boolean)).toEqual(
      expect.arrayContaining(["about", "file.preferences", "services", "quit"]),
    );
    expect(template.some((item) => item.role === "windowMenu")).toBe(true);
    const file = items([template[1]!]);
    expect(file.some((item) => item.role === "quit" || item.id === "file.preferences")).toBe(false);
  });

  it("keeps the standard editing roles", () => {
    const roles = items(menuTemplate({ platform: "win32", appName: "Vial Studio", recent, actions: actions() })).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(["undo", "redo", "cut", "copy", "paste", "selectAll", "toggleDevTools", "togglefullscreen"]));
  });

  it("sends Studio commands to the renderer, showing shortcuts without stealing the keys from it", () => {
    const recorded = actions();
    const all = items(menuTemplate({ platform: "linux", appName: "Vial Studio", recent, actions: recorded }));
    const save = all.find((item) => item.id === "file.save");
    expect(save).toMatchObject({ accelerator: "CmdOrCtrl+S", registerAccelerator: false });
    click(save);
    click(all.find((item) => item.id === "run.start"));
    expect(recorded.commands).toEqual(["file.save", "run.start"]);
  });

  it("lists recent projects that still exist and opens them", () => {
    const recorded = actions();
    const all = items(menuTemplate({ platform: "linux", appName: "Vial Studio", recent, actions: recorded }));
    const openRecent = all.find((item) => item.label === "Open Recent");
    const entries = (openRecent?.submenu as MenuItemConstructorOptions[]).map((item) => item.label).filter(Boolean);
    expect(entries).toEqual(["/home/me/site", "Clear Recent Projects"]);
    click(all.find((item) => item.label === "/home/me/site"));
    expect(recorded.opened).toEqual(["/home/me/site"]);
  });
});

describe("dockTemplate", () => {
  it("offers a new project and the recent projects that still exist", () => {
    const recorded = actions();
    const template = dockTemplate(recent, recorded);
    expect(template.map((item) => item.label ?? item.type)).toEqual(["New Project…", "separator", "/home/me/site"]);
    click(template[0]);
    click(template[2]);
    expect(recorded.commands).toEqual(["file.newProject"]);
    expect(recorded.opened).toEqual(["/home/me/site"]);
  });
});
