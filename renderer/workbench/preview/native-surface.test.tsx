import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, it } from "vitest";
import { NativeSurface } from "./native-surface";

class NoResizeObserver {
  observe(): void {}
  disconnect(): void {}
}

const calls: Array<{ method: string; request: unknown }> = [];
/** What the host answers the next `preview.inspect { on: true }` with, once the test settles it. */
let settleInspect: (source: string | null) => void = () => undefined;
const client = {
  invoke: async (method: string, request: unknown) => {
    calls.push({ method, request });
    if (method === "preview.inspect" && (request as { on: boolean }).on) return new Promise((resolve) => (settleInspect = (source) => resolve({ source })));
    return method === "preview.inspect" ? { source: null } : {};
  },
} as never;
const ignore = () => undefined;

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
  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={1} hidden={false} inspecting={false} onInspect={ignore} />));
  expect(calls).toEqual([
    { method: "preview.show", request: { url: "http://127.0.0.1:5001/about", bounds: { x: 0, y: 0, width: 0, height: 0 }, reload: false } },
  ]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={2} hidden={false} inspecting={false} onInspect={ignore} />));
  expect(calls.slice(1)).toEqual([{ method: "preview.show", request: expect.objectContaining({ reload: true }) }]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/" seq={2} hidden={false} inspecting={false} onInspect={ignore} />));
  expect(calls.slice(2)).toEqual([{ method: "preview.show", request: expect.objectContaining({ url: "http://127.0.0.1:5001/", reload: false }) }]);

  await act(async () => root.render(<NativeSurface client={client} src="http://127.0.0.1:5001/about" seq={2} hidden inspecting={false} onInspect={ignore} />));
  expect(calls.at(-1)?.method).toBe("preview.hide");

  await act(async () => root.unmount());
});

it("runs the host's inspect tool while inspecting and reports the pick, ending it when turned off", async () => {
  const root = createRoot(container);
  const reports: unknown[] = [];
  const surface = (inspecting: boolean) => (
    <NativeSurface client={client} src="http://127.0.0.1:5001/" seq={1} hidden={false} inspecting={inspecting} onInspect={(report) => reports.push(report)} />
  );
  await act(async () => root.render(surface(true)));
  expect(calls.filter((call) => call.method === "preview.inspect")).toEqual([{ method: "preview.inspect", request: { on: true } }]);
  await act(async () => settleInspect("templates/index.html:5"));
  expect(reports).toEqual([{ kind: "picked", source: "templates/index.html:5" }]);

  await act(async () => root.render(surface(false)));
  expect(calls.at(-1)).toEqual({ method: "preview.inspect", request: { on: false } });
  // Turned off before a pick: the host's late answer is not reported.
  await act(async () => root.render(surface(true)));
  await act(async () => root.render(surface(false)));
  await act(async () => settleInspect(null));
  expect(reports).toHaveLength(1);
  expect(calls.filter((call) => call.method === "preview.inspect").map((call) => call.request)).toEqual([{ on: true }, { on: false }, { on: true }, { on: false }]);
  await act(async () => root.unmount());
});
