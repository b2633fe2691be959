import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseStack, renderDebugPage } from "./debug-page.js";
import { DictLoader, Environment } from "./templating/index.js";

const appSource = [
  'import { Vial } from "vial";',
  "export const app = new Vial();",
  'app.get("/", () => {',
  "  const user = undefined;",
  "  return user.name;",
  "});",
].join("\n");

const sources: Record<string, string> = { "/home/me/project/app.ts": appSource };
const sourceLines = (file: string) => sources[file]?.split("\n");

function errorWithStack(message: string, stack: string[]): Error {
  const error = new TypeError(message);
  error.stack = [`TypeError: ${message}`, ...stack].join("\n");
  return error;
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

const request = new Request("http://127.0.0.1:5000/items?q=<b>", {
  method: "POST",
  headers: { "User-Agent": "test<script>", Accept: "text/html" },
});

describe("parseStack", () => {
  it("reads named, anonymous, file:// and native frames", () => {
    const frames = parseStack(
      [
        "Error: boom",
        "    at handler (file:///home/me/my%20project/app.ts:5:15)",
        "    at /home/me/project/lib.ts:10:3",
        "    at async Vial.dispatch (/home/me/project/node_modules/vial/dist/app.js:120:9)",
        "    at new Promise (<anonymous>)",
        "    at node:internal/process/task_queues:95:5",
      ].join("\n"),
    );
    expect(frames).toEqual([
      { fn: "handler", file: "/home/me/my project/app.ts", line: 5, column: 15 },
      { fn: undefined, file: "/home/me/project/lib.ts", line: 10, column: 3 },
      { fn: "async Vial.dispatch", file: "/home/me/project/node_modules/vial/dist/app.js", line: 120, column: 9 },
      { fn: undefined, file: "node:internal/process/task_queues", line: 95, column: 5 },
    ]);
  });
});

describe("renderDebugPage", () => {
  it("shows the type, the message, the frame's file and line and the code around it", () => {
    const error = errorWithStack("Cannot read properties of undefined (reading 'name')", [
      "    at <anonymous> (file:///home/me/project/app.ts:5:15)",
      "    at Vial.dispatch (/home/me/project/node_modules/vial/dist/app.js:120:9)",
    ]);
    const html = renderDebugPage(error, request, { sourceLines });
    expect(html).toContain("<h1>TypeError</h1>");
    expect(html).toContain("Cannot read properties of undefined (reading &#39;name&#39;)");
    expect(html).toContain("/home/me/project/app.ts:5:15");
    expect(html).toMatch(/<tr class="current"><td class="ln">5<\/td><td><pre> {2}return user.name;<\/pre>/);
    expect(html).toContain("const user = undefined;");
    expect(html).toContain('<li class="frame library">');
  });

  it("reads Windows paths: user frames get code, node_modules frames do not", () => {
    const error = errorWithStack("boom", [
      "    at handler (C:\\Users\\me\\project\\app.ts:5:15)",
      "    at dispatch (C:\\Users\\me\\project\\node_modules\\vial\\dist\\app.js:9:1)",
    ]);
    const html = renderDebugPage(error, request, { sourceLines: (file) => (file.endsWith("app.ts") ? appSource.split("\n") : ["library code"]) });
    expect(html).toContain("C:\\Users\\me\\project\\app.ts:5:15");
    expect(html).toContain("return user.name;");
    expect(html).not.toContain("library code");
  });

  it("lists Vial's own frames without code, as framework frames", () => {
    const vialFile = fileURLToPath(new URL("../dist/app.js", import.meta.url));
    const error = errorWithStack("boom", [`    at Vial.dispatch (${vialFile}:10:5)`]);
    const html = renderDebugPage(error, request, { sourceLines: () => ["secret framework line"] });
    expect(html).toContain('<li class="frame library">');
    expect(html).not.toContain("secret framework line");
  });

  it("shows the template name, line and source for template errors", () => {
    const error = Object.assign(new Error("'user' is undefined"), {
      name: "UndefinedError",
      templateName: "profile.html",
      filename: "/home/me/project/templates/profile.html",
      lineno: 2,
      column: 8,
      sourceLine: "<p>{{ user.name }}</p>",
    });
    const html = renderDebugPage(error, request, {
      sourceLines: (file) => (file.endsWith("profile.html") ? ["<h1>Hi</h1>", "<p>{{ user.name }}</p>"] : undefined),
    });
    expect(html).toContain("<h1>UndefinedError</h1>");
    expect(html).toContain("Template <code>profile.html</code>, line 2");
    expect(html).toContain('<tr class="current"><td class="ln">2</td><td><pre>&lt;p&gt;{{ user.name }}&lt;/p&gt;</pre>');
  });

  it("points at the template and line of errors raised by the template engine", () => {
    const env = new Environment({
      loader: new DictLoader({
        "page.html": "<h1>{{ title }}</h1>\n{% for item in items %}\n  <p>{{ item.name.upper() }}</p>\n{% endfor %}\n",
        "broken.html": "<p>ok</p>\n<p>{% if %}</p>\n",
      }),
      undefined: "strict",
    });
    const runtimeError = captureError(() => env.getTemplate("page.html").render({ title: "T", items: [{}] }));
    const runtimePage = renderDebugPage(runtimeError, request, {});
    expect(runtimePage).toContain("Template <code>page.html</code>, line 3");
    expect(runtimePage).toContain('<td class="ln">3</td><td><pre>  &lt;p&gt;{{ item.name.upper() }}&lt;/p&gt;</pre>');

    const syntaxError = captureError(() => env.getTemplate("broken.html"));
    const syntaxPage = renderDebugPage(syntaxError, request, {});
    expect(syntaxPage).toContain("<h1>TemplateSyntaxError</h1>");
    expect(syntaxPage).toContain("Template <code>broken.html</code>, line 2");
  });

  it("falls back to the error's sourceLine when the template file cannot be read", () => {
    const error = Object.assign(new Error("unexpected end"), { templateName: "inline", lineno: 3, sourceLine: "{% if x %}" });
    const html = renderDebugPage(error, request, {});
    expect(html).toContain("Template <code>inline</code>, line 3");
    expect(html).toContain('<table class="code"><tr class="current"><td class="ln">3</td><td><pre>{% if x %}</pre></td></tr></table>');
  });

  it("shows the request and escapes everything that came from it", () => {
    const html = renderDebugPage(new Error("<img src=x onerror=alert(1)>"), request, {});
    expect(html).toContain("POST http://127.0.0.1:5000/items?q=%3Cb%3E");
    expect(html).toContain("<th>user-agent</th><td>test&lt;script&gt;</td>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
  });

  it("shows the cause chain and survives non-Error throws and failing source readers", () => {
    const error = new Error("outer", { cause: new RangeError("inner") });
    const html = renderDebugPage(error, request, {
      sourceLines: () => {
        throw new Error("disk on fire");
      },
    });
    expect(html).toContain("Caused by:");
    expect(html).toContain("<h2>RangeError</h2>");
    expect(html).not.toContain("disk on fire");
    expect(renderDebugPage("just a string", request, {})).toContain("just a string");
    expect(renderDebugPage(undefined, request)).toContain("<h1>undefined</h1>");
  });
});
