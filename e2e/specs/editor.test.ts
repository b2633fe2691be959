import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { openWebsiteProject, WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

describe("editing files", () => {
  test("types into a file, shows it unsaved, saves with the keyboard and writes the disk", async ({ studio }) => {
    const dir = await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);

    await explorer.open("app.ts");
    await editor.tab("app.ts").waitFor();
    await editor.typeAtStart("// edited in the Studio\n");
    await expect.poll(() => editor.isDirty("app.ts")).toBe(true);
    expect(readFileSync(join(dir, "app.ts"), "utf8")).not.toContain("edited in the Studio");

    await workbench.shortcut("Mod+S");
    await expect.poll(() => editor.isDirty("app.ts")).toBe(false);
    expect(readFileSync(join(dir, "app.ts"), "utf8")).toMatch(/^\/\/ edited in the Studio\n/);
    await expect.poll(() => workbench.statusLanguage.textContent()).toBe("TypeScript");
    await expect.poll(() => workbench.statusCursor.textContent()).toBe("Ln 2, Col 1");
  });

  test("opens files with quick open, keeps one tab per file, closes the others from the tab menu", async ({ studio }) => {
    await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await workbench.quickOpen("base.html");
    await editor.tab("templates/base.html").waitFor();
    await workbench.quickOpen("app.ts");
    await workbench.quickOpen("base.html");
    // Quick open closes before the file it opens has its tab: wait for the tabs, not one look.
    await expect.poll(() => editor.tabPaths()).toEqual(["templates/base.html", "app.ts"]);
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("templates/base.html");
    await expect.poll(() => workbench.statusLanguage.textContent()).toBe("HTML (Jinja)");

    await editor.tabAction("app.ts", "Close Others");
    await expect.poll(() => editor.tabPaths()).toEqual(["app.ts"]);
  });

  test("moves between tabs with the arrow keys, showing each file while focus stays on the tabs", async ({ studio }) => {
    await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await workbench.quickOpen("app.ts");
    await workbench.quickOpen("base.html");
    await workbench.quickOpen("README.md");
    // Quick open closes before the file it opens has its tab: wait for the last one to be active.
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("README.md");
    const focusedTab = () => studio.page.evaluate(() => document.activeElement?.getAttribute("data-path") ?? null);
    await editor.focus();
    await editor.activeTab().focus();
    await studio.page.keyboard.press("ArrowLeft");
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("templates/base.html");
    await expect.poll(() => workbench.statusLanguage.textContent()).toBe("HTML (Jinja)");
    expect(await focusedTab()).toBe("templates/base.html");
    await studio.page.keyboard.press("Home");
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("app.ts");
    expect(await focusedTab()).toBe("app.ts");
    await studio.page.keyboard.press("ArrowLeft");
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("README.md");
    expect(await focusedTab()).toBe("README.md");
  });

  test("keeps the active tab in view in an overflowing strip: after quick open, Ctrl+PageUp, reopening it and a narrower window", async ({ studio }) => {
    await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    const files = ["app.ts", "README.md", "package.json", "style.css", "about.html", "base.html", "contact.html", "index.html"];
    for (const name of files) await workbench.quickOpen(name);
    await expect.poll(() => editor.tabPaths()).toHaveLength(files.length);
    expect(await editor.stripOverflows()).toBe(true);

    // The first tab, scrolled out on the left while the others opened.
    await workbench.quickOpen("app.ts");
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("app.ts");
    await expect.poll(() => editor.activeTabInView()).toBe(true);

    // Back round to the last tab, out on the right.
    await workbench.shortcut("Control+PageUp");
    await expect.poll(() => editor.activeTab().getAttribute("data-path")).toBe("templates/index.html");
    await expect.poll(() => editor.activeTabInView()).toBe(true);

    // The strip scrolled back to its start (as a mouse wheel would), then the active file opened again.
    await editor.strip.evaluate((strip) => (strip.scrollLeft = 0));
    expect(await editor.activeTabInView()).toBe(false);
    await workbench.quickOpen("index.html");
    await expect.poll(() => editor.activeTabInView()).toBe(true);

    // A narrower window narrows the strip from the right, over the last tab.
    const before = await editor.strip.boundingBox();
    await studio.page.setViewportSize({ width: 1000, height: 900 });
    await expect.poll(async () => (await editor.strip.boundingBox())?.width).toBeLessThan((before?.width ?? 0) - 100);
    await expect.poll(() => editor.activeTabInView()).toBe(true);
  });

  test("keeps each file's cursor when switching tabs", async ({ studio }) => {
    await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await explorer.open("app.ts");
    await editor.focus();
    await studio.page.keyboard.press("Control+Home");
    for (let line = 1; line < 10; line++) await studio.page.keyboard.press("ArrowDown");
    await expect.poll(() => workbench.statusCursor.textContent()).toBe("Ln 10, Col 1");

    await workbench.quickOpen("base.html");
    await expect.poll(() => workbench.statusLanguage.textContent()).toBe("HTML (Jinja)");
    await editor.tab("app.ts").click();
    await expect.poll(() => workbench.statusCursor.textContent()).toBe("Ln 10, Col 1");
  });

  test("quick open starts empty each time and keeps focus while the last file loads, so a name typed right after Mod+P is the whole query", async ({ studio }) => {
    await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    for (const name of ["app.ts", "README.md", "base.html", "app.ts", "README.md"]) {
      await workbench.shortcut("Mod+P");
      await studio.page.keyboard.type(name);
      expect(await workbench.paletteInput.inputValue()).toBe(name);
      await studio.page.keyboard.press("Enter");
      await workbench.palette.waitFor({ state: "detached" });
    }
    await expect.poll(() => editor.tabPaths()).toEqual(["app.ts", "README.md", "templates/base.html"]);
    for (const path of await editor.tabPaths()) expect(await editor.isDirty(path)).toBe(false);
  });

  test("jumps to a line with quick open's file:line", async ({ studio }) => {
    await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await workbench.quickOpen("app.ts:12");
    await editor.tab("app.ts").waitFor();
    await expect.poll(() => workbench.statusCursor.textContent()).toBe("Ln 12, Col 1");
  });

  test("asks before closing an unsaved file with Mod+W", async ({ studio }) => {
    const dir = await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    const original = readFileSync(join(dir, "templates/index.html"), "utf8");

    await explorer.open("templates/index.html");
    await editor.typeAtStart("draft ");
    await workbench.shortcut("Mod+W");
    await workbench.dialog.waitFor();
    expect(await workbench.dialog.textContent()).toContain("index.html");
    await workbench.answerDialog("Cancel");
    expect(await editor.tabPaths()).toEqual(["templates/index.html"]);

    await workbench.shortcut("Mod+W");
    await workbench.answerDialog("Don't Save");
    await editor.empty.waitFor();
    expect(await editor.tabPaths()).toEqual([]);
    expect(readFileSync(join(dir, "templates/index.html"), "utf8")).toBe(original);
  });

  test("offers Flask globals, template names and HTML tags in Jinja templates", async ({ studio }) => {
    await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    await explorer.open("templates/about.html");
    await editor.typeAtStart("{{ url_f");
    await editor.suggestion("url_for").waitFor();
    await studio.page.keyboard.press("Escape");
    await studio.page.keyboard.press("Control+End");
    await studio.page.keyboard.type('\n{% include "');
    await editor.suggestion("base.html").waitFor();
    await studio.page.keyboard.press("Escape");
    await studio.page.keyboard.type("\n<butt");
    await editor.suggestion("button").waitFor();
  });

  test("leaves Jinja tags typed in full as typed, with no closer left over", async ({ studio }) => {
    const dir = await openWebsiteProject(studio);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await new ExplorerPage(studio.page).open("templates/about.html");
    await editor.focus();
    await studio.page.keyboard.press("Control+End");
    const line = "{% if user %}Hi {{ user.name }}{% endif %} {# greeting #}";
    await studio.page.keyboard.type(`\n${line}`);
    await workbench.shortcut("Mod+S");
    await expect.poll(() => editor.isDirty("templates/about.html")).toBe(false);
    expect(readFileSync(join(dir, "templates/about.html"), "utf8").trimEnd().split("\n").at(-1)).toBe(line);
  });

  test("knows Vial's API in TypeScript files", async ({ studio }) => {
    await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    await explorer.open("app.ts");
    await editor.focus();
    await studio.page.keyboard.press("Control+End");
    await studio.page.keyboard.type("\napp.before");
    await editor.suggestion("beforeRequest").waitFor();
  });

  test("resolves imports of project files that are not open", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).createProject({ starter: "rest-api", name: "api", folder: studio.projectsDir });
    await workbench.projectOpen();
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    await explorer.open("app.ts");
    await editor.focus();
    await studio.page.keyboard.press("Control+End");
    // `items` comes from ./api/items.js, a Blueprint: only its own methods include afterAppRequest.
    await studio.page.keyboard.type("\nitems.afterApp");
    await editor.suggestion("afterAppRequest").waitFor();
  });

  test("after a reload the project is still open and an unsaved buffer comes back unsaved", async ({ studio }) => {
    const dir = await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);

    await explorer.open("templates/about.html");
    await editor.typeAtStart("<!-- not saved yet -->");
    await expect.poll(() => editor.isDirty("templates/about.html")).toBe(true);
    await expect.poll(() => editor.hotExitPaths()).toEqual(["templates/about.html"]);

    await studio.page.reload();
    await workbench.projectOpen();
    expect(await workbench.statusProject.textContent()).toBe("site");
    await editor.tab("templates/about.html").waitFor();
    expect(await editor.isDirty("templates/about.html")).toBe(true);
    await expect.poll(() => editor.visibleText()).toContain("<!-- not saved yet -->");
    expect(readFileSync(join(dir, "templates/about.html"), "utf8")).not.toContain("not saved yet");
  });

  test("after the Studio server crashes and starts again, unsaved text comes back", async ({ studio }) => {
    await openWebsiteProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);

    await explorer.open("static/style.css");
    await editor.typeAtStart("/* survives a crash */\n");
    await expect.poll(() => editor.hotExitPaths()).toEqual(["static/style.css"]);

    await studio.restartServer("SIGKILL");
    await studio.page.goto(studio.server.url);
    await workbench.projectOpen();
    await editor.tab("static/style.css").waitFor();
    expect(await editor.isDirty("static/style.css")).toBe(true);
    await expect.poll(() => editor.visibleText()).toContain("/* survives a crash */");
  });
});
