import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyEdits, detectStyle, planCreate, planDelete, planUpdate } from "./route-edits.js";
import { buildRouteIndex } from "./route-index.js";
import type { RouteInfo, TextEdit } from "./types.js";

const starters = join(import.meta.dirname, "../../../resources/starters");
const starterFile = (path: string) => readFileSync(join(starters, path), "utf8");

function routes(file: string, text: string): RouteInfo[] {
  return buildRouteIndex(new Map([[file, text]]), null).routes;
}

function route(file: string, text: string, endpoint: string): RouteInfo {
  const found = routes(file, text).find((candidate) => candidate.endpoint === endpoint);
  if (!found?.source) throw new Error(`no route ${endpoint}`);
  return found;
}

/** The text outside the edited spans is byte-for-byte the original. */
function expectOnlyEditedSpansChanged(before: string, after: string, edits: TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let cursorBefore = 0;
  let cursorAfter = 0;
  for (const edit of sorted) {
    const kept = before.slice(cursorBefore, edit.start);
    expect(after.slice(cursorAfter, cursorAfter + kept.length)).toBe(kept);
    cursorAfter += kept.length + edit.text.length;
    cursorBefore = edit.end;
  }
  expect(after.slice(cursorAfter)).toBe(before.slice(cursorBefore));
}

const semicolonFree = `import { Vial } from 'vial'

export const app = new Vial({ root: import.meta.dirname })

app.get('/', function index() {
    return 'home'
})
`;

describe("the code-edit planner", () => {
  it("reads a file's style", () => {
    expect(detectStyle(semicolonFree)).toEqual({ quote: "'", semicolons: false, indent: "    ", newline: "\n" });
    expect(detectStyle(starterFile("website/app.ts"))).toMatchObject({ quote: '"', semicolons: true, indent: "  " });
  });

  it("adds a JSON route to the Blank starter after the last route, in its style", () => {
    const before = starterFile("blank/app.ts");
    const edits = planCreate(before, "app.ts", { receiver: "app", methods: ["GET"], rule: "/hello/<name>", endpoint: "hello", returns: { kind: "json" } });
    const after = applyEdits(before, edits);
    expect(after).toBe(`${before.trimEnd()}\n\napp.get("/hello/<name>", function hello({ name }) {\n  return { name };\n});\n`);
    expectOnlyEditedSpansChanged(before, after, edits);
    expect(route("app.ts", after, "hello")).toMatchObject({ rule: "/hello/<name>", methods: ["GET"] });
    expect(routes("app.ts", after)).toHaveLength(2);
  });

  it("writes in a file's own quotes, semicolons and indentation, and adds the imports a template or redirect needs", () => {
    const edits = planCreate(semicolonFree, "app.ts", {
      receiver: "app",
      methods: ["GET", "POST"],
      rule: "/pages/<int:id>",
      endpoint: "page",
      returns: { kind: "template", template: "page.html" },
    });
    const after = applyEdits(semicolonFree, edits);
    expect(after).toBe(`import { Vial, renderTemplate } from 'vial'

export const app = new Vial({ root: import.meta.dirname })

app.get('/', function index() {
    return 'home'
})

app.route('/pages/<int:id>', { methods: ['GET', 'POST'] }, function page({ id }) {
    return renderTemplate('page.html', { id })
})
`);
    expect(route("app.ts", after, "page")).toMatchObject({ rule: "/pages/<int:id>", methods: ["GET", "POST"] });
    const redirect = applyEdits(semicolonFree, planCreate(semicolonFree, "app.ts", { receiver: "app", methods: ["GET"], rule: "/old", endpoint: "old", returns: { kind: "redirect", to: "index" } }));
    expect(redirect).toContain("import { Vial, redirect, urlFor } from 'vial'");
    expect(redirect).toContain("return redirect(urlFor('index'))\n");
  });

  it("adds a route to a blueprint of the REST API starter", () => {
    const before = starterFile("rest-api/api/items.ts");
    const edits = planCreate(before, "api/items.ts", { receiver: "items", methods: ["DELETE"], rule: "/", endpoint: "clear-all", returns: { kind: "text", text: "It's gone" } });
    const after = applyEdits(before, edits);
    expectOnlyEditedSpansChanged(before, after, edits);
    expect(after.endsWith(`app.delete("/", { endpoint: "clear-all" }, function clear_all() {\n  return "It's gone";\n});\n`.replace("app.", "items."))).toBe(true);
    expect(route("api/items.ts", after, "items.clear-all")).toMatchObject({ rule: "/api/items/", methods: ["DELETE"] });
  });

  it("changes only the rule, methods and endpoint literals", () => {
    const before = starterFile("website/app.ts");
    const contact = route("app.ts", before, "contact").source!;
    const edits = planUpdate(before, contact, { rule: "/write-to-us", methods: ["GET", "POST", "PUT"] });
    const after = applyEdits(before, edits);
    expectOnlyEditedSpansChanged(before, after, edits);
    expect(edits.map((edit) => edit.text)).toEqual(['"/write-to-us"', '["GET", "POST", "PUT"]']);
    expect(route("app.ts", after, "contact")).toMatchObject({ rule: "/write-to-us", methods: ["GET", "POST", "PUT"] });
  });

  it("turns a get into a route with options when it needs several methods or a new endpoint", () => {
    const before = starterFile("website/app.ts");
    const about = route("app.ts", before, "about").source!;
    const after = applyEdits(before, planUpdate(before, about, { methods: ["GET", "POST"], endpoint: "about_us" }));
    expect(after).toContain('app.route("/about", { methods: ["GET", "POST"], endpoint: "about_us" }, function about() {');
    expect(route("app.ts", after, "about_us")).toMatchObject({ rule: "/about", methods: ["GET", "POST"] });
    const post = applyEdits(before, planUpdate(before, about, { methods: ["POST"] }));
    expect(post).toContain('app.post("/about", function about() {');
    const renamed = applyEdits(after, planUpdate(after, route("app.ts", after, "about_us").source!, { endpoint: "team" }));
    expect(renamed).toContain('{ methods: ["GET", "POST"], endpoint: "team" }');
  });

  it("deletes a route with its lines, or keeps an inline handler as a function", () => {
    const before = starterFile("website/app.ts");
    const about = route("app.ts", before, "about").source!;
    const gone = applyEdits(before, planDelete(before, about, true));
    expect(gone).toBe(before.replace('app.get("/about", function about() {\n  return renderTemplate("about.html");\n});\n\n', ""));
    expect(routes("app.ts", gone).map((r) => r.endpoint)).toEqual(["index", "contact"]);
    const kept = applyEdits(before, planDelete(before, about, false));
    expect(kept).toContain('function about() {\n  return renderTemplate("about.html");\n}\n');
    expect(routes("app.ts", kept).map((r) => r.endpoint)).toEqual(["index", "contact"]);
  });

  it("deletes a handler declared apart from its registration when asked", () => {
    const before = `import { Vial } from "vial";
export const app = new Vial();

function show() {
  return "x";
}

app.get("/show", show);
app.get("/other", function other() { return "o"; });
`;
    const show = route("app.ts", before, "show").source!;
    const after = applyEdits(before, planDelete(before, show, true));
    expect(after).toBe(`import { Vial } from "vial";
export const app = new Vial();

app.get("/other", function other() { return "o"; });
`);
    const keep = applyEdits(before, planDelete(before, show, false));
    expect(keep).toContain("function show()");
    expect(keep).not.toContain('"/show"');
  });
});

describe("the planner in unusual files", () => {
  it("keeps CRLF line endings and tabs, and adds a blueprint's first route after its declaration", () => {
    const before = 'import { Blueprint } from "vial";\r\nexport const admin = new Blueprint("admin", { urlPrefix: "/admin" });\r\n\r\nfunction helper() {\r\n\treturn 1;\r\n}\r\n';
    const edits = planCreate(before, "admin.ts", { receiver: "admin", methods: ["GET"], rule: "/", endpoint: "dashboard", returns: { kind: "text", text: "hi" } });
    const after = applyEdits(before, edits);
    expect(after).toBe(
      'import { Blueprint } from "vial";\r\nexport const admin = new Blueprint("admin", { urlPrefix: "/admin" });\r\n\r\nadmin.get("/", function dashboard() {\r\n\treturn "hi";\r\n});\r\n\r\nfunction helper() {\r\n\treturn 1;\r\n}\r\n',
    );
    expectOnlyEditedSpansChanged(before, after, edits);
  });

  it("deletes the last route of a file without a final newline", () => {
    const before = 'import { Vial } from "vial";\nexport const app = new Vial();\n\napp.get("/a", function a() { return "a"; });\n\napp.get("/b", function b() { return "b"; })';
    const after = applyEdits(before, planDelete(before, route("app.ts", before, "b").source!, true));
    expect(after).toBe('import { Vial } from "vial";\nexport const app = new Vial();\n\napp.get("/a", function a() { return "a"; });\n');
  });
});
