import { describe, expect, it } from "vitest";
import {
  applyEdits,
  deleteNode,
  findNode,
  insertNode,
  moveNode,
  nodeAt,
  parseOutline,
  instrument,
  printOutline,
  removeAttribute,
  setAttribute,
  setClasses,
  setExpression,
  setText,
  type OutlineNode,
  type TextEdit,
} from "./outline";

// The Flask tutorial's templates (flask.palletsprojects.com/tutorial), written out from the docs.
const flaskTutorialTemplates = import.meta.glob<string>("./__fixtures__/flask-tutorial/**/*.html", { query: "?raw", import: "default", eager: true });
const starters = import.meta.glob<string>("../../../resources/starters/*/templates/**/*.html", { query: "?raw", import: "default", eager: true });
// The engine's conformance corpus is test data only: the renderer still never imports runtime code.
const conformance = import.meta.glob<unknown>("../../../runtime/src/templating/conformance/cases/*.json", { import: "default", eager: true });

function conformanceTemplates(): [string, string][] {
  const found: [string, string][] = [];
  for (const [file, cases] of Object.entries(conformance)) {
    for (const entry of cases as { name: string; template?: string; templates?: Record<string, string> }[]) {
      if (typeof entry.template === "string") found.push([`${file}:${entry.name}`, entry.template]);
      for (const [name, text] of Object.entries(entry.templates ?? {})) found.push([`${file}:${entry.name}:${name}`, text]);
    }
  }
  return found;
}

const edgeCases: Record<string, string> = {
  empty: "",
  "only whitespace": " \n\t\r\n  ",
  "odd whitespace": "<div\n   class = 'a'\tid=x  >\r\n  text\t\t</div  >\n\n\n",
  comments: "<!-- a {{ not }} jinja -->{# a <b>comment</b> #}<!---->{##}",
  "unclosed tags": "<div><p>one<p>two<span>three</div><ul><li>a<li>b</ul><section>",
  "stray end tags": "</div>text</p>{% endif %}{% endfor %}",
  "unterminated jinja": "<p>{{ user.name </p>{% if x <b>{# never closed",
  "unterminated tag": "<div class=\"a\n<p>never",
  "jinja inside attributes": `<a href="{{ url_for('page', name="x") }}" {% if active %}class="on"{% endif %} data-x={{ y }}>{{ label }}</a>`,
  "jinja between elements": "{% if a %}<div class=a>{% else %}<div class=b>{% endif %}inner</div>",
  "whitespace control": "{%- for x in xs -%}\n  {{- x -}}\n{%+ endfor +%}",
  raw: "{% raw %}{{ not parsed }}<b>{% endraw %}<i>after</i>",
  "script and style": "<script>if (a < b && c > d) { x = '</div>'; }</script><style>a > b { c: d }</style>",
  doctype: "<!DOCTYPE html>\n<?xml version='1.0'?><html lang=en><head><meta charset=utf-8></head></html>",
  "self closing and void": "<br/><img src=x alt=''><input disabled><svg><path d='M0'/></svg>",
  "less than in text": "a < b and 1<2 {{ a < b }} <3 {",
  "nested blocks": "{% block a %}{% macro m(x) %}{% call y() %}{% filter upper %}{% with z = 1 %}{% set q %}v{% endset %}{% endwith %}{% endfilter %}{% endcall %}{% endmacro %}{% endblock %}",
  "elif and for else": "{% if a %}A{% elif b %}B{% else %}C{% endif %}{% for x in xs %}{{ x }}{% else %}none{% endfor %}",
  "unicode and crlf": "<p title=\"héllo 🌍\">\r\n  ünïcode ✓ {{ '🌍' }}\r\n</p>",
};

/** Checks that children cover the inside of every node with no gap or overlap, so printing cannot hide a lost byte. */
function assertCovers(node: OutlineNode): void {
  expect(node.start).toBeLessThanOrEqual(node.openEnd);
  expect(node.openEnd).toBeLessThanOrEqual(node.closeStart);
  expect(node.closeStart).toBeLessThanOrEqual(node.end);
  if (node.children.length === 0) return;
  let at = node.openEnd;
  for (const child of node.children) {
    expect(child.start).toBe(at);
    assertCovers(child);
    at = child.end;
  }
  expect(at).toBe(node.closeStart);
}

function roundTrips(source: string): void {
  const tree = parseOutline(source);
  assertCovers(tree);
  expect(printOutline(source, tree)).toBe(source);
}

function within(edit: TextEdit, range: { start: number; end: number }): void {
  expect(edit.start).toBeGreaterThanOrEqual(range.start);
  expect(edit.end).toBeLessThanOrEqual(range.end);
}

describe("round trip", () => {
  it("covers the starters", () => {
    expect(Object.keys(starters).length).toBeGreaterThanOrEqual(4);
    for (const source of Object.values(starters)) roundTrips(source);
  });

  it("covers the Flask tutorial templates", () => {
    expect(Object.keys(flaskTutorialTemplates).length).toBe(6);
    for (const source of Object.values(flaskTutorialTemplates)) roundTrips(source);
  });

  it("covers every template of the engine's conformance corpus", () => {
    const templates = conformanceTemplates();
    expect(templates.length).toBeGreaterThan(500);
    for (const [, source] of templates) roundTrips(source);
  });

  it.each(Object.entries(edgeCases))("keeps %s byte for byte", (_name, source) => roundTrips(source));
});

describe("structure", () => {
  const source = `{% extends "base.html" %}
{% block content %}
  <ul class="items">
    {% for item in items %}
      <li>{{ item.name }}</li>
    {% endfor %}
  </ul>
{% endblock %}
`;
  const tree = parseOutline(source);
  const block = tree.children[2]!;
  const list = block.children[1]!;
  const loop = list.children[1]!;

  it("nests elements inside Jinja blocks with their expressions", () => {
    expect(tree.children[0]).toMatchObject({ kind: "statement", name: "extends" });
    expect(block).toMatchObject({ kind: "block", name: "block", closed: true });
    expect(source.slice(block.expression!.start, block.expression!.end)).toBe("content");
    expect(list).toMatchObject({ kind: "element", name: "ul" });
    expect(loop).toMatchObject({ kind: "block", name: "for" });
    expect(source.slice(loop.expression!.start, loop.expression!.end)).toBe("item in items");
    const variable = loop.children[1]!.children[0]!;
    expect(variable.kind).toBe("variable");
    expect(source.slice(variable.expression!.start, variable.expression!.end)).toBe("item.name");
  });

  it("marks unclosed elements and keeps stray end tags as text", () => {
    const broken = parseOutline("<div><span>a</div></p>");
    const div = broken.children[0]!;
    expect(div.closed).toBe(true);
    expect(div.children[0]).toMatchObject({ name: "span", closed: false });
    expect(broken.children[1]).toMatchObject({ kind: "text" });
  });

  it("finds the node under an offset", () => {
    expect(nodeAt(tree, source.indexOf("item.name")).kind).toBe("variable");
    expect(nodeAt(tree, source.indexOf("<li>")).name).toBe("li");
    expect(nodeAt(tree, source.indexOf("items %}")).name).toBe("for");
  });
});

describe("instrument", () => {
  it("marks every element's start tag with its node id and changes nothing else", () => {
    const source = '<ul class="a">{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul><br>{% raw %}<b>{% endraw %}';
    const marked = instrument(source, parseOutline(source));
    expect(marked).toBe('<ul data-vial-node="0" class="a">{% for x in xs %}<li data-vial-node="0.0.0">{{ x }}</li>{% endfor %}</ul><br data-vial-node="1">{% raw %}<b>{% endraw %}');
    expect(marked.replace(/ data-vial-node="[\d.]+"/g, "")).toBe(source);
  });
});

describe("edits touch only their node", () => {
  const source = `<section class="hero" id=top>
  <h1>Welcome</h1>
  {% if user %}
    <p>Hello {{ user.name }}</p>
  {% endif %}
  {% for post in posts %}<article>{{ post.title }}</article>{% endfor %}
</section>
<footer>end</footer>
`;
  const tree = parseOutline(source);
  const section = tree.children[0]!;
  const heading = section.children.find((node) => node.name === "h1")!;
  const condition = section.children.find((node) => node.name === "if")!;
  const loop = section.children.find((node) => node.name === "for")!;
  const variable = condition.children.find((node) => node.name === "p")!.children[1]!;

  /** `expected` replaces one unique string, so equality proves nothing outside the node changed. */
  const check = (edit: TextEdit, node: { start: number; end: number }, expected: string) => {
    within(edit, node);
    const after = applyEdits(source, [edit]);
    expect(after).toBe(expected);
    roundTrips(after);
  };

  it("changes text", () => {
    check(setText(source, tree, heading.id, "Hi there"), heading, source.replace("Welcome", "Hi there"));
  });

  it("sets, adds and removes attributes and classes", () => {
    check(setAttribute(source, tree, section.id, "class", "hero wide"), section, source.replace('class="hero"', 'class="hero wide"'));
    check(setAttribute(source, tree, section.id, "id", "main"), section, source.replace("id=top", 'id="main"'));
    check(setAttribute(source, tree, heading.id, "title", 'say "hi"'), heading, source.replace("<h1>", '<h1 title="say &quot;hi&quot;">'));
    check(removeAttribute(source, tree, section.id, "id")!, section, source.replace(" id=top", ""));
    check(setClasses(source, tree, section.id, [])!, section, source.replace(' class="hero"', ""));
    expect(removeAttribute(source, tree, heading.id, "class")).toBeUndefined();
  });

  it("changes a loop, a condition and a variable expression", () => {
    check(setExpression(source, tree, loop.id, "post in posts|reverse"), loop, source.replace("post in posts", "post in posts|reverse"));
    check(setExpression(source, tree, condition.id, "user and user.active"), condition, source.replace("if user %", "if user and user.active %"));
    check(setExpression(source, tree, variable.id, "user.name|title"), variable, source.replace("user.name", "user.name|title"));
  });

  it("inserts a node between siblings, indented like them", () => {
    const edit = insertNode(source, tree, section.id, 1, "<h2>Sub</h2>");
    within(edit, { start: section.openEnd, end: section.closeStart });
    expect(applyEdits(source, [edit])).toBe(source.replace("  {% if user %}", "  <h2>Sub</h2>\n  {% if user %}"));
    const last = insertNode(source, tree, section.id, 99, "<p>last</p>");
    expect(applyEdits(source, [last])).toBe(source.replace("{% endfor %}\n</section>", "{% endfor %}\n  <p>last</p>\n</section>"));
    const empty = parseOutline("<div></div>");
    expect(applyEdits("<div></div>", [insertNode("<div></div>", empty, "0", 0, "<p>x</p>")])).toBe("<div>\n  <p>x</p></div>");
  });

  it("deletes a node with its line", () => {
    check(deleteNode(source, tree, heading.id), { ...heading, start: heading.start - 2, end: heading.end + 1 }, source.replace("  <h1>Welcome</h1>\n", ""));
    const inline = loop.children[0]!;
    check(deleteNode(source, tree, inline.id), inline, source.replace("<article>{{ post.title }}</article>", ""));
  });

  it("moves a node, as a deletion and an insertion of the same bytes", () => {
    const edits = moveNode(source, tree, heading.id, tree.id, 99);
    const after = applyEdits(source, edits);
    expect(after).toBe(source.replace("  <h1>Welcome</h1>\n", "").replace("<footer>end</footer>", "<footer>end</footer>\n<h1>Welcome</h1>"));
    expect(() => moveNode(source, tree, section.id, heading.id, 0)).toThrow(/itself/);
    const nested = "<div>\n  <p>one\n     two</p>\n  <span>x</span>\n</div>\n<main>\n</main>\n";
    const nestedTree = parseOutline(nested);
    const sameLevel = applyEdits(nested, moveNode(nested, nestedTree, "0.1", "0", 99));
    expect(sameLevel).toBe("<div>\n  <span>x</span>\n  <p>one\n     two</p>\n</div>\n<main>\n</main>\n");
    const outdented = applyEdits(nested, moveNode(nested, nestedTree, "0.1", "", 99));
    expect(outdented).toBe("<div>\n  <span>x</span>\n</div>\n<main>\n</main>\n<p>one\n   two</p>\n");
    roundTrips(after);
  });

  it("refuses edits that do not fit the node", () => {
    expect(() => setAttribute(source, tree, loop.id, "class", "x")).toThrow(/elements/);
    expect(() => setExpression(source, tree, heading.id, "x")).toThrow(/no expression/);
    expect(() => insertNode(source, tree, variable.id, 0, "<b>")).toThrow(/cannot hold/);
    expect(findNode(tree, "9.9")).toBeUndefined();
  });
});
