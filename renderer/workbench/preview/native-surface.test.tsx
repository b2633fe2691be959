import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, it } from "vitest";
import { NativeSurface } from "./native-surface";

class NoResizeObserver {
  observe(): void {}
  disconnect(): void {}
}

const calls: Array<{ method: string; request: unknown }> = [];
const client = {
  invoke: async (method: string, request: unknown) => {
    calls.push({ method, request });
    return {};
  },
} as never;

let container: HTMLDivElement;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  globalThis.ResizeObserver = NoResizeObserver as never;
  container = document.createElement("div");
  document.body.append(container);
  calls.length = 0;
});

afterEach(() => container.remove());

it("shows the app in the native view, reloads it on a new seq, and hides it for the overlay", async () => {
  const root = createRoot(container);
  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={1} hidden={false} />));
  expect(calls).toEqual([
    { method: "preview.show", request: { url: "http://127.0.0.1:5001/about", bounds: { x: 0, y: 0, width: 0, height: 0 }, reload: false } },
  ]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={2} hidden={false} />));
  expect(calls.slice(1)).toEqual([{ method: "preview.show", request: expect.objectContaining({ reload: true }) }]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/" seq={2} hidden={false} />));
  expect(calls.slice(2)).toEqual([{ method: "preview.show", request: expect.objectContaining({ url: "http://127.0.0.1:5001/", reload: false }) }]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={2} hidden />));
  expect(calls.at(-1)?.method).toBe("preview.hide");

  await act(async () => root.unmount());
});
