import { act } from "react";
import { expect, it, vi } from "vitest";
import { reactRootPerTest } from "../../ui/test-dom";
import { FrameSurface } from "./frame-surface";
import type { InspectReport } from "./inspect-messages";

const dom = reactRootPerTest();

it("starts and stops the page's inspector at the app's origin and hears only the frame, from that origin", async () => {
  const { root, container } = dom;
  const reports: InspectReport[] = [];
  const surface = (inspecting: boolean) => <FrameSurface src="http://127.0.0.1:5001/about" seq={1} inspecting={inspecting} onInspect={(report) => reports.push(report)} />;
  await act(async () => root.render(surface(false)));
  const frame = container.querySelector("iframe") as HTMLIFrameElement;
  const page = frame.contentWindow as Window;
  const posted = vi.spyOn(page, "postMessage").mockImplementation(() => undefined);

  await act(async () => root.render(surface(true)));
  expect(posted).toHaveBeenLastCalledWith({ vialInspect: "start" }, "http://127.0.0.1:5001");
  frame.dispatchEvent(new Event("load"));
  expect(posted).toHaveBeenCalledTimes(2);

  const report = { vialInspect: "picked", source: "templates/about.html:4" };
  window.dispatchEvent(new MessageEvent("message", { data: report, source: page, origin: "http://127.0.0.1:9999" }));
  window.dispatchEvent(new MessageEvent("message", { data: report, source: window, origin: "http://127.0.0.1:5001" }));
  expect(reports).toEqual([]);
  window.dispatchEvent(new MessageEvent("message", { data: report, source: page, origin: "http://127.0.0.1:5001" }));
  expect(reports).toEqual([{ kind: "picked", source: "templates/about.html:4" }]);

  await act(async () => root.render(surface(false)));
  expect(posted).toHaveBeenLastCalledWith({ vialInspect: "stop" }, "http://127.0.0.1:5001");
});
