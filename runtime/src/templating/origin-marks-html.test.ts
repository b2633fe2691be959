// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { Environment } from "./environment.js";
import { DictLoader } from "./loaders.js";

// The runtime's TypeScript has no DOM types (it runs in Node); this file alone runs in jsdom, for its
// HTML parser: the one a browser uses, so "the same page" means what the preview would show.
interface ParsedNode {
  nodeType: number;
  nodeValue: string | null;
  outerHTML?: string;
}
interface ParsedDocument {
  childNodes: Iterable<ParsedNode>;
  querySelectorAll(selector: string): { length: number } & Iterable<{ removeAttribute(name: string): void }>;
}
const { DOMParser } = globalThis as unknown as { DOMParser: new () => { parseFromString(html: string, type: "text/html"): ParsedDocument } };

const MARK_RE = / data-vial-src="templates\/[^"]*:\d+"/g;

function render(templates: Record<string, string>, marked: boolean, stream = false): string {
  const env = new Environment({ loader: new DictLoader(templates), autoescape: true, ...(marked ? { markOrigins: (name: string) => `templates/${name}` } : {}) });
  const template = env.getTemplate("page.html");
  return stream ? [...template.generate()].join("") : template.render();
}

/** The page as a browser parses it (comments before <html> too), each element's origin mark taken off, and how many elements had one. */
function parsed(html: string): { page: string; markedElements: number } {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const marked = doc.querySelectorAll("[data-vial-src]");
  for (const element of marked) element.removeAttribute("data-vial-src");
  const page = [...doc.childNodes].map((node) => node.outerHTML ?? `<!--${node.nodeValue}-->`).join("");
  return { page, markedElements: marked.length };
}

/**
 * Renders page.html with marks and without (and streamed) and checks that marks only ever sit on real
 * elements: every mark in the text is an attribute of its own element, and with the marks taken off, as
 * text or as the browser sees them, the marked page is the plain one. Returns the marked page.
 */
function expectMarksOnElementsOnly(templates: Record<string, string>): string {
  const plain = render(templates, false);
  for (const marked of [render(templates, true), render(templates, true, true)]) {
    expect(marked.replace(MARK_RE, "")).toBe(plain);
    expect(parsed(marked)).toEqual({ page: parsed(plain).page, markedElements: marked.match(MARK_RE)?.length ?? 0 });
  }
  return render(templates, true);
}

const boldMacro = `{% macro m() %}<b>bold</b>{% endmacro %}`;

describe("origin marks and output that lands outside HTML text", () => {
  it.each([
    ["a double-quoted attribute", `<a title="{{ m() }}" href="#">x</a>`],
    ["a single-quoted attribute", `<a title='{{ m() }}' href="#">x</a>`],
    ["an unquoted attribute", `<a title={{ m() }} href="#">x</a>`],
    ["a class list", `<div class="card {{ m() }}">x</div>`],
    ["a tag's attribute list", `<div {{ m() }}>x</div>`],
    ["a title element", `<title>{{ m() }}</title>`],
    ["a textarea", `<textarea>{{ m() }}</textarea>`],
    ["a comment", `<!-- {{ m() }} -->`],
  ])("leaves a macro's tags unmarked when it is printed in %s", (_where, use) => {
    const marked = expectMarksOnElementsOnly({ "page.html": `${boldMacro}\n${use}\n<p>{{ m() }}</p>` });
    // The same macro printed as HTML text still marks its tag.
    expect(marked).toContain(`<p data-vial-src="templates/page.html:3"><b data-vial-src="templates/page.html:1">bold</b></p>`);
  });

  it("leaves unmarked an include, a call block and a block that land in an attribute or a title", () => {
    const marked = expectMarksOnElementsOnly({
      "base.html": `<title>{% block title %}{% endblock %}</title><a title="{% block tip %}{% endblock %}">a</a><main>{% block body %}{% endblock %}</main>`,
      "tip.html": `<i>tip</i>`,
      "page.html": [
        `{% extends "base.html" %}{% macro wrap() %}<span>{{ caller() }}</span>{% endmacro %}`,
        `{% block title %}<em>Home</em>{% endblock %}`,
        `{% block tip %}<u>tip</u>{% endblock %}`,
        `{% block body %}<p title="{% include 'tip.html' %}">{% include 'tip.html' %}</p>`,
        `<q title="{% call wrap() %}x{% endcall %}">{% call wrap() %}y{% endcall %}</q>{% endblock %}`,
      ].join("\n"),
    });
    expect(marked).toContain(`<i data-vial-src="templates/tip.html:1">tip</i></p>`);
    expect(marked).toContain(`<span data-vial-src="templates/page.html:1">y</span></q>`);
  });

  it("leaves a macro's tags unmarked inside filter and set blocks, whose text the template transforms or measures", () => {
    expectMarksOnElementsOnly({ "page.html": `${boldMacro}{% filter upper %}{{ m() }}{% endfilter %}{% set x %}{{ m() }}{% endset %}{{ x|length }}{{ x }}` });
  });
});
