import { describe, expect } from "vitest";
import { test, type Studio } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

/** A project with a TypeScript file and a template open: what the screenshots show. */
async function openWorkbench(studio: Studio): Promise<WorkbenchPage> {
  const workbench = new WorkbenchPage(studio.page);
  const explorer = new ExplorerPage(studio.page);
  const editor = new EditorPage(studio.page);
  await workbench.ready();
  await new WelcomePage(studio.page).createProject({ starter: "website", name: "showcase", folder: studio.projectsDir });
  await workbench.projectOpen();
  await explorer.open("app.ts");
  await explorer.open("templates/index.html");
  await editor.focus();
  return workbench;
}

async function explorerOpen(studio: Studio, path: string): Promise<void> {
  await new ExplorerPage(studio.page).open(path);
  await new EditorPage(studio.page).focus();
}

describe("workbench in the light theme", () => {
  test("follows a light OS and saves screenshots of the welcome screen and the workbench", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).starter("website").waitFor();
    expect(await workbench.theme()).toBe("light");
    await workbench.screenshot("welcome-light");
    await openWorkbench(studio);
    await workbench.screenshot("workbench-light");
  });

  test("switches to dark from the activity bar and remembers it after a reload", async ({ studio }) => {
    const workbench = await openWorkbench(studio);
    await workbench.themeToggle.click();
    await expect.poll(() => workbench.theme()).toBe("dark");
    await studio.page.reload();
    await workbench.projectOpen();
    await expect.poll(() => workbench.theme()).toBe("dark");
  });

  test("picks a theme and an editor font size in the Settings view, kept after a reload", async ({ studio }) => {
    const workbench = await openWorkbench(studio);
    await workbench.openSettings();
    await workbench.settingsTheme("dark").check();
    await expect.poll(() => workbench.theme()).toBe("dark");
    await workbench.settingsTheme("system").check();
    await expect.poll(() => workbench.theme()).toBe("light");

    await workbench.settingsFontSize.fill("18");
    const editor = new EditorPage(studio.page);
    await expect.poll(() => editor.fontSize()).toBe("18px");
    await studio.page.reload();
    await workbench.projectOpen();
    await explorerOpen(studio, "app.ts");
    await expect.poll(() => editor.fontSize()).toBe("18px");
  });

  test("toggles the panel and the preview from the command palette", async ({ studio }) => {
    const workbench = await openWorkbench(studio);
    await workbench.bottomPanel.waitFor();
    await studio.page.getByTestId("panel-tab-requests").click();
    await studio.page.getByTestId("requests-filter").fill("/static");
    await workbench.runCommand("Toggle Panel");
    await workbench.bottomPanel.waitFor({ state: "hidden" });
    await workbench.shortcut("Mod+J");
    await workbench.bottomPanel.waitFor();
    expect(await studio.page.getByTestId("requests-filter").inputValue()).toBe("/static");
    await workbench.runCommand("Toggle Preview");
    await workbench.preview.waitFor({ state: "detached" });
  });

  test("remembers the side bar width after a reload", async ({ studio }) => {
    const workbench = await openWorkbench(studio);
    const before = await workbench.sideBarWidth();
    await workbench.dragSash("sash-sidebar", 120, 0);
    await expect.poll(() => workbench.sideBarWidth()).toBeGreaterThan(before + 100);
    const resized = await workbench.sideBarWidth();
    await studio.page.reload();
    await workbench.projectOpen();
    await expect.poll(() => workbench.sideBarWidth()).toBe(resized);
  });
});

describe("workbench in a narrow window", () => {
  test("the preview gives way so the editor keeps room, and the preview's divider follows the pointer at once", async ({ studio }) => {
    await studio.page.setViewportSize({ width: 1024, height: 700 });
    const workbench = await openWorkbench(studio);
    expect(await workbench.partWidth("editor-area")).toBeGreaterThanOrEqual(320);
    const before = await workbench.partWidth("preview");
    await workbench.dragSash("sash-preview", 40, 0);
    await expect.poll(() => workbench.partWidth("preview")).toBe(before - 40);
  });
});

describe("workbench in the dark theme", () => {
  test.override({ colorScheme: "dark" });

  test("follows a dark OS and saves screenshots of the welcome screen and the workbench", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).starter("website").waitFor();
    expect(await workbench.theme()).toBe("dark");
    await workbench.screenshot("welcome-dark");
    await openWorkbench(studio);
    await workbench.screenshot("workbench-dark");
  });
});
