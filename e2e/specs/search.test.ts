import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { SearchPage } from "../pages/search-page.js";
import { openWebsiteProject } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

/** How often `word` occurs in a file of the project, ignoring case. */
function occurrences(dir: string, path: string, word: string): number {
  return readFileSync(join(dir, path), "utf8").toLowerCase().split(word).length - 1;
}

describe("find in files", () => {
  test("Mod+Shift+F finds a word in app.ts and the templates, grouped per file; a click opens the match; unsaved text counts; a broken regex says why; Replace All with a group changes an unsaved editor only", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const editor = new EditorPage(studio.page);
    const search = new SearchPage(studio.page);
    const dir = await openWebsiteProject(studio);

    await search.open();
    await expect.poll(() => search.input.evaluate((input) => input === document.activeElement)).toBe(true);
    await studio.page.keyboard.type("contact");
    await search.file("app.ts").waitFor();

    const counts = await search.fileCounts();
    const paths = counts.map(([path]) => path);
    expect(paths).toEqual(expect.arrayContaining(["app.ts", "templates/base.html", "templates/contact.html"]));
    for (const path of ["app.ts", "templates/base.html", "templates/contact.html"]) {
      expect(counts.find(([shown]) => shown === path)?.[1]).toBe(occurrences(dir, path, "contact"));
    }
    const total = counts.reduce((sum, [, count]) => sum + count, 0);
    expect(await search.summary.textContent()).toBe(`${total} results in ${counts.length} files`);
    expect((await search.highlights("app.ts")).map((text) => text.toLowerCase())).toEqual(Array(occurrences(dir, "app.ts", "contact")).fill("contact"));

    await workbench.screenshot("search-light");
    await workbench.themeToggle.click();
    await expect.poll(() => workbench.theme()).toBe("dark");
    await workbench.screenshot("search-dark");

    const appLines = search.file("app.ts").getByTestId("search-line");
    await search.fileHeader("app.ts").click();
    await expect.poll(() => appLines.count()).toBe(0);
    await search.fileHeader("app.ts").click();
    await expect.poll(() => appLines.count()).toBeGreaterThan(0);

    const lines = readFileSync(join(dir, "app.ts"), "utf8").split("\n");
    const routeLine = lines.findIndex((line) => line.startsWith("app.route(")) + 1;
    const column = lines[routeLine - 1]!.indexOf("contact") + 1;
    await search.line("app.ts", routeLine).click();
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("app.ts");
    await expect.poll(() => workbench.statusCursor.textContent()).toBe(`Ln ${routeLine}, Col ${column}`);

    // Typed, not saved: the search reads the editor's text, not the file on disk.
    await studio.page.keyboard.type("zebra");
    await expect.poll(() => editor.isDirty("app.ts")).toBe(true);
    await search.input.fill("zebra");
    await expect.poll(() => search.fileCounts()).toEqual([["app.ts", 1]]);
    expect(await search.summary.textContent()).toBe("1 result in 1 file");

    await search.toggle("regex").click();
    expect(await search.toggle("regex").getAttribute("aria-pressed")).toBe("true");
    await search.input.fill("(contact");
    await expect.poll(() => search.error.textContent()).toBe("Invalid regular expression: Unterminated group.");
    expect(await search.input.getAttribute("aria-invalid")).toBe("true");
    expect(await search.files.count()).toBe(0);

    await search.input.fill("(contact|about)\\.html");
    await search.error.waitFor({ state: "detached" });
    await expect.poll(() => search.highlights("app.ts")).toEqual(["about.html", "contact.html", "contact.html"]);

    // Replace All with a group, in a file with unsaved edits: its editor changes and stays unsaved.
    const appOnDisk = readFileSync(join(dir, "app.ts"), "utf8");
    await search.replace.fill("$1-page.html");
    await search.replaceAll.click();
    expect(await workbench.dialog.textContent()).toContain('Replace 3 matches in 1 file with "$1-page.html"?');
    await workbench.answerDialog("Replace");
    await expect.poll(() => search.summary.textContent()).toMatch(/^No results in \d+ files$/);
    await search.input.fill("\\w+-page\\.html");
    await expect.poll(() => search.highlights("app.ts")).toEqual(["about-page.html", "contact-page.html", "contact-page.html"]);
    expect(await editor.isDirty("app.ts")).toBe(true);
    expect(readFileSync(join(dir, "app.ts"), "utf8")).toBe(appOnDisk);
  });

  test("Replace All writes a file no editor has open, and the preview shows the change; a file group's Replace changes that file only", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    const search = new SearchPage(studio.page);
    const preview = new PreviewPage(studio.page);
    const dir = await openWebsiteProject(studio);
    await preview.waitForText("Welcome to your new website");
    const index = join(dir, "templates/index.html");
    const before = readFileSync(index, "utf8");

    await search.open();
    await search.input.fill("new website");
    await search.file("templates/index.html").waitFor();
    await search.replace.fill("Vial site");
    await search.replace.press("Control+Enter");
    await workbench.answerDialog("Replace");
    await expect.poll(() => readFileSync(index, "utf8")).toBe(before.replaceAll("new website", "Vial site"));
    await preview.waitForText("Welcome to your Vial site");
    await expect.poll(() => workbench.toasts.allTextContents()).toContain("Replaced 1 match in 1 file.");

    const base = join(dir, "templates/base.html");
    const readme = join(dir, "README.md");
    const [baseBefore, readmeBefore] = [readFileSync(base, "utf8"), readFileSync(readme, "utf8")];
    await search.input.fill("Website");
    await search.file("templates/base.html").waitFor();
    await search.file("README.md").waitFor();
    await search.replace.fill("Site");
    await search.fileHeader("templates/base.html").hover();
    await search.fileReplace("templates/base.html").click();
    expect(await workbench.dialog.textContent()).toContain('in templates/base.html with "Site"?');
    await workbench.answerDialog("Replace");
    await expect.poll(() => readFileSync(base, "utf8")).toBe(baseBefore.replace(/website/gi, "Site"));
    await search.file("templates/base.html").waitFor({ state: "detached" });
    expect(readFileSync(readme, "utf8")).toBe(readmeBefore);
  });
});
