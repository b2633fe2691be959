/**
 * HTML + Jinja for Monaco: a Monarch grammar (HTML tags and attributes, with `{{ }}`, `{% %}` and `{# #}`
 * anywhere, including inside attribute values) and the completion logic for Flask's template globals
 * and for template names after `{% extends "` / `{% include "` / `{% import "` / `{% from "`.
 * Pure data and functions; monaco/setup.ts registers them.
 */
import type { languages } from "monaco-editor";

export const JINJA_KEYWORDS = [
  "if", "elif", "else", "endif", "for", "endfor", "in", "not", "and", "or", "is", "block", "endblock",
  "extends", "include", "import", "from", "as", "with", "endwith", "without", "context", "macro", "endmacro",
  "call", "endcall", "filter", "endfilter", "set", "endset", "raw", "endraw", "autoescape", "endautoescape",
  "recursive", "scoped", "ignore", "missing", "loop", "super", "true", "false", "none", "True", "False", "None",
];

/** The names Flask puts in every template's context. */
export const FLASK_GLOBALS = [
  { name: "url_for", detail: "url_for(endpoint, **values) → URL of a view", snippet: 'url_for("${1:index}")' },
  { name: "get_flashed_messages", detail: "get_flashed_messages(with_categories=false, category_filter=[])", snippet: "get_flashed_messages(${1})" },
  { name: "request", detail: "the current request (args, form, method, path, …)", snippet: "request" },
  { name: "session", detail: "the signed-cookie session of the current request", snippet: "session" },
  { name: "g", detail: "per-request scratch space", snippet: "g" },
  { name: "config", detail: "the application's config", snippet: "config" },
] as const;

export const jinjaLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { blockComment: ["{#", "#}"] },
  brackets: [
    ["<!--", "-->"],
    ["{{", "}}"],
    ["{%", "%}"],
    ["{", "}"],
    ["[", "]"],
    ["(", ")"],
  ],
  // No pairs of their own for `{%`, `{{` and `{#`: Monaco cannot type over a closer of two or more
  // characters, so writing `{% endif %}` in full left a second `%}` behind. The `{` → `}` pair alone
  // closes each of them, and the `}` typed at the end types over it.
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string"] },
    { open: "'", close: "'", notIn: ["string"] },
    { open: "<!--", close: "-->", notIn: ["comment", "string"] },
  ],
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
    { open: "<", close: ">" },
    { open: "(", close: ")" },
    { open: "[", close: "]" },
  ],
};

/** The Monarch tokenizer. Token names follow Monaco's HTML grammar so both themes colour them. */
export const jinjaMonarch: languages.IMonarchLanguage = {
  defaultToken: "",
  tokenPostfix: ".jinja",
  ignoreCase: false,
  keywords: JINJA_KEYWORDS,
  globals: FLASK_GLOBALS.map((global) => global.name),
  operators: ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "//", "%", "**", "~", "|", "=", "."],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  tokenizer: {
    root: [
      { include: "@jinjaOpen" },
      [/<!DOCTYPE/i, "metatag.html", "@doctype"],
      [/<!--/, "comment.html", "@htmlComment"],
      [/(<)(script)\b/, ["delimiter.html", { token: "tag.html", next: "@scriptTag" }]],
      [/(<)(style)\b/, ["delimiter.html", { token: "tag.html", next: "@styleTag" }]],
      [/(<)((?:[\w-]+:)?[\w-]+)/, ["delimiter.html", { token: "tag.html", next: "@tag" }]],
      [/(<\/)((?:[\w-]+:)?[\w-]+)(\s*)(>)/, ["delimiter.html", "tag.html", "", "delimiter.html"]],
      [/</, "delimiter.html"],
      [/[^<{]+/, ""],
      [/\{/, ""],
    ],
    jinjaOpen: [
      [/\{#-?/, "comment.jinja", "@jinjaComment"],
      [/\{\{-?/, "delimiter.jinja", "@jinjaExpression"],
      [/(\{%-?)(\s*)(raw)(\s*)(-?%\})/, ["delimiter.jinja", "", "keyword.jinja", "", { token: "delimiter.jinja", next: "@jinjaRaw" }]],
      [/\{%-?/, "delimiter.jinja", "@jinjaStatement"],
    ],
    jinjaComment: [
      [/-?#\}/, "comment.jinja", "@pop"],
      [/[^#-]+/, "comment.jinja"],
      [/[#-]/, "comment.jinja"],
    ],
    jinjaRaw: [
      [/(\{%-?)(\s*)(endraw)(\s*)(-?%\})/, ["delimiter.jinja", "", "keyword.jinja", "", { token: "delimiter.jinja", next: "@pop" }]],
      [/[^{]+/, ""],
      [/\{/, ""],
    ],
    jinjaExpression: [[/-?\}\}/, "delimiter.jinja", "@pop"], { include: "@jinjaCode" }],
    jinjaStatement: [[/-?%\}/, "delimiter.jinja", "@pop"], { include: "@jinjaCode" }],
    jinjaCode: [
      [/\s+/, ""],
      [/"([^"\\]|\\.)*"/, "string.jinja"],
      [/'([^'\\]|\\.)*'/, "string.jinja"],
      [/\d+(\.\d+)?/, "number.jinja"],
      [/(\|)(\s*)([a-zA-Z_]\w*)/, ["operator.jinja", "", "predefined.jinja"]],
      [
        /[a-zA-Z_]\w*/,
        { cases: { "@keywords": "keyword.jinja", "@globals": "predefined.jinja", "@default": "variable.jinja" } },
      ],
      [/[()[\]{},:]/, "delimiter.jinja"],
      [/@symbols/, "operator.jinja"],
      [/./, ""],
    ],
    doctype: [
      [/[^>]+/, "metatag.content.html"],
      [/>/, "metatag.html", "@pop"],
    ],
    htmlComment: [
      [/-->/, "comment.html", "@pop"],
      [/[^-]+/, "comment.content.html"],
      [/./, "comment.content.html"],
    ],
    tag: [{ include: "@attributes" }, [/\/?>/, "delimiter.html", "@pop"], [/./, ""]],
    // <script> and <style> bodies are JavaScript and CSS (Monaco's own HTML grammar does the same).
    scriptTag: [
      [/>/, { token: "delimiter.html", next: "@scriptBody", nextEmbedded: "text/javascript" }],
      [/(<\/)(script\s*)(>)/, ["delimiter.html", "tag.html", { token: "delimiter.html", next: "@pop" }]],
      { include: "@attributes" },
      [/./, ""],
    ],
    scriptBody: [
      [/<\/script/, { token: "@rematch", next: "@pop", nextEmbedded: "@pop" }],
      [/[^<]+/, ""],
      [/</, ""],
    ],
    styleTag: [
      [/>/, { token: "delimiter.html", next: "@styleBody", nextEmbedded: "text/css" }],
      [/(<\/)(style\s*)(>)/, ["delimiter.html", "tag.html", { token: "delimiter.html", next: "@pop" }]],
      { include: "@attributes" },
      [/./, ""],
    ],
    styleBody: [
      [/<\/style/, { token: "@rematch", next: "@pop", nextEmbedded: "@pop" }],
      [/[^<]+/, ""],
      [/</, ""],
    ],
    attributes: [
      { include: "@jinjaOpen" },
      [/\s+/, ""],
      [/(\w[\w-]*)(\s*)(=)(\s*)(")/, ["attribute.name.html", "", "delimiter.html", "", { token: "attribute.value.html", next: "@attributeDouble" }]],
      [/(\w[\w-]*)(\s*)(=)(\s*)(')/, ["attribute.name.html", "", "delimiter.html", "", { token: "attribute.value.html", next: "@attributeSingle" }]],
      [/(\w[\w-]*)(\s*)(=)(\s*)([^\s"'>=`{]+)/, ["attribute.name.html", "", "delimiter.html", "", "attribute.value.html"]],
      [/[\w-]+/, "attribute.name.html"],
    ],
    attributeDouble: [
      { include: "@jinjaOpen" },
      [/"/, "attribute.value.html", "@pop"],
      [/[^"{]+/, "attribute.value.html"],
      [/\{/, "attribute.value.html"],
    ],
    attributeSingle: [
      { include: "@jinjaOpen" },
      [/'/, "attribute.value.html", "@pop"],
      [/[^'{]+/, "attribute.value.html"],
      [/\{/, "attribute.value.html"],
    ],
  },
};

/** What to offer at the cursor, judged from the text of the line before it. */
export type JinjaCompletionContext =
  | { kind: "template-name"; typed: string }
  | { kind: "expression"; typed: string }
  | { kind: "none" };

const TEMPLATE_NAME_BEFORE_CURSOR = /\{%-?\s*(?:extends|include|import|from)\s+["']([^"']*)$/;

/** Works out whether the cursor sits in a template-name string or inside a Jinja tag's code. */
export function jinjaCompletionContext(textBeforeCursor: string): JinjaCompletionContext {
  const name = TEMPLATE_NAME_BEFORE_CURSOR.exec(textBeforeCursor);
  if (name) return { kind: "template-name", typed: name[1] ?? "" };
  const lastOpen = Math.max(textBeforeCursor.lastIndexOf("{{"), textBeforeCursor.lastIndexOf("{%"));
  if (lastOpen === -1) return { kind: "none" };
  const afterOpen = textBeforeCursor.slice(lastOpen + 2);
  if (/-?[}%]\}/.test(afterOpen)) return { kind: "none" };
  const word = /[A-Za-z_]\w*$/.exec(afterOpen);
  return { kind: "expression", typed: word?.[0] ?? "" };
}

/** A completion item before Monaco's ranges and kinds are attached. */
export interface JinjaSuggestion {
  label: string;
  detail: string;
  insertText: string;
  snippet: boolean;
  kind: "template" | "global" | "keyword";
}

/** The suggestions for a context: template names (as found in templates/), or Flask globals and keywords. */
export function jinjaSuggestions(context: JinjaCompletionContext, templateNames: readonly string[]): JinjaSuggestion[] {
  if (context.kind === "template-name") {
    return templateNames
      .filter((name) => name.startsWith(context.typed))
      .map((name) => ({ label: name, detail: "template", insertText: name, snippet: false, kind: "template" }));
  }
  if (context.kind === "none") return [];
  const globals: JinjaSuggestion[] = FLASK_GLOBALS.map((global) => ({
    label: global.name,
    detail: global.detail,
    insertText: global.snippet,
    snippet: global.snippet !== global.name,
    kind: "global",
  }));
  const keywords: JinjaSuggestion[] = JINJA_KEYWORDS.filter((word) => /^[a-z]/.test(word)).map((word) => ({
    label: word,
    detail: "Jinja keyword",
    insertText: word,
    snippet: false,
    kind: "keyword",
  }));
  return [...globals, ...keywords].filter((suggestion) => suggestion.label.startsWith(context.typed));
}

/** Template names as Flask's loader sees them: paths under a `templates/` folder, relative to it. */
export function templateNamesFromPaths(paths: readonly string[]): string[] {
  return paths
    .map((path) => /(?:^|\/)templates\/(.+)$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}
