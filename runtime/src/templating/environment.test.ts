import { describe, expect, it } from "vitest";
import { Environment } from "./environment.js";
import { TemplateNotFound, UndefinedError, type TemplateRuntimeError } from "./errors.js";
import { ChoiceLoader, DictLoader, FileSystemLoader, FunctionLoader, PrefixLoader } from "./loaders.js";
import { escape, Markup } from "./markup.js";
import { withSignature, type Kwargs } from "./values.js";

const render = (src: string, ctx: Record<string, unknown> = {}, opts: ConstructorParameters<typeof Environment>[0] = {}) =>
  new Environment(opts).fromString(src).render(ctx);

describe("scoping", () => {
  it("keeps a set inside a loop from leaking, and lets namespaces carry values out", () => {
    expect(render("{% set x = 0 %}{% for i in [1, 2] %}{% set x = x + i %}{{ x }},{% endfor %}{{ x }}")).toBe("1,2,0");
    expect(render("{% set ns = namespace(total=0) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}")).toBe("6");
  });

  it("lets blocks see top-level sets but not loop variables unless scoped", () => {
    const env = new Environment({
      loader: new DictLoader({
        base: "{% for item in [1, 2] %}{% block a %}[{{ item }}]{% endblock %}{% block b scoped %}({{ item }}){% endblock %}{% endfor %}",
        child: "{% extends 'base' %}{% set greeting = 'hi' %}{% block a %}{{ greeting }}{{ item }}{% endblock %}",
      }),
    });
    expect(env.getTemplate("child").render()).toBe("hi(1)hi(2)");
  });

  it("gives macros their own scope and the caller's block through caller()", () => {
    const src = "{% set who = 'outer' %}{% macro box(title) %}{% set who = 'inner' %}<{{ title }}|{{ caller(who) }}>{% endmacro %}{% call(w) box('t') %}{{ w }}/{{ who }}{% endcall %}{{ who }}";
    expect(render(src)).toBe("<t|inner/outer>outer");
  });

  it("passes loop variables to includes and keeps imports without context", () => {
    const env = new Environment({ loader: new DictLoader({ main: "{% for n in [1] %}{% include 'inc' %}{% endfor %}{% import 'lib' as lib %}{{ lib.show() }}", inc: "<{{ n }}>", lib: "{% macro show() %}[{{ n }}]{% endmacro %}" }) });
    expect(env.getTemplate("main").render({ n: "ctx" })).toBe("<1>[]");
  });
});

describe("escaping", () => {
  it("keeps Markup safe through ~, join, replace, format and % while escaping what is mixed in", () => {
    const ctx = { safe: new Markup("<b>"), raw: "<i>" };
    const src = "{{ safe ~ raw }}|{{ [safe, raw]|join }}|{{ safe.replace('b', raw) }}|{{ safe.format(raw) }}|{{ ('%s' | safe) % raw }}";
    expect(render(src, ctx, { autoescape: true })).toBe("<b>&lt;i&gt;|<b>&lt;i&gt;|<&lt;i&gt;>|<b>|&lt;i&gt;");
  });

  it("escapes a captured block once and honours autoescape blocks", () => {
    expect(render("{% set b %}<p>{{ x }}</p>{% endset %}{{ b }}{% autoescape false %}{{ x }}{% endautoescape %}", { x: "&" }, { autoescape: true })).toBe("<p>&amp;</p>&");
  });

  it("escapes with MarkupSafe's character set", () => {
    expect(escape(`<a href="x">'&'</a>`).toString()).toBe("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("values and calls", () => {
  it("prints like Python and compares with Python's equality", () => {
    expect(render("{{ 4 / 2 }} {{ [1, 'a', none, true] }} {{ {'k': 1.5} }} {{ 1 == 1.0 }} {{ '1' == 1 }} {{ not 1 == 2 }}")).toBe("2.0 [1, 'a', None, True] {'k': 1.5} True False True");
  });

  it("passes keyword arguments to filters by name and to plain functions as a trailing Kwargs", () => {
    const env = new Environment();
    env.filters.wrap = withSignature((s: string, left = "[", right = "]") => left + s + right, { params: ["s", "left", "right"] });
    env.globals.tag = (name: string, kw?: Kwargs) => `<${name} ${Object.entries(kw?.values ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(" ")}>`;
    expect(env.fromString("{{ 'x'|wrap(right='>') }} {{ tag('a', href='/') }} {{ 'hello world'|truncate(length=9, leeway=0) }}").render()).toBe("[x> <a href=/> hello...");
  });
});

describe("streaming", () => {
  const files = {
    base: "<head>{% block title %}Base{% endblock %}</head>{% include 'nav' %}<main>{% block body %}{% endblock %}</main>",
    nav: "<nav>{% for l in links %}<a>{{ l }}</a>{% endfor %}</nav>",
    page: "{% extends 'base' %}{% block title %}Page - {{ super() }}{% endblock %}{% block body %}{% for r in rows %}<p>{{ loop.index }}:{{ r }}</p>{% endfor %}{% endblock %}",
  };

  it("yields the same text as render, in several chunks for long output", () => {
    const env = new Environment({ loader: new DictLoader(files), autoescape: true });
    const ctx = { links: ["a", "<b>"], rows: Array.from({ length: 2000 }, (_, i) => `row ${i}`) };
    const chunks = [...env.getTemplate("page").generate(ctx)];
    expect(chunks.join("")).toBe(env.getTemplate("page").render(ctx));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.slice(0, 2)).toEqual(["<head>", "Page - Base"]);
  });

  it("hands out the first chunk before a later part of the template fails", () => {
    const env = new Environment({ loader: new DictLoader({ t: "<h1>{% include 'nav' %}</h1>{{ missing.attr }}", nav: "nav" }) });
    const it = env.getTemplate("t").generate({});
    expect(it.next().value).toBe("<h1>");
    expect(it.next().value).toBe("nav");
    expect(() => it.next()).toThrow("'missing' is undefined");
  });
});

describe("limits", () => {
  it("refuses a range too big to build instead of exhausting memory", () => {
    expect(() => render("{{ range(100000000)|length }}")).toThrow(/range\(\) would make more than 10000000 items/);
    expect(render("{{ range(0, 10, 3)|list }} {{ range(3) }}")).toBe("[0, 3, 6, 9] range(0, 3)");
  });
});

describe("undefined and errors", () => {
  it("prints undefined as empty, fails on attribute access with Jinja2's message, and strict mode fails on print", () => {
    expect(render("[{{ missing }}]")).toBe("[]");
    expect(() => render("{{ missing.attr }}")).toThrow("'missing' is undefined");
    expect(() => render("{{ d.nope.x }}", { d: {} })).toThrow("'dict object' has no attribute 'nope'");
    expect(() => render("{{ missing }}", {}, { undefined: "strict" })).toThrow(UndefinedError);
    expect(render("[{{ a.b.c }}]", {}, { undefined: "chainable" })).toBe("[]");
    expect(render("{{ a }}", {}, { undefined: "debug" })).toBe("{{ a }}");
  });

  it("reports runtime errors at the innermost template's line and column", () => {
    const env = new Environment({ loader: new DictLoader({ page: "a\n{% include 'part' %}", part: "ok\n  {{ 1 // 0 }}" }) });
    let error: TemplateRuntimeError | undefined;
    try {
      env.getTemplate("page").render();
    } catch (e) {
      error = e as TemplateRuntimeError;
    }
    expect(error).toMatchObject({ message: "integer division or modulo by zero", templateName: "part", lineno: 2, column: 6, sourceLine: "  {{ 1 // 0 }}" });
  });

  it("raises TemplateNotFound for missing templates and skips them with ignore missing", () => {
    const env = new Environment({ loader: new DictLoader({ a: "{% include 'nope' ignore missing %}A" }) });
    expect(env.getTemplate("a").render()).toBe("A");
    expect(() => env.getTemplate("nope")).toThrow(TemplateNotFound);
  });
});

describe("loaders", () => {
  it("reads files through the injected reader, refuses .. and reloads on mtime change", () => {
    const files: Record<string, string> = { "/t/a.html": "one", "/u/b.html": "bee" };
    const mtimes: Record<string, number> = { "/t/a.html": 1 };
    const reader = { readTextSync: (p: string) => files[p], mtimeSync: (p: string) => (p in files ? (mtimes[p] ?? 0) : undefined) };
    const env = new Environment({ loader: new FileSystemLoader(reader, ["/t", "/u"]) });
    expect(env.getTemplate("a.html").render()).toBe("one");
    expect(env.getTemplate("b.html").render()).toBe("bee");
    expect(() => env.getTemplate("../etc/passwd")).toThrow(TemplateNotFound);
    files["/t/a.html"] = "two";
    expect(env.getTemplate("a.html").render()).toBe("one");
    mtimes["/t/a.html"] = 2;
    expect(env.getTemplate("a.html").render()).toBe("two");
  });

  it("combines loaders with prefixes, choices and functions", () => {
    const loader = new ChoiceLoader([
      new PrefixLoader({ admin: new DictLoader({ "x.html": "admin x" }) }),
      new FunctionLoader((name) => (name === "fn.html" ? "from fn" : undefined)),
    ]);
    const env = new Environment({ loader });
    expect(env.getTemplate("admin/x.html").render()).toBe("admin x");
    expect(env.getTemplate("fn.html").render()).toBe("from fn");
    expect(() => env.getTemplate("admin/y.html")).toThrow(TemplateNotFound);
  });
});
