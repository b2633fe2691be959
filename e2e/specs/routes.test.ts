import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { RoutesPage } from "../pages/routes-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000, interval: 100 };

test("adds a route from the form, runs a request, changes its rule and deletes it, each step in the editor, the table and the preview", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const editor = new EditorPage(page);
  const preview = new PreviewPage(page);
  const routes = new RoutesPage(page);
  const appFile = join(studio.projectsDir, "hello-app/app.ts");

  await welcome.createProject({ starter: "blank", name: "hello-app", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Hello from Vial!");
  const original = await readFile(appFile, "utf8");

  await routes.show();
  await routes.row("index").waitFor(poll);
  expect(await routes.locationOf("index")).toBe("app.ts:5");

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
  expect(JSON.parse((await routes.runnerBody.textContent()) ?? "")).toEqual({ name: "Grace Hopper" });
  await routes.closeRunner();

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
