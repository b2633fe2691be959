import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonTree } from "./json-tree";

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe("the runner's JSON tree", () => {
  it("shows keys and values, folds deep levels and cuts long lists", async () => {
    const long = Array.from({ length: 502 }, (_, index) => index);
    await act(async () => root.render(<JsonTree value={{ name: "Ada", tags: ["x"], deep: { a: { b: { c: null } } }, long }} />));
    const text = container.textContent ?? "";
    expect(text).toContain('name: "Ada"');
    expect(text).toContain("tags: [1]");
    expect(text).toContain("… 2 more");
    const nodes = [...container.querySelectorAll("details")];
    expect(nodes.filter((node) => node.open).length).toBeLessThan(nodes.length);
  });
});
