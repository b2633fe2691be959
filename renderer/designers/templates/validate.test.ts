import { describe, expect, it } from "vitest";
import { insertionPoint } from "./use-insert";
import { applyEdits, insertNode, parseOutline, printOutline } from "./outline";
import { paletteItems } from "./palette";
import { attributeNameError, classesError, expressionError, tagExpressionError, textError } from "./validate";

describe("property checks", () => {
  it("accepts sound expressions and names what is wrong with the others", () => {
    expect(expressionError("user.name|title")).toBeNull();
    expect(expressionError("url_for('a', x=(1, 2))")).toBeNull();
    expect(expressionError("")).toMatch(/Enter/);
    expect(expressionError("f(x")).toMatch(/"\(" is not closed/);
    expect(expressionError("a]")).toMatch(/Unbalanced/);
    expect(expressionError("'open")).toMatch(/string/);
    expect(expressionError("x }} {{ y")).toMatch(/Leave out/);
  });

  it("checks each tag's expression by its keyword", () => {
    expect(tagExpressionError("for", "post in posts|reverse")).toBeNull();
    expect(tagExpressionError("for", "key, value in d.items()")).toBeNull();
    expect(tagExpressionError("for", "posts")).toMatch(/item in items/);
    expect(tagExpressionError("block", "content")).toBeNull();
    expect(tagExpressionError("block", "two words")).toMatch(/identifier/);
    expect(tagExpressionError("if", "a and (b or c")).toMatch(/not closed/);
  });

  it("checks attribute names, classes and text", () => {
    expect(attributeNameError("data-id")).toBeNull();
    expect(attributeNameError("a b")).not.toBeNull();
    expect(classesError("a b-c")).toBeNull();
    expect(classesError('a"')).not.toBeNull();
    expect(textError("Hello {{ name }}")).toBeNull();
    expect(textError("<b>x</b>")).toMatch(/palette/);
  });
});

describe("palette", () => {
  it("inserts every component as well-formed markup that round-trips", () => {
    const source = "<main>\n  <p>x</p>\n</main>\n";
    for (const item of paletteItems) {
      const tree = parseOutline(source);
      const after = applyEdits(source, [insertNode(source, tree, "0", 99, item.markup({ endpoint: "contact" }))]);
      const inserted = parseOutline(after).children[0]!.children.filter((node) => node.kind !== "text");
      expect(inserted).toHaveLength(2);
      expect(inserted[1]!.closed).toBe(true);
      expect(printOutline(after, parseOutline(after))).toBe(after);
    }
  });

  it("binds the form to the endpoint through url_for", () => {
    expect(paletteItems.find((item) => item.id === "form")!.markup({ endpoint: "it's" })).toContain("{{ url_for('it\\'s') }}");
  });
});

describe("insertion point", () => {
  const child = '{% extends "base.html" %}\n{% block content %}\n  <p>a</p>\n{% endblock %}\n';
  const tree = parseOutline(child);

  it("goes inside containers and after other nodes", () => {
    expect(insertionPoint(child, tree, "2")).toEqual({ parentId: "2", index: Number.MAX_SAFE_INTEGER });
    expect(insertionPoint(child, tree, "2.1.0")).toEqual({ parentId: "2.1", index: 1 });
    expect(insertionPoint(child, tree, null)).toEqual({ parentId: "2", index: Number.MAX_SAFE_INTEGER });
  });

  it("keeps a child template's additions inside its blocks", () => {
    expect(() => insertionPoint(child, tree, "0")).toThrow(/only what is inside its \{% block %\}s shows/);
  });
});
