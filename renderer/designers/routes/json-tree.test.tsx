import { act } from "react";
import { describe, expect, it } from "vitest";
import { JsonTree } from "./json-tree";
import { reactRootPerTest } from "../../ui/test-dom";

const dom = reactRootPerTest();

describe("the runner's JSON tree", () => {
  it("shows keys and values, folds deep levels and cuts long lists", async () => {
    const long = Array.from({ length: 502 }, (_, index) => index);
    await act(async () => dom.root.render(<JsonTree value={{ name: "Ada", tags: ["x"], deep: { a: { b: { c: null } } }, long }} />));
    const text = dom.container.textContent ?? "";
    expect(text).toContain('name: "Ada"');
    expect(text).toContain("tags: [1]");
    expect(text).toContain("… 2 more");
    const nodes = [...dom.container.querySelectorAll("details")];
    expect(nodes.filter((node) => node.open).length).toBeLessThan(nodes.length);
  });
});
