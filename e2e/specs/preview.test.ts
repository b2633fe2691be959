import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000, interval: 100 };

/** Selects the (only) occurrence of `text` in the active editor through Monaco's find widget. */
async function select(page: Page, editor: EditorPage, text: string): Promise<void> {
  await editor.focus();
  await page.keyboard.press("Control+F");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
}

async function save(page: Page): Promise<void> {
  await page.keyboard.press("Control+S");
}

test("the preview shows the Website starter, follows saves, shows errors with file:line, navigates and logs requests", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const explorer = new ExplorerPage(page);
  const editor = new EditorPage(page);
  const preview = new PreviewPage(page);

  await welcome.createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Welcome to your new website");
  await preview.waitForText("Jinja templates with layouts, blocks and macros.");

  const appFile = join(studio.projectsDir, "site/app.ts");
  const original = await readFile(appFile, "utf8");
  const brokenLine = original.split("\n").findIndex((line) => line.includes("Jinja templates with layouts")) + 1;
  await explorer.open("app.ts");
  await select(page, editor, "Jinja templates with layouts, blocks and macros.");
  await page.keyboard.type("Edited in the Studio, live.");
  await save(page);
  await preview.waitForText("Edited in the Studio, live.");
  await expect.poll(() => readFile(appFile, "utf8"), poll).toBe(original.replace("Jinja templates with layouts, blocks and macros.", "Edited in the Studio, live."));

  await page.keyboard.press("Home");
  await page.keyboard.type("}");
  await save(page);
  await preview.overlay.waitFor(poll);
  expect(await preview.overlayLocation.textContent()).toMatch(new RegExp(`^app\\.ts:${brokenLine}:\\d+$`));
  await page.keyboard.press("Control+End");
  await expect.poll(() => workbench.statusCursor.textContent(), poll).not.toMatch(new RegExp(`^Ln ${brokenLine},`));
  await preview.openPanelTab("problems");
  await preview.problems.filter({ hasText: `app.ts:${brokenLine}:` }).first().waitFor(poll);
  await preview.overlayLocation.click();
  await expect.poll(() => workbench.statusCursor.textContent(), poll).toMatch(new RegExp(`^Ln ${brokenLine}, Col \\d+$`));

  await page.keyboard.press("Control+Z");
  await save(page);
  await preview.overlay.waitFor({ state: "detached", timeout: 30_000 });
  await preview.waitForText("Edited in the Studio, live.");

  await preview.clickLink("About");
  await preview.waitForText("Every page extends");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/about");
  await preview.backButton.click();
  await preview.waitForText("Edited in the Studio, live.");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/");
  await preview.forwardButton.click();
  await preview.waitForText("Every page extends");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/about");

  await preview.useDevice("phone");
  await expect.poll(() => preview.viewportWidth(), poll).toBe(375);
  await preview.waitForText("Every page extends");
  await preview.useDevice("desktop");

  await preview.goTo("/missing");
  await preview.waitForText("Not Found");

  await preview.openPanelTab("requests");
  await expect
    .poll(() => preview.requestRowTexts(), poll)
    .toEqual(expect.arrayContaining(["GET / 200", "GET /about 200", "GET /static/style.css 200", "GET /missing 404"]));
  await preview.requestRows.filter({ hasText: "/missing" }).first().click();
  await preview.requestDetail.getByText("Response headers").waitFor();

  // A filter and a chosen request outlive a look at another tab.
  await page.getByTestId("requests-filter").fill("4xx");
  await preview.openPanelTab("output");
  await preview.requestDetail.waitFor({ state: "hidden" });
  await preview.openPanelTab("requests");
  expect(await page.getByTestId("requests-filter").inputValue()).toBe("4xx");
  await preview.requestDetail.getByText("GET /missing").waitFor();
});

test("the Output and Requests logs keep their newest lines in view, unless the user scrolled up to read", async ({ studio }) => {
  const { page } = studio;
  const workbench = new WorkbenchPage(page);
  const preview = new PreviewPage(page);
  await new WelcomePage(page).createProject({ starter: "blank", name: "noisy", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Hello from Vial!");
  await writeFile(
    join(studio.projectsDir, "noisy/app.ts"),
    [
      'import { Vial } from "vial";',
      "export const app = new Vial({ root: import.meta.dirname });",
      'app.get("/", () => "<h1>Noisy</h1>");',
      'app.get("/noise/<int:count>", ({ count }) => { for (let i = 1; i <= count; i++) console.log(`line ${i} of ${count}`); return "ok"; });',
      "",
    ].join("\n"),
  );
  await preview.waitForText("Noisy");
  const appUrl = await page.getByTestId("preview-frame").getAttribute("src");
  const get = async (path: string) => void (await fetch(new URL(path, appUrl!)).then((response) => response.text()));
  /** How far the log is scrolled up from its newest line, in CSS pixels (0: the newest line is in view). */
  const distanceFromTail = (testId: string) =>
    page.getByTestId(testId).evaluate((log) => ({ scrollable: log.scrollHeight > log.clientHeight, up: log.scrollHeight - log.scrollTop - log.clientHeight }));

  await preview.openPanelTab("output");
  await get("/noise/80");
  await page.getByTestId("panel-output").getByText("line 80 of 80").waitFor(poll);
  expect((await distanceFromTail("panel-output")).scrollable).toBe(true);
  await expect.poll(async () => (await distanceFromTail("panel-output")).up, poll).toBeLessThanOrEqual(8);

  await preview.openPanelTab("requests");
  for (let i = 0; i < 30; i++) await get(`/missing/${i}`);
  await preview.requestRows.filter({ hasText: "/missing/29" }).waitFor(poll);
  await expect.poll(async () => (await distanceFromTail("requests-list")).up, poll).toBeLessThanOrEqual(8);

  // Scrolled up to read an older request, the list stays put while new ones arrive.
  await page.getByTestId("requests-list").evaluate((list) => list.scrollTo({ top: 0 }));
  for (let i = 30; i < 33; i++) await get(`/missing/${i}`);
  await preview.requestRows.filter({ hasText: "/missing/32" }).waitFor(poll);
  expect(await page.getByTestId("requests-list").evaluate((list) => list.scrollTop)).toBe(0);
});
