/**
 * The Studio in a real Electron window (Playwright's `_electron`), for machines that have Electron's
 * binary: `npm run test:electron`. Browser mode covers the workbench itself; this covers what only
 * Electron does: start-up, a project from the command line, the native menu and the preview view.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
import { afterEach, expect, test } from "vitest";
import { findElectronBinary } from "../../scripts/electron-binary.mjs";
import { saveScreenshot } from "../fixtures.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const repoRoot = join(import.meta.dirname, "../..");
const running: { app: ElectronApplication; scratch: string }[] = [];

async function launchStudio(args: string[] = []): Promise<{ app: ElectronApplication; window: Page; scratch: string }> {
  const scratch = mkdtempSync(join(tmpdir(), "vial-electron-"));
  const app = await _electron.launch({
    executablePath: findElectronBinary(),
    args: [join(repoRoot, "dist/electron/main.js"), ...args],
    // The Studio keeps its user data under XDG_CONFIG_HOME on Linux: a fresh one per test.
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, "config") },
  });
  running.push({ app, scratch });
  const window = await app.firstWindow();
  return { app, window, scratch };
}

afterEach(async (context) => {
  for (const { app, scratch } of running.splice(0)) {
    if (context.task.result?.state === "fail") {
      const window = app.windows()[0];
      if (window) await saveScreenshot(window, `electron-${context.task.name}-failure`).catch(() => undefined);
    }
    await app.close().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
});

test("starts with the welcome screen in a locked-down window", async () => {
  const { app, window } = await launchStudio();
  await new WorkbenchPage(window).ready();
  expect(await window.title()).toBe("Vial Studio");
  // contextIsolation + sandbox: the page sees the typed bridge and nothing of Node.
  const exposed = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as { vialStudio?: object }).vialStudio ?? {}).sort(),
  }));
  expect(exposed).toEqual({ require: "undefined", process: "undefined", bridge: ["invoke", "on"] });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test("opens the project named on the command line", async () => {
  const project = join(mkdtempSync(join(tmpdir(), "vial-electron-project-")), "blank");
  cpSync(join(repoRoot, "resources/starters/blank"), project, { recursive: true });
  const { window } = await launchStudio([project]);
  await new WorkbenchPage(window).projectOpen();
  await expect.poll(() => new ExplorerPage(window).visiblePaths()).toContain("app.ts");
});

test("has the File, Edit, View, Run and Help menus, and a menu item reaches the workbench", async () => {
  const project = join(mkdtempSync(join(tmpdir(), "vial-electron-project-")), "blank");
  cpSync(join(repoRoot, "resources/starters/blank"), project, { recursive: true });
  const { app, window } = await launchStudio([project]);
  const workbench = new WorkbenchPage(window);
  const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
  expect(labels).toEqual(expect.arrayContaining(["File", "Edit", "View", "Run", "Help"]));
  await workbench.projectOpen();
  const panelShown = () => workbench.bottomPanel.isVisible();
  const before = await panelShown();
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById("view.togglePanel")?.click());
  await expect.poll(panelShown).toBe(!before);
});

test("shows the running app in the preview view", async () => {
  const project = join(mkdtempSync(join(tmpdir(), "vial-electron-project-")), "website");
  cpSync(join(repoRoot, "resources/starters/website"), project, { recursive: true });
  const { app, window } = await launchStudio([project]);
  await new WorkbenchPage(window).projectOpen();
  // In Electron the preview is a WebContentsView of its own, outside the Studio page's DOM.
  const previewText = () =>
    app.evaluate(async ({ webContents }) => {
      const view = webContents.getAllWebContents().find((contents) => contents.getURL().startsWith("http://127.0.0.1:"));
      return view ? String(await view.executeJavaScript("document.body.innerText")) : "";
    });
  await expect.poll(previewText, { timeout: 30_000 }).toContain("Welcome to your new website");
});
