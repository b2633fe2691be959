import { describe, expect, it } from "vitest";
import { loadCorpus, type CaseInput } from "./conformance/corpus.js";
import { Environment, type EnvironmentOptions } from "./environment.js";
import { DictLoader } from "./loaders.js";
import { Markup } from "./markup.js";

/** Marks every template with its own name, as the Flask integration marks files with their project path. */
const byName = (name: string) => `templates/${name}`;

function render(templates: Record<string, string>, name: string, ctx: Record<string, unknown> = {}, opts: EnvironmentOptions = {}): string {
  return new Environment({ loader: new DictLoader(templates), autoescape: true, markOrigins: byName, ...opts }).getTemplate(name).render(ctx);
}

const mark = (name: string, line: number) => ` data-vial-src="templates/${name}:${line}"`;

describe("origin marks", () => {
  it("marks each literal start tag with its template and line, and nothing else", () => {
    const page = `<!DOCTYPE html>\n<html lang="en">\n<body class="x">\n  <h1>{{ title }}</h1>\n  <br/><img src="a.png">\n</body>\n</html>`;
    expect(render({ "page.html": page }, "page.html", { title: "<Hi>" })).toBe(
      `<!DOCTYPE html>\n<html${mark("page.html", 2)} lang="en">\n<body${mark("page.html", 3)} class="x">\n  <h1${mark("page.html", 4)}>&lt;Hi&gt;</h1>\n  <br${mark("page.html", 5)}/><img${mark("page.html", 5)} src="a.png">\n</body>\n</html>`,
    );
  });

  it("names the template each tag comes from across extends, blocks, includes and macros", () => {
    const templates = {
      "base.html": `<main>\n{% block content %}<p>default</p>{% endblock %}\n</main>`,
      "page.html": `{% extends "base.html" %}\n{% from "macros.html" import card %}\n{% block content %}\n<section>{% include "part.html" %}{{ card("x") }}</section>\n{% endblock %}`,
      "part.html": `\n\n<aside>part</aside>`,
      "macros.html": `{% macro card(t) %}\n<div class="card">{{ t }}</div>\n{% endmacro %}`,
    };
    expect(render(templates, "page.html")).toBe(
      `<main${mark("base.html", 1)}>\n\n<section${mark("page.html", 4)}>\n\n<aside${mark("part.html", 3)}>part</aside>\n<div${mark("macros.html", 2)} class="card">x</div>\n</section>\n\n</main>`,
    );
  });

  it("leaves tags alone inside comments, scripts, styles, textareas, attribute values and raw blocks", () => {
    const page = [
      `<!-- <p>commented</p> -->`,
      `<script>if (a <b && c) document.write("<div>")</script>`,
      `<style>p > a { color: red }</style>`,
      `<textarea><em>text</em></textarea>`,
      `<a title="<b>x</b>" data-x='<i>'>link</a>`,
      `{% raw %}<li>{{ raw }}</li>{% endraw %}`,
      `<![CDATA[<q>]]>`,
    ].join("\n");
    const out = render({ "page.html": page }, "page.html");
    expect(out).toBe(
      [
        `<!-- <p>commented</p> -->`,
        `<script${mark("page.html", 2)}>if (a <b && c) document.write("<div>")</script>`,
        `<style${mark("page.html", 3)}>p > a { color: red }</style>`,
        `<textarea${mark("page.html", 4)}><em>text</em></textarea>`,
        `<a${mark("page.html", 5)} title="<b>x</b>" data-x='<i>'>link</a>`,
        `<li>{{ raw }}</li>`,
        `<![CDATA[<q>]]>`,
      ].join("\n"),
    );
  });

  it("does not mark a tag whose name an expression completes, and keeps attributes written by expressions", () => {
    const page = `<h{{ level }}>a</h{{ level }}><li{% if on %} class="on"{% endif %}>b</li><{{ tag }} id="x">c</{{ tag }}><p {{ attrs }}>d</p><div title="{{ t }}"><span>e</span></div>`;
    expect(render({ "page.html": page }, "page.html", { level: 2, on: true, tag: "em", attrs: "hidden", t: "<t>" })).toBe(
      `<h2>a</h2><li class="on">b</li><em id="x">c</em><p${mark("page.html", 1)} hidden>d</p><div${mark("page.html", 1)} title="&lt;t&gt;"><span${mark("page.html", 1)}>e</span></div>`,
    );
  });

  it("counts lines in the template's own source through whitespace control, comments and lstripBlocks", () => {
    const page = `{# a\ncomment #}\n{%- if true -%}\n\n   <p>x</p>\n{% endif %}\n  {% for i in [1] %}\n<b>{{ i }}</b>\n  {% endfor %}`;
    expect(render({ "page.html": page }, "page.html", {}, { trimBlocks: true, lstripBlocks: true })).toBe(`<p${mark("page.html", 5)}>x</p>\n<b${mark("page.html", 8)}>1</b>\n`);
  });

  it("marks streamed output the same way", () => {
    const env = new Environment({ loader: new DictLoader({ "page.html": `<ul>{% for i in [1, 2] %}\n<li>{{ i }}</li>{% endfor %}</ul>` }), autoescape: true, markOrigins: byName });
    const streamed = [...env.getTemplate("page.html").generate()].join("");
    expect(streamed).toBe(`<ul${mark("page.html", 1)}>\n<li${mark("page.html", 2)}>1</li>\n<li${mark("page.html", 2)}>2</li></ul>`);
  });

  it("marks only templates the labeler names, escaping the file name", () => {
    const templates = { "note.txt": "<p>text</p>", "page.html": "<p>{% include 'note.txt' %}</p>", "other.html": "<p>x</p>" };
    const labeler = (name: string) => (name.endsWith(".txt") || name === "other.html" ? undefined : `templates/"${name}"&`);
    const env = new Environment({ loader: new DictLoader(templates), markOrigins: labeler });
    expect(env.getTemplate("page.html").render()).toBe(`<p data-vial-src="templates/&quot;page.html&quot;&amp;:1"><p>text</p></p>`);
    expect(env.getTemplate("other.html").render()).toBe("<p>x</p>");
    expect(env.fromString("<p>x</p>").render()).toBe("<p>x</p>");
  });

  it("leaves the text of filter and set blocks unmarked, since the template transforms or measures it", () => {
    const page = `{% filter upper %}<b>x</b>{% endfilter %}{% set card %}<i>y</i>{% endset %}{{ card|length }}{{ card }}<p>z</p>`;
    expect(render({ "page.html": page }, "page.html")).toBe(`<B>X</B>8<i>y</i><p${mark("page.html", 1)}>z</p>`);
  });

  it("gives filters a macro's output without marks, so they measure and change what the page shows", () => {
    const page = `{% macro card() %}<i>y</i>{% endmacro %}{{ card()|length }} {{ card()|upper }} {{ card()|truncate(5, true, "…", 0) }} {{ card() }}`;
    expect(render({ "page.html": page }, "page.html")).toBe(`8 <I>Y</I> <i>y… <i${mark("page.html", 1)}>y</i>`);
  });

  // Twice 1,220 renders: about 2 s alone, more on a loaded machine.
  it("only inserts: over the whole conformance corpus, a marked render without its marks is the unmarked render", { timeout: 30_000 }, () => {
    const fromJson = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(fromJson);
      if (typeof value !== "object" || value === null) return value;
      const entries = Object.entries(value);
      if (entries.length === 1 && entries[0]?.[0] === "__markup__") return new Markup(String(entries[0][1]));
      return Object.fromEntries(entries.map(([k, v]) => [k, fromJson(v)]));
    };
    const run = (input: CaseInput, markOrigins?: (name: string) => string): string => {
      const { autoescape = false, trimBlocks = false, lstripBlocks = false, keepTrailingNewline = false, undefined: kind = "default" } = input.options;
      const env = new Environment({ loader: new DictLoader(input.templates), autoescape, trimBlocks, lstripBlocks, keepTrailingNewline, undefined: kind, ...(markOrigins ? { markOrigins } : {}) });
      try {
        return env.getTemplate(input.render).render(fromJson(input.context) as Record<string, unknown>);
      } catch (error) {
        return `threw ${String(error)}`;
      }
    };
    let marked = 0;
    for (const c of loadCorpus()) {
      const withMarks = run(c.input, byName);
      if (withMarks.includes("data-vial-src")) marked++;
      expect(withMarks.replace(/ data-vial-src="templates\/[^"]*:\d+"/g, ""), c.id).toBe(run(c.input));
    }
    expect(marked).toBeGreaterThan(20);
  });

  it("changes nothing when off", () => {
    const page = `<div class="a">{% if x %}<p>{{ x }}</p>{% endif %}</div>`;
    expect(new Environment({ loader: new DictLoader({ "page.html": page }) }).getTemplate("page.html").render({ x: 1 })).toBe(`<div class="a"><p>1</p></div>`);
  });
});
