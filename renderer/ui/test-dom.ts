import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach } from "vitest";

/** A React root per test, and the two ways tests reach into what it shows. */
export interface TestDom {
  readonly container: HTMLDivElement;
  readonly root: Root;
  /** The shown element with that data-testid; throws when there is none. */
  byTestId<T extends HTMLElement>(id: string): T;
  /** Sets a React-controlled input, textarea or select (by data-testid or element) as a user does. */
  type(target: string | HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): Promise<void>;
}

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
export function reactRootPerTest(): TestDom {
  const dom = {
    byTestId<T extends HTMLElement>(id: string): T {
      const element = dom.container.querySelector<T>(`[data-testid="${id}"]`);
      if (!element) throw new Error(`no ${id}`);
      return element;
    },
    async type(target: string | HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): Promise<void> {
      const field = typeof target === "string" ? dom.byTestId<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(target) : target;
      // React listens to the value setter of the element's own prototype, as a user's typing reaches it.
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set;
      await act(async () => {
        setter?.call(field, value);
        field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
      });
    },
  } as TestDom & { container: HTMLDivElement; root: Root };
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
