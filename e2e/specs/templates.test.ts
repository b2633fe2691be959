import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { TemplatesPage } from "../pages/templates-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000, interval: 100 };

test("designs the Website starter's page: palette, properties, canvas, Monaco and undo back to the original bytes", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const editor = new EditorPage(page);
  const preview = new PreviewPage(page);
  const templates = new TemplatesPage(page);
  const projectDir = join(studio.projectsDir, "site");
  const indexFile = join(projectDir, "templates/index.html");

  await welcome.createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Welcome to your new website");
  const original = await readFile(indexFile, "utf8");
  await mkdir(join(projectDir, ".vial/samples"), { recursive: true });
  await writeFile(join(projectDir, ".vial/samples/index.html.json"), JSON.stringify({ features: [{ title: "Sample feature", text: "From sample data" }] }));

  await templates.show();
  await templates.open("templates/index.html");
  // The canvas renders the page through the layout, with the sample data for the loop.
  await templates.canvas.locator("h1").getByText("Welcome to your new website").waitFor(poll);
  await templates.canvas.getByText("Sample feature").waitFor(poll);
  // The layout's own parts are shown dimmed (not editable here); the page's blocks are not.
  expect(Number(await templates.canvas.locator("footer.site-footer").evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(1);
  expect(await templates.canvas.locator("section.hero").evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe("templates/index.html");

  await templates.dragToOutline("heading", "<section>.cards");
  await templates.dragToOutline("table", "<section>.cards");
  await expect.poll(() => editor.visibleText(), poll).toContain("    <h2>Heading</h2>");
  await expect.poll(() => editor.visibleText(), poll).toContain("{% for row in rows %}");
  await templates.canvas.locator("section.cards > table").waitFor(poll);
  await templates.dragToCanvas("paragraph", "section.hero");
  await templates.canvas.locator("section.hero > p").getByText("Some text.").waitFor(poll);

  // Click in the canvas: the heading is selected in the outline, its source highlighted in Monaco, and its properties show.
  await templates.canvas.locator("section.cards > h2").getByText("Heading").click();
  await expect.poll(() => templates.selectedRow().textContent(), poll).toBe("<h2>");
  await expect.poll(() => templates.highlightedSource(), poll).toEqual(["<h2>Heading</h2>"]);
  await templates.setProperty("text", "Our features");
  await templates.canvas.locator("section.cards > h2").getByText("Our features").waitFor(poll);
  await expect.poll(() => editor.visibleText(), poll).toContain("<h2>Our features</h2>");
  await templates.setProperty("text", "<b>bold</b>");
  await page.getByTestId("template-prop-text-error").waitFor();

  // Saved, the running app shows the designed page in the preview.
  await editor.focus();
  await workbench.shortcut("Control+S");
  await expect.poll(() => readFile(indexFile, "utf8"), poll).toContain("<h2>Our features</h2>");
  await preview.waitForText("Our features");

  // Moving the cursor in Monaco selects its node in the outline and the canvas.
  await page.keyboard.press("Control+Home");
  for (let line = 1; line < 5; line++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  await expect.poll(() => templates.selectedRow().textContent(), poll).toBe("<h1>");
  await expect.poll(() => templates.canvas.locator("section.hero > h1").getAttribute("data-vial-selected"), poll).toBe("");

  // Typing in Monaco updates the outline, and the cursor selects its node.
  await page.keyboard.press("Control+Home");
  await page.keyboard.insertText("{# typed #}\n");
  await expect.poll(() => templates.rowsOfKind("comment").count(), poll).toBe(1);
  await expect.poll(() => templates.selectedRow().textContent(), poll).toBe('{% extends "base.html" %}');

  await templates.useWidth("phone");
  await expect.poll(() => page.getByTestId("template-canvas").getAttribute("data-width"), poll).toBe("phone");

  // Undo takes back typing and designer edits alike; saved, the file has its original bytes.
  await editor.focus();
  for (let step = 0; step < 10; step++) await page.keyboard.press("Control+Z");
  await expect.poll(() => templates.rowsOfKind("comment").count(), poll).toBe(0);
  await expect.poll(() => editor.visibleText(), poll).not.toContain("<h2>Heading</h2>");
  // Redo brings back the first designer edit, in the canvas too; undone again, the page is as it was.
  await page.keyboard.press("Control+Shift+Z");
  await expect.poll(() => editor.visibleText(), poll).toContain("<h2>Heading</h2>");
  await templates.canvas.locator("section.cards > h2").getByText("Heading").waitFor(poll);
  await page.keyboard.press("Control+Z");
  await expect.poll(() => editor.visibleText(), poll).not.toContain("<h2>Heading</h2>");
  await expect.poll(() => templates.canvas.locator("section.cards > h2").count(), poll).toBe(0);
  await workbench.shortcut("Control+S");
  await expect.poll(() => readFile(indexFile, "utf8"), poll).toBe(original);
  await expect.poll(() => editor.isDirty("templates/index.html"), poll).toBe(false);
});

test("moves and deletes nodes, keeps a child template's edits in its blocks, shows render errors and opens sample data", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const editor = new EditorPage(page);
  const templates = new TemplatesPage(page);

  await welcome.createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await templates.show();
  await templates.open("templates/about.html");
  await templates.canvas.locator("h1").getByText("About").waitFor(poll);

  // The first paragraph moves to the end of its block: one deletion and one insertion of the same bytes.
  await templates.moveInOutline("<p>", "{% block content %}");
  await expect.poll(() => editor.visibleText(), poll).toMatch(/<h1>About<\/h1>\n {2}<p>Every page extends.*<\/p>\n {2}<p>This site is a Vial app/);

  await templates.row("<h1>").click();
  await page.getByTestId("template-delete").click();
  await expect.poll(() => editor.visibleText(), poll).not.toContain("<h1>About</h1>");
  await expect.poll(() => templates.canvas.locator("h1").count(), poll).toBe(0);

  // Outside the blocks nothing of a child template shows, so the designer refuses to put anything there.
  await templates.row('{% extends "base.html" %}').click();
  await templates.paletteItem("heading").click();
  await workbench.toasts.filter({ hasText: "only what is inside its {% block %}s shows" }).waitFor(poll);

  // Broken markup: the canvas names the line, the outline keeps the text.
  await editor.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("{% if %}");
  await expect.poll(() => templates.renderError.textContent(), poll).toMatch(/about\.html:\d+/);

  await page.getByTestId("template-samples").click();
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe(".vial/samples/about.html.json");
});

test("creates a page from the Templates view: it extends the layout, opens in the designer and shows on the canvas", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const editor = new EditorPage(page);
  const templates = new TemplatesPage(page);
  const projectDir = join(studio.projectsDir, "site");

  await welcome.createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await templates.show();

  // A name in use is refused in the dialog, and the file on disk is left alone.
  await page.getByTestId("templates-new").click();
  await workbench.dialog.getByTestId("dialog-input").fill("index");
  await workbench.dialog.getByRole("alert").filter({ hasText: "templates/index.html already exists." }).waitFor(poll);
  expect(await workbench.dialog.getByTestId("dialog-confirm").isDisabled()).toBe(true);
  await workbench.fillPrompt("blog/post");

  await expect.poll(() => templates.designer.getAttribute("data-path"), poll).toBe("templates/blog/post.html");
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe("templates/blog/post.html");
  expect(await readFile(join(projectDir, "templates/blog/post.html"), "utf8")).toBe(
    '{% extends "base.html" %}\n{% block title %}Post{% endblock %}\n{% block content %}\n  <h1>Post</h1>\n{% endblock %}\n',
  );
  // The canvas renders it through the layout: the page's heading, the layout's header around it.
  await templates.canvas.locator("h1").getByText("Post").waitFor(poll);
  await templates.canvas.locator("header.site-header").waitFor(poll);
  expect(await readFile(join(projectDir, "templates/index.html"), "utf8")).toContain("Welcome to your new website");
});
