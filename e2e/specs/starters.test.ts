import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test } from "../fixtures.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const STARTERS = ["blank", "rest-api", "website"];

describe("new project from a starter", () => {
  test("the welcome screen offers the three starters", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    await workbench.ready();
    expect(await new WelcomePage(studio.page).starterIds()).toEqual(expect.arrayContaining(STARTERS));
  });

  for (const starter of STARTERS) {
    test(`creates a project from "${starter}" and shows its files in the explorer`, async ({ studio }) => {
      const workbench = new WorkbenchPage(studio.page);
      const welcome = new WelcomePage(studio.page);
      const explorer = new ExplorerPage(studio.page);
      await workbench.ready();
      const name = `my-${starter}`;
      await welcome.createProject({ starter, name, folder: studio.projectsDir });
      await workbench.projectOpen();

      const dir = join(studio.projectsDir, name);
      expect(existsSync(join(dir, "app.ts"))).toBe(true);
      await expect.poll(() => workbench.statusProject.textContent()).toBe(name);
      // Every top-level entry on disk (bar the Studio's own .vial folder) is a row in the tree.
      const onDisk = readdirSync(dir).filter((entry) => ![".vial", "node_modules", ".git"].includes(entry));
      await expect.poll(() => explorer.visiblePaths()).toEqual(expect.arrayContaining(onDisk));
      expect(onDisk).toContain("package.json");
    });
  }

  test("refuses a project name that is already taken, with a message", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const welcome = new WelcomePage(studio.page);
    await workbench.ready();
    await welcome.createProject({ starter: "blank", name: "taken", folder: studio.projectsDir });
    await workbench.projectOpen();
    await workbench.runCommand("Close Project");
    await welcome.root.waitFor();
    await welcome.createProject({ starter: "blank", name: "taken", folder: studio.projectsDir });
    await welcome.error.waitFor();
    expect(await welcome.error.textContent()).toMatch(/exist/i);
  });

  test("reopens a closed project from the recent list and by its folder path", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const welcome = new WelcomePage(studio.page);
    await workbench.ready();
    await welcome.createProject({ starter: "rest-api", name: "api", folder: studio.projectsDir });
    await workbench.projectOpen();
    await workbench.runCommand("Close Project");

    await welcome.recentProjects.first().waitFor();
    expect(await welcome.recentProjects.first().textContent()).toContain("api");
    await welcome.openRecent("api");
    await workbench.projectOpen();
    await expect.poll(() => workbench.statusProject.textContent()).toBe("api");

    await workbench.runCommand("Close Project");
    await welcome.openFolder(join(studio.projectsDir, "api"));
    await workbench.projectOpen();
    await expect.poll(() => workbench.statusProject.textContent()).toBe("api");
  });

  test("says why a folder cannot be opened", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const welcome = new WelcomePage(studio.page);
    await workbench.ready();
    await welcome.openFolder(join(studio.projectsDir, "does-not-exist"));
    await welcome.error.waitFor();
    expect(await welcome.error.textContent()).not.toBe("");
    expect(await welcome.root.isVisible()).toBe(true);
  });
});
