import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { ProblemsPage } from "../pages/problems-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000 };

describe("the Problems panel", () => {
  test("shows a type error after a save, opens it at its line, and drops it once fixed", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const problems = new ProblemsPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).createProject({ starter: "website", name: "site", folder: studio.projectsDir });
    await workbench.projectOpen();
    await problems.open();
    await expect.poll(() => problems.from("typescript").count(), poll).toBe(0);

    await explorer.open("app.ts");
    await editor.focus();
    await studio.page.keyboard.press("Control+End");
    await studio.page.keyboard.type("\nexport const port: number = 'eight';");
    await workbench.shortcut("Mod+S");
    await expect.poll(() => editor.isDirty("app.ts")).toBe(false);
    const lines = readFileSync(join(studio.projectsDir, "site", "app.ts"), "utf8").split("\n");
    const line = lines.findIndex((text) => text.startsWith("export const port")) + 1;
    expect(line).toBeGreaterThan(1);

    const row = problems.at("typescript", `app.ts:${line}:14`);
    await row.waitFor(poll);
    expect(await row.textContent()).toContain("Type 'string' is not assignable to type 'number'.");
    await expect.poll(() => problems.statusCount.textContent(), poll).toContain("✖ 1");
    // The count in the status bar brings the list back, with the panel hidden and on another tab.
    await studio.page.getByTestId("panel-tab-output").click();
    await workbench.shortcut("Mod+J");
    await workbench.bottomPanel.waitFor({ state: "hidden" });
    await problems.statusCount.click();
    await row.waitFor();

    await editor.focus();
    await studio.page.keyboard.press("Control+Home");
    await expect.poll(() => workbench.statusCursor.textContent()).toBe("Ln 1, Col 1");
    await row.click();
    await expect.poll(() => workbench.statusCursor.textContent()).toBe(`Ln ${line}, Col 14`);

    await studio.page.keyboard.press("Home");
    await studio.page.keyboard.press("Shift+End");
    await studio.page.keyboard.press("Delete");
    await workbench.shortcut("Mod+S");
    await expect.poll(() => editor.isDirty("app.ts")).toBe(false);
    await expect.poll(() => problems.from("typescript").count(), poll).toBe(0);
    await expect.poll(() => problems.statusCount.textContent(), poll).toContain("✖ 0");
  });

  test("follows the project's tsconfig.json, in Problems and in the editor alike", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const editor = new EditorPage(studio.page);
    const problems = new ProblemsPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).createProject({ starter: "blank", name: "loose", folder: studio.projectsDir });
    await workbench.projectOpen();
    const dir = join(studio.projectsDir, "loose");
    await writeFile(join(dir, "twice.ts"), "export function twice(value) {\n  return value * 2;\n}\n");
    await problems.open();
    await problems.at("typescript", "twice.ts:1:23").waitFor(poll);
    await workbench.quickOpen("twice.ts");
    await expect.poll(() => editor.errorSquiggles().count(), poll).toBeGreaterThan(0);

    await writeFile(join(dir, "tsconfig.json"), '{\n  "compilerOptions": { "strict": false }\n}\n');
    await expect.poll(() => problems.from("typescript").count(), poll).toBe(0);
    await expect.poll(() => editor.errorSquiggles().count(), poll).toBe(0);
  });
});
