import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { test, type Studio } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { ExplorerPage } from "../pages/explorer-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { RoutesPage } from "../pages/routes-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000, interval: 100 };

/** Creates project `name` from the Blank starter and waits for its app in the preview; returns the pages the tests drive. */
async function openBlankProject(studio: Studio, name: string) {
  const { page } = studio;
  const workbench = new WorkbenchPage(page);
  const preview = new PreviewPage(page);
  await new WelcomePage(page).createProject({ starter: "blank", name, folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Hello from Vial!");
  return { page, workbench, editor: new EditorPage(page), preview, routes: new RoutesPage(page), dir: join(studio.projectsDir, name) };
}

test("adds a route from the form, runs a request, changes its rule and deletes it, each step in the editor, the table and the preview", async ({ studio }) => {
  const { page, workbench, editor, preview, routes, dir } = await openBlankProject(studio, "hello-app");
  const appFile = join(dir, "app.ts");
  const original = await readFile(appFile, "utf8");

  await routes.show();
  await routes.row("index").waitFor(poll);
  expect(await routes.locationOf("index")).toBe("app.ts:5");
  await routes.openRunner("index");
  await routes.send({});
  expect(await routes.runnerStatus.textContent()).toBe("200 OK");
  await routes.runnerHtml.locator("h1").getByText("Hello from Vial!").waitFor(poll);
  await routes.closeRunner();

  await page.getByTestId("routes-new").click();
  await routes.ruleInput.fill("/hello/<nope:name>");
  await routes.ruleError.waitFor();
  expect(await routes.ruleError.textContent()).toContain('no converter "nope"');
  await page.getByTestId("route-cancel").click();

  await routes.create({ rule: "/hello/<name>", returns: "json" });
  const added = 'app.get("/hello/<name>", function hello({ name }) {\n  return { name };\n});\n';
  await expect.poll(() => readFile(appFile, "utf8"), poll).toBe(`${original}\n${added}`);
  await expect.poll(() => editor.visibleText(), poll).toContain('app.get("/hello/<name>", function hello({ name }) {');
  expect(await editor.isDirty("app.ts")).toBe(false);
  await expect.poll(() => routes.row("hello").getAttribute("data-origin"), poll).toBe("both");
  expect(await routes.ruleOf("hello")).toBe("/hello/<name>");
  expect(await routes.locationOf("hello")).toBe("app.ts:9");

  await preview.goTo("/hello/ada");
  await preview.waitForText('"name":"ada"');

  await routes.openRunner("hello");
  await routes.send({ name: "Grace Hopper" });
  expect(await routes.runnerUrl.textContent()).toBe("GET /hello/Grace%20Hopper");
  expect(await routes.runnerStatus.textContent()).toBe("200 OK");
  expect(await page.getByTestId("runner-json").innerText()).toMatch(/name:\s*"Grace Hopper"/);
  await page.getByTestId("runner-view-raw").click();
  expect(JSON.parse((await routes.runnerBody.textContent()) ?? "")).toEqual({ name: "Grace Hopper" });
  await page.getByTestId("runner-save").click();
  await workbench.fillPrompt("Grace");
  await expect
    .poll(() => readFile(join(dir, ".vial/requests.json"), "utf8").then((text) => JSON.parse(text) as unknown, () => null), poll)
    .toMatchObject({ requests: [{ name: "Grace", endpoint: "hello", method: "GET", params: { name: "Grace Hopper" } }] });
  await routes.closeRunner();
  await page.getByTestId("routes-layout").click();
  expect(await page.getByTestId("route-map").innerText()).toMatch(/hello\s+<name>\s+GET/);
  await page.getByTestId("routes-layout").click();

  await routes.edit("hello", { rule: "/hi/<name>" });
  await expect.poll(() => readFile(appFile, "utf8"), poll).toBe(`${original}\n${added.replace("/hello/<name>", "/hi/<name>")}`);
  await expect.poll(() => editor.visibleText(), poll).toContain('app.get("/hi/<name>", function hello({ name }) {');
  await expect.poll(() => routes.ruleOf("hello"), poll).toBe("/hi/<name>");
  await expect.poll(() => routes.row("hello").getAttribute("data-origin"), poll).toBe("both");
  await preview.goTo("/hi/bob");
  await preview.waitForText('"name":"bob"');

  await routes.askDelete("hello");
  await workbench.answerDialog("Delete Route and Handler");
  await expect.poll(() => readFile(appFile, "utf8"), poll).toBe(original);
  await expect.poll(() => routes.endpoints(), poll).not.toContain("hello");
  await expect.poll(() => editor.visibleText(), poll).not.toContain("/hi/<name>");
  await preview.reloadButton.click();
  await preview.waitForText("Not Found");

  await editor.focus();
  await page.keyboard.press("Control+Z");
  await expect.poll(() => editor.visibleText(), poll).toContain('app.get("/hi/<name>", function hello({ name }) {');
  expect(await editor.isDirty("app.ts")).toBe(true);
});

test("renames an endpoint with its urlFor and url_for references, and completes endpoint names in the editor", async ({ studio }) => {
  const { page, workbench, editor, preview, routes, dir } = await openBlankProject(studio, "links");
  await writeFile(
    join(dir, "app.ts"),
    `import { Vial, redirect, renderTemplate, urlFor } from "vial";

export const app = new Vial({ root: import.meta.dirname });

app.get("/", function index() {
  return renderTemplate("links.html");
});

app.get("/hello", function hello() {
  return "hi there";
});

app.get("/go", function go() {
  return redirect(urlFor("hello"));
});
`,
  );
  await writeFile(join(dir, "templates/links.html"), `<a href="{{ url_for('hello') }}">Say hello</a>\n`);
  await preview.reloadButton.click();
  await preview.waitForText("Say hello");

  await routes.show();
  await routes.row("hello").waitFor(poll);
  await routes.edit("hello", { endpoint: "greet" });
  await workbench.dialog.getByText('Rename them to "greet"?', { exact: false }).waitFor(poll);
  await workbench.answerDialog("Update References");
  await expect.poll(() => readFile(join(dir, "templates/links.html"), "utf8"), poll).toBe(`<a href="{{ url_for('greet') }}">Say hello</a>\n`);
  await expect.poll(() => readFile(join(dir, "app.ts"), "utf8"), poll).toContain('return redirect(urlFor("greet"));');
  expect(await readFile(join(dir, "app.ts"), "utf8")).toContain('app.get("/hello", { endpoint: "greet" }, function hello() {');
  await routes.row("greet").waitFor(poll);

  await preview.goTo("/go");
  await preview.waitForText("hi there");

  await routes.openHandler("greet");
  await expect.poll(() => workbench.statusCursor.textContent(), poll).toMatch(/^Ln 9,/);
  await page.keyboard.press("Control+End");
  await page.keyboard.type('const link = urlFor("g');
  await editor.suggestion("greet").waitFor(poll);
  await page.keyboard.press("Escape");
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Control+S");
  await expect.poll(() => editor.isDirty("app.ts"), poll).toBe(false);

  await page.getByTestId("activity-explorer").click();
  await new ExplorerPage(page).rename("templates/links.html", "nav.html");
  await workbench.dialog.getByText('Rename it to "nav.html"?', { exact: false }).waitFor(poll);
  await workbench.answerDialog("Update References");
  await expect.poll(() => readFile(join(dir, "app.ts"), "utf8"), poll).toContain('return renderTemplate("nav.html");');
  await preview.goTo("/");
  await preview.waitForText("Say hello");
});

test("a half-filled route form and a prepared request outlive a visit to another view and a hidden side bar", async ({ studio }) => {
  const { page, workbench, routes } = await openBlankProject(studio, "keep-app");
  await routes.show();
  await routes.row("index").waitFor(poll);
  await page.getByTestId("routes-new").click();
  await routes.ruleInput.fill("/half/<int:done>");
  await page.getByTestId("activity-explorer").click();
  await routes.form.waitFor({ state: "hidden" });
  await page.getByTestId("activity-routes").click();
  await routes.form.waitFor();
  expect(await routes.ruleInput.inputValue()).toBe("/half/<int:done>");

  await workbench.shortcut("Mod+B");
  await routes.form.waitFor({ state: "hidden" });
  await workbench.shortcut("Mod+B");
  await routes.form.waitFor();
  expect(await routes.ruleInput.inputValue()).toBe("/half/<int:done>");
  expect(await routes.endpointInput.inputValue()).toBe("half");

  // Cancel and Back give focus back to what opened the form or the runner, for keyboard users.
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
  await page.getByTestId("route-cancel").click();
  await expect.poll(focusedTestId).toBe("routes-new");
  await routes.openRunner("index");
  await page.getByTestId("runner-close").click();
  await expect.poll(focusedTestId).toBe("route-open");
  expect(await routes.row("index").evaluate((row) => row.contains(document.activeElement))).toBe(true);
});

test("the runner asks for a body only for methods that carry one, and posts a form to the Website starter's contact page", async ({ studio }) => {
  const { page } = studio;
  const routes = new RoutesPage(page);
  await new WelcomePage(page).createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await new WorkbenchPage(page).projectOpen();
  await new PreviewPage(page).waitForText("Welcome to your new website");
  await routes.show();
  await routes.openRunner("contact");
  expect(await page.getByTestId("runner-method").inputValue()).toBe("GET");
  expect(await page.getByTestId("runner-body-kind").count()).toBe(0);

  await page.getByTestId("runner-method").selectOption("POST");
  await page.getByTestId("runner-body-kind").selectOption("form");
  await page.getByTestId("runner-body-input").fill("name=Ada\nmessage=");
  await routes.send({});
  await routes.runnerHtml.getByText("Please fill in your name and a message.").waitFor(poll);
  expect(await routes.runnerHtml.locator('input[name="name"]').inputValue()).toBe("Ada");
});
