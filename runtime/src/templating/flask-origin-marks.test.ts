import { afterEach, describe, expect, it, vi } from "vitest";
import { listenPerTest } from "../__fixtures__/test-apps.js";
import { Vial } from "../app.js";
import type { FileReader } from "../files.js";
import { renderTemplate } from "./flask.js";

/** The Website starter's templates, served from disk as a user's project would be. */
const websiteRoot = `${import.meta.dirname}/../../../resources/starters/website`;

function websiteApp(debug: boolean): Vial {
  const app = new Vial({ root: websiteRoot });
  app.config.DEBUG = debug;
  app.config.SECRET_KEY = "test-only";
  app.get("/", function index() {
    return renderTemplate("index.html", { features: [{ title: "Templates", text: "Jinja" }] });
  });
  app.get("/about", function about() {
    return "";
  });
  app.get("/contact", function contact() {
    return "";
  });
  return app;
}

const listen = listenPerTest();

async function homePage(debug: boolean): Promise<string> {
  const response = await fetch(`${await listen(websiteApp(debug))}/`);
  expect(response.status).toBe(200);
  return response.text();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("origin marks in a Vial app", () => {
  it("marks the page with each tag's template file and line when the Studio asks a debug app for them", async () => {
    vi.stubEnv("VIAL_STUDIO_INSPECT", "1");
    const html = await homePage(true);
    expect(html).toContain(`<html data-vial-src="templates/base.html:2" lang="en">`);
    expect(html).toContain(`<h1 data-vial-src="templates/index.html:5">Welcome to your new website</h1>`);
    expect(html).toContain(`<h2 data-vial-src="templates/index.html:12">Templates</h2>`);
    expect(html).toContain(`<footer data-vial-src="templates/base.html:30" class="site-footer">`);
    expect(html).toContain(`<title data-vial-src="templates/base.html:6">Home · My Website</title>`);
  });

  it("only inserts marks: without them the page is byte for byte the unmarked page", async () => {
    vi.stubEnv("VIAL_STUDIO_INSPECT", "1");
    const marked = await homePage(true);
    vi.stubEnv("VIAL_STUDIO_INSPECT", "");
    const plain = await homePage(true);
    expect(marked).not.toBe(plain);
    expect(marked.replace(/ data-vial-src="templates\/[a-z]+\.html:\d+"/g, "")).toBe(plain);
  });

  it("marks only the HTML templates in the app's folder, not text templates", async () => {
    vi.stubEnv("VIAL_STUDIO_INSPECT", "1");
    const files: Record<string, string> = { "/app/templates/page.html": "<p>{% include 'note.txt' %}</p>", "/app/templates/note.txt": "<b>note</b>" };
    const reader: FileReader = {
      stat: async (path) => (path in files ? { size: 0, mtimeMs: 0, isFile: true } : undefined),
      read: async (path) => new TextEncoder().encode(files[path] ?? ""),
      readText: async (path) => files[path] ?? "",
      readTextSync: (path) => files[path],
      mtimeSync: (path) => (path in files ? 0 : undefined),
    };
    const app = new Vial({ root: "/app", files: reader, staticFolder: null });
    app.config.DEBUG = true;
    app.get("/", () => renderTemplate("page.html"));
    expect(await (await fetch(`${await listen(app)}/`)).text()).toBe(`<p data-vial-src="templates/page.html:1"><b>note</b></p>`);
  });

  it("never marks a production run: not without debug, not without the Studio's request", async () => {
    vi.stubEnv("VIAL_STUDIO_INSPECT", "1");
    const production = await homePage(false);
    vi.stubEnv("VIAL_STUDIO_INSPECT", undefined);
    const debugOnly = await homePage(true);
    for (const html of [production, debugOnly]) {
      expect(html).toContain("<h1>Welcome to your new website</h1>");
      expect(html).not.toContain("data-vial-src");
    }
  });
});
