import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach } from "vitest";

/**
 * For component tests in jsdom: a fresh React root in a fresh `<div>` before each test of the calling
 * file, unmounted and removed after it.
 *
 * @example
 * const dom = reactRootPerTest();
 * it("renders", async () => {
 *   await act(async () => dom.root.render(<JsonTree value={{ a: 1 }} />));
 *   expect(dom.container.textContent).toContain("a");
 * });
 */
export function reactRootPerTest(): { readonly container: HTMLDivElement; readonly root: Root } {
  const dom = {} as { container: HTMLDivElement; root: Root };
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    dom.container = document.createElement("div");
    document.body.append(dom.container);
    dom.root = createRoot(dom.container);
  });
  afterEach(async () => {
    await act(async () => dom.root.unmount());
    dom.container.remove();
  });
  return dom;
}
