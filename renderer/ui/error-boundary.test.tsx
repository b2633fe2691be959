import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./error-boundary";

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

function Broken(): never {
  throw new Error("the preview exploded");
}

afterEach(() => {
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

describe("ErrorBoundary", () => {
  it("shows the failure of one part and leaves its siblings alone", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const container = document.createElement("div");
    document.body.append(container);
    await act(async () => {
      createRoot(container).render(
        <>
          <p>editor still here</p>
          <ErrorBoundary part="Preview">
            <Broken />
          </ErrorBoundary>
        </>,
      );
    });
    expect(container.textContent).toContain("editor still here");
    expect(container.querySelector('[role="alert"]')?.textContent).toContain("Preview stopped working");
    expect(container.textContent).toContain("the preview exploded");
  });
});
