import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test, type Studio } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

async function openProject(studio: Studio): Promise<string> {
  const workbench = new WorkbenchPage(studio.page);
  await workbench.ready();
  await new WelcomePage(studio.page).createProject({ starter: "website", name: "files", folder: studio.projectsDir });
  await workbench.projectOpen();
  return join(studio.projectsDir, "files");
}

describe("explorer", () => {
  test("renames a file on disk, and its open tab follows", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const content = readFileSync(join(dir, "templates/about.html"), "utf8");

    await explorer.open("templates/about.html");
    await editor.tab("templates/about.html").waitFor();
    await explorer.rename("templates/about.html", "story.html");

    await explorer.item("templates/story.html").waitFor();
    expect(existsSync(join(dir, "templates/about.html"))).toBe(false);
    expect(readFileSync(join(dir, "templates/story.html"), "utf8")).toBe(content);
    expect(await explorer.item("templates/about.html").count()).toBe(0);
    await expect.poll(() => editor.tabPaths()).toEqual(["templates/story.html"]);
  });

  test("renames in place with F2, and a bad name keeps the field open with a reason", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    await explorer.rename("templates/base.html", "../base.html", "keyboard");
    await explorer.tree.getByRole("alert").waitFor();
    expect(await explorer.renameInput.isVisible()).toBe(true);
    await explorer.renameInput.press("Escape");
    await explorer.renameInput.waitFor({ state: "detached" });
    expect(existsSync(join(dir, "templates/base.html"))).toBe(true);

    await explorer.rename("templates/base.html", "layout.html", "keyboard");
    await explorer.item("templates/layout.html").waitFor();
    expect(existsSync(join(dir, "templates/layout.html"))).toBe(true);
  });

  test("a click opens a file but leaves focus in the tree: Delete asks about the file, and keys typed at the dialog stay out of the editor", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await explorer.open("templates/about.html");
    await editor.tab("templates/about.html").waitFor();
    await expect.poll(() => explorer.focusedPath()).toBe("templates/about.html");

    await studio.page.keyboard.press("Delete");
    await workbench.dialog.waitFor();
    expect(await workbench.dialog.textContent()).toContain("about.html");
    await studio.page.keyboard.type("typed");
    await studio.page.keyboard.press("Escape");
    await workbench.dialog.waitFor({ state: "detached" });
    expect(await editor.isDirty("templates/about.html")).toBe(false);
    expect(existsSync(join(dir, "templates/about.html"))).toBe(true);
  });

  test("a context menu opened near the window's bottom edge moves up to show all its items, and Escape gives focus back", async ({ studio }) => {
    await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const body = studio.page.getByTestId("explorer-body");
    const box = await body.boundingBox();
    if (!box) throw new Error("no explorer body");
    await body.click({ button: "right", position: { x: 40, y: box.height - 4 } });
    await explorer.contextMenu.waitFor();
    const menu = await explorer.contextMenu.boundingBox();
    const viewport = studio.page.viewportSize();
    expect(menu && viewport && menu.y + menu.height).toBeLessThanOrEqual(viewport?.height ?? 0);
    await studio.page.keyboard.press("Escape");
    await explorer.contextMenu.waitFor({ state: "detached" });

    await explorer.item("app.ts").click({ button: "right" });
    await explorer.contextMenu.waitFor();
    await studio.page.keyboard.press("Escape");
    await explorer.contextMenu.waitFor({ state: "detached" });
    expect(await explorer.focusedPath()).toBe("app.ts");
  });

  test("moves a file into another folder by dragging it there", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    await explorer.reveal("templates/about.html");
    await explorer.dragTo("templates/about.html", "static");
    await expect.poll(() => existsSync(join(dir, "static/about.html"))).toBe(true);
    expect(existsSync(join(dir, "templates/about.html"))).toBe(false);
    await explorer.item("static/about.html").waitFor();
  });

  test("deletes a file only after confirmation", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);

    await explorer.contextAction("templates/contact.html", "Delete");
    await workbench.dialog.waitFor();
    expect(await workbench.dialog.textContent()).toContain("templates/contact.html");
    await workbench.answerDialog("Cancel");
    expect(existsSync(join(dir, "templates/contact.html"))).toBe(true);

    await explorer.contextAction("templates/contact.html", "Delete");
    await workbench.answerDialog("Delete");
    await explorer.item("templates/contact.html").waitFor({ state: "detached" });
    expect(existsSync(join(dir, "templates/contact.html"))).toBe(false);
  });

  test("creates a file in the selected folder and opens it", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);

    await explorer.item("static").click();
    await explorer.newFileButton.click();
    await workbench.fillPrompt("app.js");
    await editor.tab("static/app.js").waitFor();
    expect(existsSync(join(dir, "static/app.js"))).toBe(true);
    await explorer.item("static/app.js").waitFor();
  });

  test("refuses a file name that is already taken, with a message", async ({ studio }) => {
    await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const workbench = new WorkbenchPage(studio.page);
    await explorer.newFileButton.click();
    await workbench.fillPrompt("app.ts");
    await workbench.toasts.first().waitFor();
    expect(await workbench.toasts.first().textContent()).toMatch(/exist/i);
  });

  test("moves through the tree and opens a file with the keyboard", async ({ studio }) => {
    await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    const editor = new EditorPage(studio.page);
    await explorer.item("static").click();
    await explorer.item("static").press("ArrowLeft");
    await studio.page.keyboard.press("ArrowDown");
    expect(await explorer.focusedPath()).toBe("templates");
    await studio.page.keyboard.press("ArrowRight");
    await explorer.item("templates/about.html").waitFor();
    await studio.page.keyboard.press("ArrowDown");
    expect(await explorer.focusedPath()).toBe("templates/about.html");
    await studio.page.keyboard.press("Enter");
    await editor.tab("templates/about.html").waitFor();
  });

  test("shows files created on disk by other programs", async ({ studio }) => {
    const dir = await openProject(studio);
    const explorer = new ExplorerPage(studio.page);
    writeFileSync(join(dir, "NOTES.md"), "# made outside the Studio\n");
    await explorer.item("NOTES.md").waitFor();
  });
});
