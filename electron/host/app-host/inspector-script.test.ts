// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { inspectorScript } from "./inspector-script.js";

interface InspectApi {
  start(): Promise<string | null>;
  stop(): void;
}

// The host's TypeScript has no DOM types (its code runs in Node); this test alone runs in jsdom.
const { window, document, MouseEvent, KeyboardEvent } = globalThis as unknown as Record<string, any>;
type Element = any;

const api = (): InspectApi => window.__vialInspect;
const label = () => document.getElementById("__vial-inspect-label");

function hover(element: Element): void {
  element.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
}

function click(element: Element): boolean {
  return element.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
}

beforeEach(() => {
  document.body.innerHTML = `<main data-vial-src="templates/base.html:18"><h1 data-vial-src="templates/index.html:5">Hi <em>there</em></h1><a href="#next" data-vial-src="templates/index.html:7">next</a></main>`;
  // Run once per document: the script guards against being run twice in one page.
  if (!("__vialInspect" in window)) window.eval(inspectorScript);
});

describe("the inspector in the page", () => {
  it("labels the hovered element with the template line that wrote it, and picks it on click", async () => {
    const picked = api().start();
    const em = document.querySelector("em") as Element;
    hover(em);
    expect(label()?.textContent).toBe("templates/index.html:5");
    hover(document.querySelector("main") as Element);
    expect(label()?.textContent).toBe("templates/base.html:18");
    const link = document.querySelector("a") as Element;
    expect(click(link)).toBe(false);
    expect(await picked).toBe("templates/index.html:7");
    expect(document.getElementById("__vial-inspect")).toBeNull();
    expect(click(link)).toBe(true);
  });

  it("stops on Escape or when the Studio says so, picking nothing", async () => {
    const first = api().start();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(await first).toBeNull();
    const second = api().start();
    api().stop();
    expect(await second).toBeNull();
    expect(label()).toBeNull();
  });

  it("answers its parent over postMessage in a frame, and ignores commands from anyone else", async () => {
    const frame = document.createElement("iframe");
    document.body.append(frame);
    const inner = frame.contentWindow;
    inner.document.body.innerHTML = `<p data-vial-src="templates/page.html:3">x</p>`;
    inner.eval(inspectorScript);
    const received: unknown[] = [];
    window.addEventListener("message", (event: { data: unknown }) => received.push(event.data));
    const paragraph = inner.document.querySelector("p") as Element;

    inner.dispatchEvent(new inner.MessageEvent("message", { data: { vialInspect: "start" }, source: inner, origin: "http://127.0.0.1:1" }));
    hover(paragraph);
    expect(inner.document.getElementById("__vial-inspect-label")).toBeNull();

    inner.dispatchEvent(new inner.MessageEvent("message", { data: { vialInspect: "start" }, source: inner.parent, origin: window.location.origin }));
    paragraph.dispatchEvent(new inner.MouseEvent("mouseover", { bubbles: true }));
    paragraph.dispatchEvent(new inner.MouseEvent("click", { bubbles: true, cancelable: true }));
    await expect.poll(() => received.length).toBe(2);
    expect(received).toEqual([
      { vialInspect: "hover", source: "templates/page.html:3" },
      { vialInspect: "picked", source: "templates/page.html:3" },
    ]);
  });
});
