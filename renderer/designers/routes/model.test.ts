import { describe, expect, it } from "vitest";
import type { RouteInfo } from "../../../electron/api/contract";
import { buildPath, completionContext, converterInput, endpointError, endpointSuggestions, groupRoutes, jsonTemplate, mayReferenceEndpoints, parseHeaders, parseJson, pathTree, prettyJson, referenceEdits, ruleError, ruleParts, templateNameOf, templateReferenceEdits } from "./model";

function route(endpoint: string, rule: string, blueprint: string | null = null, methods = ["GET"]): RouteInfo {
  return { id: endpoint, endpoint, rule, methods, blueprint, origin: "code", source: null };
}

describe("the route designer's model", () => {
  it("splits a rule into text and typed variables", () => {
    expect(ruleParts("/files/<path:name>/<id>/<any(a, 'b'):kind>")).toEqual([
      { kind: "text", text: "/files/" },
      { kind: "variable", text: "<path:name>", name: "name", converter: "path", args: [] },
      { kind: "text", text: "/" },
      { kind: "variable", text: "<id>", name: "id", converter: "string", args: [] },
      { kind: "text", text: "/" },
      { kind: "variable", text: "<any(a, 'b'):kind>", name: "kind", converter: "any", args: ["a", "b"] },
    ]);
  });

  it("validates rules as the runtime does", () => {
    expect(ruleError("/hello/<name>")).toBeUndefined();
    expect(ruleError("/u/<int:id>/<uuid:key>")).toBeUndefined();
    expect(ruleError("hello")).toMatch(/starts with "\/"/);
    expect(ruleError("/x/<nope:id>")).toMatch(/no converter "nope"/);
    expect(ruleError("/x/<id>/<int:id>")).toMatch(/used twice/);
    expect(ruleError("/x/<id")).toMatch(/variable is written/);
    expect(ruleError("/x/<any:kind>")).toMatch(/needs choices/);
    expect(endpointError("hello")).toBeUndefined();
    expect(endpointError("api.hello")).toMatch(/no dots/);
  });

  it("builds the request path from the variables, escaping them", () => {
    expect(buildPath("/hello/<name>", { name: "Ada L" }, "?x=1")).toBe("/hello/Ada%20L?x=1");
    expect(buildPath("/files/<path:p>", { p: "a b/c.txt" })).toBe("/files/a%20b/c.txt");
    expect(converterInput({ converter: "int", args: [] }).type).toBe("number");
    expect(converterInput({ converter: "any", args: ["a", "b"] }).choices).toEqual(["a", "b"]);
  });

  it("groups by blueprint after the filter, and maps path segments", () => {
    const routes = [route("index", "/"), route("items.list", "/api/items/", "items"), route("items.create", "/api/items/", "items", ["POST"]), route("about", "/about")];
    expect(groupRoutes(routes, "").map((group) => [group.title, group.routes.length])).toEqual([["App", 2], ["items", 2]]);
    expect(groupRoutes(routes, "post items").map((group) => group.routes.map((r) => r.endpoint))).toEqual([["items.create"]]);
    expect(groupRoutes(routes, "nothing")).toEqual([]);
    const tree = pathTree(routes);
    expect(tree.routes.map((r) => r.endpoint)).toEqual(["index"]);
    expect(tree.children.map((node) => node.segment)).toEqual(["api", "about"]);
    expect(tree.children[0]?.children[0]?.routes).toHaveLength(2);
  });

  it("reads header lines, pretty-prints JSON and pre-fills a body", () => {
    expect(parseHeaders("Accept: application/json\n\nbad line\nX-A: b:c")).toEqual({ Accept: "application/json", "X-A": "b:c" });
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson("not json")).toBe("not json");
    expect(parseJson("[1]")).toEqual({ ok: true, value: [1] });
    expect(parseJson("<p>")).toEqual({ ok: false });
    expect(jsonTemplate(["title"])).toBe('{\n  "title": ""\n}');
  });
});

describe("project completion", () => {
  it("knows when the cursor is in urlFor, url_for or renderTemplate", () => {
    expect(completionContext('return redirect(urlFor("he')).toEqual({ kind: "endpoint", typed: "he", quote: '"' });
    expect(completionContext("<a href=\"{{ url_for('")).toEqual({ kind: "endpoint", typed: "", quote: "'" });
    expect(completionContext('return renderTemplate("pages/')).toEqual({ kind: "template", typed: "pages/", quote: '"' });
    expect(completionContext('const x = "')).toEqual({ kind: "none" });
  });

  it("suggests endpoints with their parameters, once each", () => {
    const routes = [route("hello", "/hello/<name>/<int:n>"), route("hello", "/hi/<name>/<int:n>", null, ["POST"]), route("index", "/")];
    expect(endpointSuggestions(routes, '"', "typescript")).toEqual([
      { label: "hello", detail: "GET /hello/<name>/<int:n>", insertText: 'hello", { name: ${1}, n: ${2} }' },
      { label: "index", detail: "GET /", insertText: 'index"' },
    ]);
    expect(endpointSuggestions(routes, "'", "jinja")[0]?.insertText).toBe("hello', name=${1}, n=${2}");
  });
});

describe("endpoint rename", () => {
  it("finds urlFor and url_for references of exactly that endpoint", () => {
    const text = `redirect(urlFor("hello", { name })); urlFor("hello_world"); {{ url_for('hello') }} urlFor( "hello" )`;
    const edits = referenceEdits(text, "hello", "greet");
    expect(edits).toHaveLength(3);
    let out = text;
    for (const edit of [...edits].reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    expect(out).toBe(`redirect(urlFor("greet", { name })); urlFor("hello_world"); {{ url_for('greet') }} urlFor( "greet" )`);
    expect(referenceEdits("urlFor('items.list')", "items.list", "items.all")).toEqual([{ start: 8, end: 18, text: "items.all" }]);
    expect(mayReferenceEndpoints("templates/a.html")).toBe(true);
    expect(mayReferenceEndpoints("static/logo.png")).toBe(false);
  });
});

describe("template rename", () => {
  it("finds renderTemplate calls and extends/include/import tags naming the template", () => {
    const text = `renderTemplate("a.html", {}); renderTemplate("a.htmlx"); {% extends "a.html" %}{%- include 'a.html' %}{% from "a.html" import m %} "a.html"`;
    const edits = referenceEditsApplied(text, templateReferenceEdits(text, "a.html", "b.html"));
    expect(edits).toBe(`renderTemplate("b.html", {}); renderTemplate("a.htmlx"); {% extends "b.html" %}{%- include 'b.html' %}{% from "b.html" import m %} "a.html"`);
    expect(templateNameOf("templates/pages/a.html")).toBe("pages/a.html");
    expect(templateNameOf("static/a.html")).toBeUndefined();
    expect(templateNameOf("templates/pages")).toBeUndefined();
  });
});

function referenceEditsApplied(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
