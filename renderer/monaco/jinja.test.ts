import type * as MonacoApi from "monaco-editor";
import { beforeAll, describe, expect, it } from "vitest";
import {
  jinjaCompletionContext,
  jinjaLanguageConfiguration,
  jinjaMonarch,
  jinjaSuggestions,
  templateNamesFromPaths,
} from "./jinja";

let monaco: typeof MonacoApi;

/** Runs the real Monarch engine: tokens of one line as [text, token type] pairs. */
function tokens(line: string): [string, string][] {
  const [lineTokens] = monaco.editor.tokenize(line, "jinja-test");
  const found = lineTokens ?? [];
  return found.map((token, index) => [line.slice(token.offset, found[index + 1]?.offset ?? line.length), token.type]);
}

beforeAll(async () => {
  // jsdom lacks the two browser APIs Monaco's theme service touches on load.
  Object.assign(globalThis, { CSS: { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } });
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  })) as unknown as typeof window.matchMedia;
  monaco = (await import("monaco-editor/editor/editor.api")) as unknown as typeof MonacoApi;
  monaco.languages.register({ id: "jinja-test" });
  monaco.languages.setMonarchTokensProvider("jinja-test", jinjaMonarch);
  monaco.languages.setLanguageConfiguration("jinja-test", jinjaLanguageConfiguration);
}, 120_000);

describe("jinja Monarch grammar", () => {
  it("tokenizes an expression with a Flask global and a filter", () => {
    expect(tokens('{{ url_for("index") | upper }}')).toEqual([
      ["{{", "delimiter.jinja.jinja"],
      [" ", ""],
      ["url_for", "predefined.jinja.jinja"],
      ["(", "delimiter.jinja.jinja"],
      ['"index"', "string.jinja.jinja"],
      [")", "delimiter.jinja.jinja"],
      [" ", ""],
      ["|", "operator.jinja.jinja"],
      [" ", ""],
      ["upper", "predefined.jinja.jinja"],
      [" ", ""],
      ["}}", "delimiter.jinja.jinja"],
    ]);
  });

  it("tokenizes statements and comments", () => {
    const statement = tokens("{% for item in items %}");
    expect(statement[0]).toEqual(["{%", "delimiter.jinja.jinja"]);
    expect(statement).toContainEqual(["for", "keyword.jinja.jinja"]);
    expect(statement).toContainEqual(["item", "variable.jinja.jinja"]);
    expect(statement).toContainEqual(["in", "keyword.jinja.jinja"]);
    expect(statement.at(-1)).toEqual(["%}", "delimiter.jinja.jinja"]);
    expect(tokens("{# a note #}").map(([, type]) => type)).toEqual(["comment.jinja.jinja"]);
  });

  it("keeps HTML tags and finds Jinja inside attribute values", () => {
    const line = tokens('<a href="{{ url_for(\'about\') }}" class="nav">About</a>');
    expect(line[0]).toEqual(["<", "delimiter.html.jinja"]);
    expect(line[1]).toEqual(["a", "tag.html.jinja"]);
    expect(line).toContainEqual(["href", "attribute.name.html.jinja"]);
    expect(line).toContainEqual(["url_for", "predefined.jinja.jinja"]);
    expect(line).toContainEqual(['"nav"', "attribute.value.html.jinja"]);
    expect(line).toContainEqual(["About", ""]);
  });

  it("hands <script> and <style> bodies to JavaScript and CSS, and comes back after them", () => {
    const script = tokens("<script>if (a < b) {}</script><p>");
    // The body is one run for the embedded language: its "<" does not open an HTML tag.
    expect(script).toContainEqual(["if (a < b) {}", ""]);
    expect(script.filter(([, type]) => type === "tag.html.jinja").map(([text]) => text)).toEqual(["script", "script", "p"]);
    const style = tokens('<style media="print">p < a {}</style>');
    expect(style).toContainEqual(["media", "attribute.name.html.jinja"]);
    expect(style).toContainEqual(["p < a {}", ""]);
    expect(style.slice(-3).map(([text]) => text)).toEqual(["</", "style", ">"]);
  });

  it("keeps comments open across lines", () => {
    const [, second] = monaco.editor.tokenize("{# a note\nstill the note #}<p>", "jinja-test");
    expect(second?.[0]?.type).toBe("comment.jinja.jinja");
  });

  it("leaves raw blocks untokenized", () => {
    const line = tokens("{% raw %}{{ not_code }}{% endraw %}");
    expect(line).toContainEqual(["{{ not_code }}", ""]);
    expect(line).toContainEqual(["endraw", "keyword.jinja.jinja"]);
  });
});

describe("jinja completion", () => {
  it("offers template names after extends and include", () => {
    const names = ["base.html", "pages/about.html", "partials/nav.html"];
    const context = jinjaCompletionContext('{% extends "');
    expect(context).toEqual({ kind: "template-name", typed: "" });
    expect(jinjaSuggestions(context, names).map((s) => s.label)).toEqual(names);
    const partial = jinjaCompletionContext("{%- include 'pa");
    expect(jinjaSuggestions(partial, names).map((s) => s.label)).toEqual(["pages/about.html", "partials/nav.html"]);
  });

  it("offers Flask globals inside expressions and none outside", () => {
    const inside = jinjaCompletionContext("<p>{{ get_fl");
    expect(jinjaSuggestions(inside, []).map((s) => s.label)).toEqual(["get_flashed_messages"]);
    expect(jinjaSuggestions(jinjaCompletionContext("<p>{{ "), []).map((s) => s.label)).toEqual(
      expect.arrayContaining(["url_for", "request", "session", "g", "config"]),
    );
    expect(jinjaCompletionContext("<p>{{ name }} req")).toEqual({ kind: "none" });
    expect(jinjaCompletionContext("<p>plain text")).toEqual({ kind: "none" });
  });

  it("derives template names from project paths", () => {
    expect(templateNamesFromPaths(["app.ts", "templates/index.html", "templates/pages/a.html", "static/x.css"])).toEqual([
      "index.html",
      "pages/a.html",
    ]);
  });
});
