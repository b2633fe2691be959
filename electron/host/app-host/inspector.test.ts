import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HostEvents } from "../events.js";
import * as runtime from "../../../runtime/src/index.js";
import { Vial, Response, type ListeningServer } from "../../../runtime/src/index.js";
import { injectInspector } from "./inspector.js";
import { AppHostService } from "./service.js";
import { buildChildEntry, createProject, runtimeDir, until } from "./test-projects.js";

const scriptMarker = `<script data-vial-studio="inspect">`;
const servers: ListeningServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An app with no folders on disk and a key, so it warns about nothing. */
function quietApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.config.SECRET_KEY = "test-only";
  return app;
}

async function serve(app: Vial): Promise<string> {
  const server = await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  return server.url;
}

const asPage = { headers: { "Sec-Fetch-Dest": "iframe" } };
const mark = (name: string) => ` data-vial-src="templates/${name}.html:1"`;
const page = (name: string) => `<p${mark(name)}>${name}</p>`;

/** An app that serves the same marked page as each kind of body, split mid-mark where it can be. */
function pagesApp(): Vial {
  const app = quietApp();
  app.get("/text", () => page("text"));
  app.get("/bytes", () => new Response(new TextEncoder().encode(page("bytes")), { headers: { "Content-Length": "51" } }));
  app.get("/stream", () => new Response(new Blob([page("stream").slice(0, 8), page("stream").slice(8)]).stream()));
  app.get("/chunks", () => new Response([page("chunks").slice(0, 10), page("chunks").slice(10, 20), page("chunks").slice(20)]));
  app.get("/unmarked", () => "<p>no marks</p>");
  app.get("/json", () => ({ html: page("json") }));
  app.get("/encoded", () => new Response(page("encoded"), { headers: { "Content-Encoding": "identity" } }));
  app.get("/latin", () => new Response(page("latin"), { headers: { "Content-Type": "text/html; charset=iso-8859-1" } }));
  return app;
}

const bodies = ["text", "bytes", "stream", "chunks"];

describe("injectInspector", () => {
  it("gives a page a browser loads its marks and the inspector, whatever the body", async () => {
    const app = pagesApp();
    expect(injectInspector(app, runtime)).toBe(true);
    const url = await serve(app);
    for (const name of bodies) {
      const body = await (await fetch(`${url}/${name}`, asPage)).text();
      expect(body.startsWith(`${page(name)}\n${scriptMarker}`), body).toBe(true);
      expect(body.endsWith("</script>\n"), name).toBe(true);
    }
    expect(await (await fetch(`${url}/unmarked`, asPage)).text()).toBe("<p>no marks</p>");
  });

  it("gives any other client the app's own bytes, and leaves what is not UTF-8 HTML alone", async () => {
    const app = pagesApp();
    injectInspector(app, runtime);
    const url = await serve(app);
    for (const name of bodies) expect(await (await fetch(`${url}/${name}`)).text(), name).toBe(`<p>${name}</p>`);
    expect(await (await fetch(`${url}/json`, asPage)).json()).toEqual({ html: page("json") });
    expect(await (await fetch(`${url}/encoded`)).text()).toBe(page("encoded"));
    expect(await (await fetch(`${url}/latin`)).text()).toBe(page("latin"));
  });

  it("does nothing to an app that is already serving", async () => {
    const app = quietApp();
    app.get("/", () => page("a"));
    const url = await serve(app);
    await fetch(url);
    expect(injectInspector(app, runtime)).toBe(false);
    expect(await (await fetch(url, asPage)).text()).toBe(page("a"));
  });
});

describe("the previewed app", () => {
  let scratch: string;
  let childEntry: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "vial-app-host-inspect-"));
    childEntry = await buildChildEntry(scratch);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("serves the pages a browser loads with origin marks and the inspector when the Studio runs it", { timeout: 30_000 }, async () => {
    const dir = await createProject(scratch, {
      "app.ts": `import { Vial, renderTemplate } from "vial";\nexport const app = new Vial({ root: import.meta.dirname });\napp.get("/", () => renderTemplate("page.html", { name: "you" }));\n`,
      "templates/page.html": `<main>\n  <h1 class="title">Hello {{ name }}</h1>\n</main>`,
    });
    const events = new HostEvents();
    const appHost = new AppHostService({ events, runtimeDir, childEntry });
    try {
      appHost.follow();
      events.emit("project.changed", { project: { dir, name: "p" } });
      const url = await until(() => {
        const status = appHost.current()?.status();
        return status?.state === "running" && status.url !== null ? status.url : undefined;
      });
      expect(await (await fetch(`${url}/`)).text()).toBe(`<main>\n  <h1 class="title">Hello you</h1>\n</main>`);
      const page = await (await fetch(`${url}/`, asPage)).text();
      expect(page).toMatch(/^<main data-vial-src="templates\/page.html:1">\n {2}<h1 data-vial-src="templates\/page.html:2" class="title">Hello you<\/h1>\n<\/main>\n<script data-vial-studio="inspect">/);
    } finally {
      await appHost.dispose();
    }
  });
});
