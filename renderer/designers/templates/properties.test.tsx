import { act } from "react";
import { describe, expect, it } from "vitest";
import { applyEdits, parseOutline, type OutlineNode, type TextEdit } from "./outline";
import { Properties } from "./properties";
import { reactRootPerTest } from "../../ui/test-dom";

const dom = reactRootPerTest();

async function enter(id: string): Promise<void> {
  await act(async () => dom.byTestId(id).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
}

type Plan = (source: string, tree: OutlineNode) => TextEdit | TextEdit[] | undefined;

/** Renders the panel for one node and collects the text each applied edit would give. */
async function show(source: string, id: string): Promise<string[]> {
  const results: string[] = [];
  const tree = parseOutline(source);
  const onEdit = (plan: Plan) => {
    const planned = plan(source, tree);
    results.push(applyEdits(source, planned === undefined ? [] : Array.isArray(planned) ? planned : [planned]));
  };
  const node = id.split(".").reduce<OutlineNode>((current, part) => current.children[Number(part)]!, tree);
  await act(async () => dom.root.render(<Properties source={source} node={node} onEdit={onEdit} onDelete={() => undefined} />));
  return results;
}

describe("the properties panel", () => {
  it("edits an element's text, classes and attributes, and refuses what would break the markup", async () => {
    const source = '<a class="button" href="/x">Go</a>';
    const results = await show(source, "0");
    await dom.type("template-prop-text", "<b>");
    expect(dom.byTestId("template-prop-text-error").textContent).toMatch(/palette/);
    await enter("template-prop-text");
    expect(results).toEqual([]);
    await dom.type("template-prop-text", "Go now");
    await enter("template-prop-text");
    await dom.type("template-prop-classes", "button primary");
    await enter("template-prop-classes");
    await dom.type("template-attr-href", "{{ url_for('index') }}");
    await enter("template-attr-href");
    await dom.type("template-attribute-name", "title");
    await dom.type("template-attribute-value", "Home");
    await act(async () => dom.byTestId("template-attribute-add").click());
    expect(results).toEqual([
      '<a class="button" href="/x">Go now</a>',
      '<a class="button primary" href="/x">Go</a>',
      `<a class="button" href="{{ url_for('index') }}">Go</a>`,
      '<a class="button" href="/x" title="Home">Go</a>',
    ]);
  });

  it("edits a loop's expression only when it reads like a loop", async () => {
    const source = "{% for post in posts %}{{ post }}{% endfor %}";
    const results = await show(source, "0");
    expect(dom.container.textContent).toContain("Loop");
    await dom.type("template-prop-expression", "posts");
    expect(dom.byTestId("template-prop-expression-error").textContent).toMatch(/item in items/);
    await dom.type("template-prop-expression", "post in posts|reverse");
    await enter("template-prop-expression");
    expect(results).toEqual(["{% for post in posts|reverse %}{{ post }}{% endfor %}"]);
  });
});
