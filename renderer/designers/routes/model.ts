/**
 * The route designer's pure logic (no React, no Monaco): the rule syntax (for highlighting and live
 * validation, as the runtime parses it), the input each converter wants, grouping and filtering the
 * route table, the map of path segments, and building a request path from the route's variables.
 */
import type { RouteInfo, TextEdit } from "../../../electron/api/contract";

/** The converters a fresh app knows, with what their values look like. */
export const converters = ["string", "int", "float", "path", "uuid", "any"] as const;
export type ConverterName = (typeof converters)[number];

/** One piece of a rule: literal text, or a variable with its converter (`string` when none is written). */
export type RulePart = { kind: "text"; text: string } | { kind: "variable"; text: string; name: string; converter: string; args: string[] };

const variable = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\(([^)]*)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g;

/**
 * Splits a rule into text and variables.
 *
 * @example
 * ruleParts("/user/<int:id>"); // [{ kind: "text", text: "/user/" }, { kind: "variable", text: "<int:id>", name: "id", converter: "int", args: [] }]
 */
export function ruleParts(rule: string): RulePart[] {
  const parts: RulePart[] = [];
  let last = 0;
  for (const match of rule.matchAll(variable)) {
    if (match.index > last) parts.push({ kind: "text", text: rule.slice(last, match.index) });
    const args = (match[2] ?? "")
      .split(",")
      .map((arg) => arg.trim().replace(/^(['"])(.*)\1$/, "$2"))
      .filter(Boolean);
    parts.push({ kind: "variable", text: match[0], name: match[3] as string, converter: match[1] ?? "string", args });
    last = match.index + match[0].length;
  }
  if (last < rule.length) parts.push({ kind: "text", text: rule.slice(last) });
  return parts;
}

/**
 * Why the runtime would refuse a rule, or undefined when it is fine.
 *
 * @example
 * ruleError("/user/<int:id>"); // undefined
 * ruleError("/x/<nope:id>");   // 'There is no converter "nope": …'
 */
export function ruleError(rule: string): string | undefined {
  if (rule === "") return "Write a rule, such as /hello/<name>.";
  if (!rule.startsWith("/")) return `A rule starts with "/": write "/${rule}".`;
  if (/\s/.test(rule)) return "A rule has no spaces.";
  const names = new Set<string>();
  for (const part of ruleParts(rule)) {
    if (part.kind === "text") {
      if (/[<>]/.test(part.text)) return "A variable is written <name> or <converter:name>, as in /user/<int:id>.";
      continue;
    }
    if (!(converters as readonly string[]).includes(part.converter)) return `There is no converter "${part.converter}": use one of ${converters.join(", ")}.`;
    if (part.converter === "any" && part.args.length === 0) return "The any converter needs choices, as in <any(a, b):name>.";
    if (names.has(part.name)) return `The variable "${part.name}" is used twice.`;
    names.add(part.name);
  }
  return undefined;
}

/**
 * Why an endpoint name would be refused, or undefined.
 *
 * @example
 * endpointError("hello"); // undefined
 */
export function endpointError(endpoint: string): string | undefined {
  if (endpoint === "") return "Name the endpoint (urlFor uses it).";
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(endpoint)) return 'Use letters, digits, "_" or "-", starting with a letter (no dots).';
  return undefined;
}

/** How the request runner asks for a converter's value. */
export interface ConverterInput {
  type: "text" | "number";
  placeholder: string;
  /** A regex the value must match, for the input's `pattern`. */
  pattern?: string;
  /** Choices of an `any` converter. */
  choices?: string[];
}

/**
 * The input a variable's converter wants.
 *
 * @example
 * converterInput({ converter: "int", args: [] }); // { type: "number", placeholder: "42", pattern: "\\d+" }
 */
export function converterInput(part: { converter: string; args: string[] }): ConverterInput {
  switch (part.converter) {
    case "int":
      return { type: "number", placeholder: "42", pattern: "-?\\d+" };
    case "float":
      return { type: "text", placeholder: "1.5", pattern: "-?\\d+\\.\\d+" };
    case "uuid":
      return { type: "text", placeholder: "123e4567-e89b-12d3-a456-426614174000", pattern: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}" };
    case "path":
      return { type: "text", placeholder: "a/b/c.txt" };
    case "any":
      return { type: "text", placeholder: part.args[0] ?? "", choices: part.args };
    default:
      return { type: "text", placeholder: "value", pattern: "[^/]+" };
  }
}

/**
 * The path a request goes to: the rule with each variable filled in (escaped, but `path` keeps its slashes).
 *
 * @example
 * buildPath("/hello/<name>", { name: "Ada L" }, "x=1"); // "/hello/Ada%20L?x=1"
 */
export function buildPath(rule: string, params: Record<string, string>, query = ""): string {
  const path = ruleParts(rule)
    .map((part) => {
      if (part.kind === "text") return part.text;
      const value = params[part.name] ?? "";
      return part.converter === "path" ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
    })
    .join("");
  const trimmed = query.replace(/^\?/, "");
  return trimmed === "" ? path : `${path}?${trimmed}`;
}

/** The routes of one blueprint (or of the app itself, `blueprint` null), for one section of the table. */
export interface RouteGroup {
  blueprint: string | null;
  title: string;
  routes: RouteInfo[];
}

/**
 * True when a route matches the filter box: every word appears in its methods, rule, endpoint or file.
 *
 * @example
 * matchesFilter(route, "post items"); // POST /api/items/ matches
 */
export function matchesFilter(route: RouteInfo, query: string): boolean {
  const haystack = [route.methods.join(" "), route.rule, route.endpoint, route.source?.file ?? ""].join(" ").toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * Groups the routes by blueprint (the app's own first), keeping their order, after the filter.
 *
 * @example
 * groupRoutes(index.routes, "").map((group) => group.title); // ["App", "items"]
 */
export function groupRoutes(routes: readonly RouteInfo[], query: string): RouteGroup[] {
  const groups = new Map<string | null, RouteGroup>();
  groups.set(null, { blueprint: null, title: "App", routes: [] });
  for (const route of routes) {
    if (!matchesFilter(route, query)) continue;
    const group = groups.get(route.blueprint) ?? { blueprint: route.blueprint, title: route.blueprint ?? "App", routes: [] };
    group.routes.push(route);
    groups.set(route.blueprint, group);
  }
  return [...groups.values()].filter((group) => group.routes.length > 0);
}

/** One segment of the map of paths, with the routes that end there. */
export interface PathNode {
  segment: string;
  routes: RouteInfo[];
  children: PathNode[];
}

/**
 * The routes as a tree of path segments (`/api/items/<int:id>` → api › items › <int:id>).
 *
 * @example
 * pathTree(routes).children.map((node) => node.segment); // ["about", "api", ...]
 */
export function pathTree(routes: readonly RouteInfo[]): PathNode {
  const root: PathNode = { segment: "/", routes: [], children: [] };
  for (const route of routes) {
    let node = root;
    for (const segment of route.rule.split("/").filter(Boolean)) {
      let child = node.children.find((candidate) => candidate.segment === segment);
      if (!child) {
        child = { segment, routes: [], children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.routes.push(route);
  }
  return root;
}

/**
 * Parses the runner's header lines (`Name: value`, one a line; blank lines and lines without a colon are skipped).
 *
 * @example
 * parseHeaders("Accept: application/json\nX-Trace: 1"); // { Accept: "application/json", "X-Trace": "1" }
 */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** How the runner shows a response body. */
export type BodyView = "json" | "html" | "raw";

/**
 * The best way to show a body by its content type.
 *
 * @example
 * bodyViewFor("application/json; charset=utf-8"); // "json"
 */
export function bodyViewFor(contentType: string | undefined): BodyView {
  if (contentType === undefined) return "raw";
  if (/json/.test(contentType)) return "json";
  if (/html/.test(contentType)) return "html";
  return "raw";
}

/**
 * A body parsed as JSON, or `ok: false` when it is not JSON.
 *
 * @example
 * parseJson('{"a":1}'); // { ok: true, value: { a: 1 } }
 */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * A JSON body indented for reading; the text as is when it is not JSON.
 *
 * @example
 * prettyJson('{"a":1}'); // '{\n  "a": 1\n}'
 */
export function prettyJson(body: string): string {
  const parsed = parseJson(body);
  return parsed.ok ? JSON.stringify(parsed.value, null, 2) : body;
}

/**
 * A JSON body the runner pre-fills from the fields the handler reads from `request.json`.
 *
 * @example
 * jsonTemplate(["title", "done"]); // '{\n  "title": "",\n  "done": ""\n}'
 */
export function jsonTemplate(fields: readonly string[]): string {
  return fields.length === 0 ? "{}" : JSON.stringify(Object.fromEntries(fields.map((field) => [field, ""])), null, 2);
}

/** What the editor is completing at the cursor: an endpoint in `urlFor("`, a template in `renderTemplate("`, or nothing. */
export type CompletionContext = { kind: "endpoint" | "template"; typed: string; quote: string } | { kind: "none" };

/**
 * Reads the text before the cursor on its line.
 *
 * @example
 * completionContext('return redirect(urlFor("he'); // { kind: "endpoint", typed: "he", quote: '"' }
 */
export function completionContext(textBeforeCursor: string): CompletionContext {
  const endpoint = /\b(?:urlFor|url_for)\(\s*(["'])([\w.-]*)$/.exec(textBeforeCursor);
  if (endpoint) return { kind: "endpoint", typed: endpoint[2] ?? "", quote: endpoint[1] ?? '"' };
  const template = /\b(?:renderTemplate|streamTemplate|render_template)\(\s*(["'])([\w./-]*)$/.exec(textBeforeCursor);
  if (template) return { kind: "template", typed: template[2] ?? "", quote: template[1] ?? '"' };
  return { kind: "none" };
}

export interface EndpointSuggestion {
  label: string;
  detail: string;
  /** A snippet: the name, the closing quote and the route's parameters (`hello", { name: $1 }`). */
  insertText: string;
}

/**
 * Endpoint suggestions with their parameters, written for TypeScript (`{ name: … }`) or Jinja (`name=…`).
 *
 * @example
 * endpointSuggestions(routes, '"', "typescript")[0]; // { label: "hello", detail: "GET /hello/<name>", insertText: 'hello", { name: ${1} }' }
 */
export function endpointSuggestions(routes: readonly RouteInfo[], quote: string, language: "typescript" | "jinja"): EndpointSuggestion[] {
  const seen = new Set<string>();
  const suggestions: EndpointSuggestion[] = [];
  for (const route of routes) {
    if (seen.has(route.endpoint)) continue;
    seen.add(route.endpoint);
    const params = ruleParts(route.rule).flatMap((part) => (part.kind === "variable" ? [part.name] : []));
    const args =
      params.length === 0
        ? ""
        : language === "typescript"
          ? `, { ${params.map((name, index) => `${name}: \${${index + 1}}`).join(", ")} }`
          : params.map((name, index) => `, ${name}=\${${index + 1}}`).join("");
    suggestions.push({ label: route.endpoint, detail: `${route.methods.join(", ")} ${route.rule}`, insertText: `${route.endpoint}${quote}${args}` });
  }
  return suggestions;
}

/**
 * Edits that rename an endpoint in `urlFor("…")` and `url_for('…')` calls of a file's text.
 *
 * @example
 * referenceEdits('urlFor("hello")', "hello", "greet"); // [{ start: 8, end: 13, text: "greet" }]
 */
export function referenceEdits(text: string, from: string, to: string): TextEdit[] {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`\\b(?:urlFor|url_for)\\(\\s*(["'])${escaped}\\1`, "g");
  return [...text.matchAll(pattern)].map((match) => {
    const end = match.index + match[0].length - 1;
    return { start: end - from.length, end, text: to };
  });
}

/** Files that can hold endpoint references: code and templates. */
export function mayReferenceEndpoints(path: string): boolean {
  return /\.(ts|mts|cts|tsx|js|mjs|html|htm|jinja|jinja2|j2|xml|txt)$/.test(path) && !path.endsWith(".d.ts");
}

/**
 * Edits that rename a template where code and templates name it: `renderTemplate("…")` (and
 * `streamTemplate`, `render_template`) and `{% extends/include/import/from "…" %}`.
 *
 * @example
 * templateReferenceEdits('{% extends "base.html" %}', "base.html", "layout.html"); // [{ start: 12, end: 21, text: "layout.html" }]
 */
export function templateReferenceEdits(text: string, from: string, to: string): TextEdit[] {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:\\b(?:renderTemplate|streamTemplate|render_template)\\(\\s*|\\{%-?\\s*(?:extends|include|import|from)\\s+)(["'])${escaped}\\1`, "g");
  return [...text.matchAll(pattern)].map((match) => {
    const end = match.index + match[0].length - 1;
    return { start: end - from.length, end, text: to };
  });
}

/**
 * The template name of a project path (`templates/pages/a.html` → `pages/a.html`), or undefined.
 *
 * @example
 * templateNameOf("templates/base.html"); // "base.html"
 */
export function templateNameOf(path: string): string | undefined {
  return /(?:^|\/)templates\/(.+\.[A-Za-z0-9]+)$/.exec(path)?.[1];
}
