import { describe, expect, it } from "vitest";
import { Vial } from "../app.js";
import { Blueprint } from "../blueprint.js";
import type { FileReader } from "../files.js";
import { g, request } from "../globals.js";
import { Response } from "../response.js";
import { flash } from "../sessions.js";
import { templateRendered } from "../signals.js";
import type { TemplateError } from "./errors.js";
import { renderTemplate, renderTemplateString, streamTemplate } from "./flask.js";

/** An in-memory FileReader: path → text; `mtimes` can be bumped to simulate an edit. */
function memoryFiles(files: Record<string, string>): FileReader & { files: Record<string, string>; touch(path: string): void } {
  const mtimes: Record<string, number> = {};
  return {
    files,
    touch(path) {
      mtimes[path] = (mtimes[path] ?? 0) + 1;
    },
    stat: async (path) => (path in files ? { size: files[path]?.length ?? 0, mtimeMs: mtimes[path] ?? 0, isFile: true } : undefined),
    read: async (path) => new TextEncoder().encode(files[path] ?? ""),
    readText: async (path) => files[path] ?? "",
    readTextSync: (path) => files[path],
    mtimeSync: (path) => (path in files ? (mtimes[path] ?? 0) : undefined),
  };
}

async function get(app: Vial, path: string): Promise<{ status: number; body: string }> {
  const res = await app.fetch(new Request(`http://localhost${path}`));
  return { status: res.status, body: await res.text() };
}

const HOSTILE = `<script>alert('x')</script>&"`;

describe("Flask templating", () => {
  it("escapes hostile input in HTML text, attributes, tojson, macros, includes and string templates", async () => {
    const files = memoryFiles({
      "/app/templates/page.html": `<p>{{ v }}</p><a title="{{ v }}">x</a><script>var d = {{ data|tojson }};</script>{% macro m(x) %}<b>{{ x }}</b>{% endmacro %}{{ m(v) }}{% include "part.html" %}{{ safe|safe }}`,
      "/app/templates/part.html": `<i>{{ v }}</i>`,
      "/app/templates/note.txt": `{{ v }}`,
    });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    app.get("/page", () => renderTemplate("page.html", { v: HOSTILE, data: { k: HOSTILE }, safe: "<em>ok</em>" }));
    app.get("/txt", () => renderTemplate("note.txt", { v: HOSTILE }));
    app.get("/str", () => renderTemplateString("{{ v }}", { v: HOSTILE }));
    const page = (await get(app, "/page")).body;
    const esc = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#34;";
    expect(page).toBe(
      `<p>${esc}</p><a title="${esc}">x</a><script>var d = {"k": "\\u003cscript\\u003ealert(\\u0027x\\u0027)\\u003c/script\\u003e\\u0026\\""};</script><b>${esc}</b><i>${esc}</i><em>ok</em>`,
    );
    expect((await get(app, "/txt")).body).toBe(HOSTILE);
    expect((await get(app, "/str")).body).toBe(esc);
  });

  it("searches the app's templates first, then blueprints in registration order", async () => {
    const files = memoryFiles({
      "/app/templates/shared.html": "app",
      "/app/a/templates/shared.html": "a",
      "/app/a/templates/only-a.html": "a-only",
      "/app/a/templates/both.html": "from a",
      "/app/b/templates/both.html": "from b",
      "/app/b/templates/only-b.html": "b-only",
    });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    const a = new Blueprint("a", { root: "/app/a", templateFolder: "templates" });
    const b = new Blueprint("b", { root: "/app/b", templateFolder: "templates" });
    app.registerBlueprint(a);
    app.registerBlueprint(b);
    app.get("/<name>", ({ name }) => renderTemplate(`${name}.html`));
    expect((await get(app, "/shared")).body).toBe("app");
    expect((await get(app, "/both")).body).toBe("from a");
    expect((await get(app, "/only-a")).body).toBe("a-only");
    expect((await get(app, "/only-b")).body).toBe("b-only");
  });

  it("gives blueprint templates Flask's globals, app and blueprint context processors, and explicit values last", async () => {
    const files = memoryFiles({
      "/app/admin/templates/admin/index.html": "{{ url_for('admin.index', page=2) }}|{{ request.path }}|{{ g.user }}|{{ config.DEBUG }}|{{ site }}|{{ section }}|{{ title }}|{{ 'x'|shout }}|{{ 4 is big }}|{{ answer() }}",
      "/app/templates/home.html": "{{ section }}|{{ site }}",
    });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    const admin = new Blueprint("admin", { root: "/app/admin", templateFolder: "templates", urlPrefix: "/admin" });
    app.contextProcessor(() => ({ site: "Vial", title: "from processor" }));
    admin.contextProcessor(() => ({ section: "admin" }));
    admin.templateFilter("shout", (s: string) => s.toUpperCase() + "!");
    app.templateTest("big", (n: number) => n > 3);
    app.templateGlobal("answer", () => 42);
    admin.get("/", { endpoint: "index" }, () => {
      g.user = "ada";
      return renderTemplate("admin/index.html", { title: "explicit" });
    });
    app.registerBlueprint(admin);
    app.get("/home", () => renderTemplate("home.html"));
    expect((await get(app, "/admin/")).body).toBe("/admin/?page=2|/admin/|ada|False|Vial|admin|explicit|X!|True|42");
    expect((await get(app, "/home")).body).toBe("|Vial");
  });

  it("shows flashed messages from the session through get_flashed_messages", async () => {
    const files = memoryFiles({ "/app/templates/show.html": "{% for c, m in get_flashed_messages(with_categories=true) %}{{ c }}:{{ m }};{% endfor %}|{{ get_flashed_messages() }}" });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    app.config.SECRET_KEY = "test-secret";
    app.get("/set", () => {
      flash("saved <ok>", "info");
      return "set";
    });
    app.get("/show", () => renderTemplate("show.html"));
    const first = await app.fetch(new Request("http://localhost/set"));
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).not.toBe("");
    const shown = await app.fetch(new Request("http://localhost/show", { headers: { cookie } }));
    expect(await shown.text()).toBe("info:saved &lt;ok&gt;;|[&#39;saved &lt;ok&gt;&#39;]");
  });

  it("streams a template as the response is read, with url_for and request still available", async () => {
    const files = memoryFiles({ "/app/templates/list.html": "{% for i in range(3000) %}<a href=\"{{ url_for('list') }}\">{{ request.path }} {{ i }}</a>{% endfor %}" });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    app.get("/list", { endpoint: "list" }, () => new Response(streamTemplate("list.html")));
    const res = await app.fetch(new Request("http://localhost/list"));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += decoder.decode(value, { stream: true });
    }
    expect(reads).toBeGreaterThan(1);
    expect(text.startsWith('<a href="/list">/list 0</a>')).toBe(true);
    expect(text.endsWith('<a href="/list">/list 2999</a>')).toBe(true);
  });

  it("sends templateRendered and reloads changed templates in debug mode", async () => {
    const files = memoryFiles({ "/app/templates/t.html": "one" });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    app.debug = true;
    app.get("/", () => renderTemplate("t.html", { n: 1 }));
    const seen: (string | undefined)[] = [];
    const off = templateRendered.connect((_app, { template }) => seen.push(template.name));
    expect((await get(app, "/")).body).toBe("one");
    files.files["/app/templates/t.html"] = "two";
    files.touch("/app/templates/t.html");
    expect((await get(app, "/")).body).toBe("two");
    off();
    expect(seen).toEqual(["t.html", "t.html"]);
  });

  it("reports template errors with template name, line, column and source line", async () => {
    const files = memoryFiles({
      "/app/templates/bad-syntax.html": "<h1>\n  {% if x %}\n  {{ x + }}\n{% endif %}",
      "/app/templates/bad-runtime.html": "ok\n\n  <p>{{ user.name.first }}</p>",
    });
    const app = new Vial({ root: "/app", files, staticFolder: null });
    app.get("/<name>", ({ name }) => {
      try {
        return renderTemplate(`${name}.html`);
      } catch (e) {
        const err = e as TemplateError;
        return { type: err.name, message: err.message, template: err.templateName, lineno: err.lineno, column: err.column, line: err.sourceLine, path: request.path };
      }
    });
    expect(JSON.parse((await get(app, "/bad-syntax")).body)).toEqual({
      type: "TemplateSyntaxError", message: "unexpected 'end of print statement'", template: "bad-syntax.html", lineno: 3, column: 10, line: "  {{ x + }}", path: "/bad-syntax",
    });
    expect(JSON.parse((await get(app, "/bad-runtime")).body)).toEqual({
      type: "UndefinedError", message: "'user' is undefined", template: "bad-runtime.html", lineno: 3, column: 9, line: "  <p>{{ user.name.first }}</p>", path: "/bad-runtime",
    });
  });
});
