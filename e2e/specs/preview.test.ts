import { readFile } from "node:fs/promises";
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

function appSource(home: string, extra = ""): string {
  return [
    'import { Vial } from "vial";',
    "",
    "export const app = new Vial({ root: import.meta.dirname });",
    "",
    `app.get("/", () => '<h1>${home}</h1><a href="/about">About us</a>');`,
    `app.get("/about", () => '<h1>About this site</h1><a href="/">Home</a>');`,
    extra,
  ].join("\n");
}

/** Replaces the whole text of the active editor, as a paste would, and saves with the keyboard. */
async function replaceAndSave(page: Page, editor: EditorPage, text: string): Promise<void> {
  await editor.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
  await page.keyboard.press("Control+S");
}

test("the preview shows the app, follows saves, shows errors with file:line, navigates and logs requests", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const explorer = new ExplorerPage(page);
  const editor = new EditorPage(page);
  const preview = new PreviewPage(page);

  await welcome.createProject({ starter: "blank", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Hello from Vial!");

  await explorer.open("app.ts");
  await replaceAndSave(page, editor, appSource("Edited in the Studio"));
  await preview.waitForText("Edited in the Studio");
  expect(await readFile(join(studio.projectsDir, "site/app.ts"), "utf8")).toContain("Edited in the Studio");

  await replaceAndSave(page, editor, appSource("Broken", "const broken = ;"));
  await preview.overlay.waitFor(poll);
  expect(await preview.overlayLocation.textContent()).toMatch(/^app\.ts:7:\d+$/);
  await preview.overlayLocation.click();
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe("app.ts");

  await replaceAndSave(page, editor, appSource("Fixed again"));
  await preview.overlay.waitFor({ state: "detached", timeout: 30_000 });
  await preview.waitForText("Fixed again");

  await preview.clickLink("About us");
  await preview.waitForText("About this site");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/about");
  await preview.backButton.click();
  await preview.waitForText("Fixed again");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/");
  await preview.forwardButton.click();
  await preview.waitForText("About this site");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/about");

  await preview.goTo("/missing");
  await preview.waitForText("Not Found");

  await preview.openPanelTab("requests");
  await expect.poll(() => preview.requestRowTexts(), poll).toEqual(expect.arrayContaining(["GET / 200", "GET /about 200", "GET /missing 404"]));
  await preview.requestRows.filter({ hasText: "/missing" }).first().click();
  await preview.requestDetail.getByText("Response headers").waitFor();
});
