import { describe, expect, it } from "vitest";
import { TemplateSyntaxError } from "./errors.js";
import { tokenize } from "./lexer.js";
import type { ForNode, OutputNode } from "./nodes.js";
import { parse } from "./parser.js";

describe("lexer", () => {
  it("gives every token its line, column and source offsets", () => {
    const src = "a\n  {{ user.name }}";
    const name = tokenize(src).find((t) => t.type === "name" && t.value === "user");
    expect(name).toMatchObject({ lineno: 2, column: 6, start: 7, end: 11 });
    expect(src.slice(name?.start, name?.end)).toBe("user");
  });

  it("applies - and + whitespace control, trimBlocks and lstripBlocks", () => {
    const data = (src: string, opts = {}) => tokenize(src, opts).filter((t) => t.type === "data").map((t) => t.value);
    expect(data("a  {{- x -}}  b")).toEqual(["a", "b"]);
    expect(data("x\n  {% if y %}\nz", { trimBlocks: true, lstripBlocks: true })).toEqual(["x\n", "z"]);
    expect(data("x\n  {%+ if y %}\nz", { lstripBlocks: true })).toEqual(["x\n  ", "\nz"]);
  });

  it("drops one trailing newline unless keepTrailingNewline", () => {
    expect(tokenize("a\n").filter((t) => t.type === "data").map((t) => t.value)).toEqual(["a"]);
    expect(tokenize("a\n", { keepTrailingNewline: true }).filter((t) => t.type === "data").map((t) => t.value)).toEqual(["a\n"]);
  });

  it("keeps raw blocks as text", () => {
    expect(tokenize("{% raw %}{{ x }}{% endraw %}").filter((t) => t.type === "data").map((t) => t.value)).toEqual(["{{ x }}"]);
  });
});

describe("parser", () => {
  it("records exact source ranges for statements and expressions", () => {
    const src = "<ul>\n{% for x in items if x %}<li>{{ x.title }}</li>{% endfor %}\n</ul>";
    const ast = parse(src);
    const loop = ast.body[1] as ForNode;
    expect(loop.type).toBe("For");
    expect(src.slice(loop.start, loop.end)).toBe("{% for x in items if x %}<li>{{ x.title }}</li>{% endfor %}");
    expect(loop).toMatchObject({ lineno: 2, column: 1 });
    const out = loop.body[0] as OutputNode;
    const expr = out.nodes[1];
    expect(expr && src.slice(expr.start, expr.end)).toBe("x.title");
  });

  it("gives every node a non-empty range whose column matches its start offset", () => {
    const src = [
      "{% extends 'base.html' %}{% import 'forms.html' as f %}{% from 'x' import a as b %}",
      "{% block body scoped %}{% for k, v in d.items() if v is not none recursive %}{{ loop.index }}{{ k ~ v|e }}{% else %}-{% endfor %}",
      "{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{% set cap | upper %}x{% endset %}{% with a = [1, (2, 3)], b = {'k': -1} %}{{ a[1:] }}{% endwith %}",
      "{% macro m(x, y=2) %}{{ caller(x) if caller else y }}{% endmacro %}{% call(z) m(1, y=3, *r, **kw) %}{{ z }}{% endcall %}",
      "{% filter trim %} t {% endfilter %}{% autoescape false %}{{ 'a' if b else c }}{% endautoescape %}{% include ['a', 'b'] ignore missing with context %}",
      "{% if not a == b and c or d in e %}{{ 1 + 2 * 3 // 4 % 5 ** 6 }}{% elif x is defined %}{% endif %}{% endblock %}",
    ].join("\n");
    const lines = src.split("\n");
    let count = 0;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== "object") return;
      const n = node as { type?: string; start?: number; end?: number; lineno?: number; column?: number };
      if (typeof n.type === "string" && typeof n.start === "number" && typeof n.end === "number") {
        count++;
        if (n.type !== "Template") {
          expect(n.end, `${n.type} at ${n.start}`).toBeGreaterThan(n.start);
          const before = src.slice(0, n.start);
          const line = before.split("\n").length;
          expect(n.column, `${n.type} at ${n.start}`).toBe(n.start - before.lastIndexOf("\n"));
          expect(lines[line - 1]?.length ?? 0).toBeGreaterThanOrEqual((n.column ?? 1) - 1);
        }
      }
      Object.values(node).forEach(visit);
    };
    visit(parse(src));
    expect(count).toBeGreaterThan(100);
  });

  it("keeps offsets in the caller's text when it has CRLF line ends", () => {
    const src = "a\r\n{% if x %}\r\n{{ x.y }}\r\n{% endif %}";
    const stmt = parse(src).body[1];
    expect(stmt && src.slice(stmt.start, stmt.end)).toBe("{% if x %}\r\n{{ x.y }}\r\n{% endif %}");
    expect(stmt).toMatchObject({ lineno: 2, column: 1 });
  });

  it("parses `not a == b` as not (a == b) and ** left to right like Jinja2", () => {
    const ast = parse("{{ not a == b }}{{ 2 ** 3 ** 2 }}");
    const out = ast.body[0] as OutputNode;
    expect(out.nodes[0]).toMatchObject({ type: "Unary", op: "not", node: { type: "Compare" } });
    expect(out.nodes[1]).toMatchObject({ type: "BinOp", op: "pow", left: { type: "BinOp", op: "pow" } });
  });

  it("reports syntax errors with Jinja2's message, line, column and source line", () => {
    let error: TemplateSyntaxError | undefined;
    try {
      parse("line one\n{% for x in y %}\n{{ x }}", { name: "t.html" });
    } catch (e) {
      error = e as TemplateSyntaxError;
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error?.message).toBe("Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.");
    expect(error).toMatchObject({ templateName: "t.html", lineno: 3 });

    try {
      parse("ok\n  {{ a + }}", { name: "u.html" });
    } catch (e) {
      error = e as TemplateSyntaxError;
    }
    expect(error).toMatchObject({ message: "unexpected '}}'".replace("}}", "end of print statement"), lineno: 2, column: 10, sourceLine: "  {{ a + }}" });
  });

  it("rejects unknown tags naming the expected ones", () => {
    expect(() => parse("{% if x %}{% endfor %}")).toThrow("Encountered unknown tag 'endfor'. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.");
  });
});
