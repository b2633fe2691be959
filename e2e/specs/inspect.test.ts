import { expect } from "vitest";
import { test } from "../fixtures.js";
import { EditorPage } from "../pages/editor-page.js";
import { PreviewPage } from "../pages/preview-page.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

const poll = { timeout: 30_000, interval: 100 };

test("inspects the Website starter in the preview: hover names the template line, click opens it in Monaco", async ({ studio }) => {
  const { page } = studio;
  const welcome = new WelcomePage(page);
  const workbench = new WorkbenchPage(page);
  const editor = new EditorPage(page);
  const preview = new PreviewPage(page);

  await welcome.createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  await preview.waitForText("Welcome to your new website");

  await preview.inspectButton.click();
  await expect.poll(() => preview.inspectButton.getAttribute("aria-pressed"), poll).toBe("true");
  // The page's heading comes from the page template, the footer from the layout it extends.
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("h1")), poll).toBe("templates/index.html:5");
  await expect.poll(() => preview.inspectSource.textContent(), poll).toBe("templates/index.html:5");
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("footer")), poll).toBe("templates/base.html:30");
  // Text a loop printed belongs to the tag around it.
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("h2").first()), poll).toBe("templates/index.html:12");

  // Clicking a link while inspecting opens its line instead of following it.
  await preview.frame.getByRole("link", { name: "Say hello" }).click();
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe("templates/index.html");
  await expect.poll(() => workbench.statusCursor.textContent(), poll).toMatch(/^Ln 7, Col \d+$/);
  expect(await preview.inspectButton.getAttribute("aria-pressed")).toBe("false");
  expect(await preview.inspectLabel.count()).toBe(0);
  expect(await preview.address.inputValue()).toBe("/");

  // An element of the layout opens the layout, at its own line.
  await preview.inspectButton.click();
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("footer")), poll).toBe("templates/base.html:30");
  await preview.frame.locator("footer").click();
  await expect.poll(() => editor.activeTab().getAttribute("data-path"), poll).toBe("templates/base.html");
  await expect.poll(() => workbench.statusCursor.textContent(), poll).toMatch(/^Ln 30, Col \d+$/);

  // Inspecting goes on across a reload of the page (the tool starts again in the new page); Escape ends it.
  await preview.clickLink("About");
  await expect.poll(() => preview.address.inputValue(), poll).toBe("/about");
  await preview.inspectButton.click();
  await preview.frame.locator("body").evaluate((body) => body.setAttribute("data-before-reload", ""));
  await preview.reloadButton.click();
  await expect.poll(() => preview.frame.locator("body[data-before-reload]").count(), poll).toBe(0);
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("header nav a").first()), poll).toBe("templates/base.html:14");
  await page.keyboard.press("Escape");
  await expect.poll(() => preview.inspectButton.getAttribute("aria-pressed"), poll).toBe("false");
  await expect.poll(() => preview.inspectLabelOf(preview.frame.locator("h1").first()), poll).toBeNull();
});
