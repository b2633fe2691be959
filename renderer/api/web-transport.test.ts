import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebTransport } from "./web-transport";

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket extends EventTarget {
  static opened: FakeSocket[] = [];
  constructor(readonly url: URL) {
    super();
    FakeSocket.opened.push(this);
  }
  receive(data: string) {
    this.dispatchEvent(new MessageEvent("message", { data }));
  }
  drop() {
    this.dispatchEvent(new Event("close"));
  }
}

beforeEach(() => {
  FakeSocket.opened = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const transport = (fetch: typeof globalThis.fetch) =>
  createWebTransport({
    origin: "http://127.0.0.1:4321",
    fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    reconnectMs: 100,
    maxReconnectMs: 400,
  });

describe("web transport", () => {
  it("posts calls to /api/invoke with the same-origin cookie and returns the envelope", async () => {
    const fetch = vi.fn(async () => Response.json({ ok: true, result: { project: null } }));
    const response = await transport(fetch).invoke("projects.current", {});
    expect(response).toEqual({ ok: true, result: { project: null } });
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe("http://127.0.0.1:4321/api/invoke");
    expect(init.credentials).toBe("same-origin");
    expect(JSON.parse(String(init.body))).toEqual({ method: "projects.current", request: {} });
  });

  it("turns a 401 and an unreachable server into errors the user can act on", async () => {
    const unauthorized = await transport(async () => new Response("no", { status: 401 })).invoke("studio.info", {});
    expect(unauthorized).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const down = await transport(async () => {
      throw new TypeError("Failed to fetch");
    }).invoke("studio.info", {});
    expect(down).toMatchObject({ ok: false, error: { code: "internal", message: expect.stringMatching(/cannot be reached/) } });
  });

  it("delivers events to their listeners over one socket and ignores junk frames", () => {
    const events = transport(vi.fn());
    const changed = vi.fn();
    const project = vi.fn();
    events.on("files.changed", changed);
    const unsubscribe = events.on("project.changed", project);
    expect(FakeSocket.opened).toHaveLength(1);
    expect(String(FakeSocket.opened[0]!.url)).toBe("ws://127.0.0.1:4321/api/events");
    const socket = FakeSocket.opened[0]!;
    socket.receive(JSON.stringify({ event: "files.changed", payload: { paths: ["a.ts"], kind: "changed" } }));
    socket.receive("not json");
    unsubscribe();
    socket.receive(JSON.stringify({ event: "project.changed", payload: { project: null } }));
    expect(changed).toHaveBeenCalledWith({ paths: ["a.ts"], kind: "changed" });
    expect(project).not.toHaveBeenCalled();
  });

  it("reconnects a dropped socket with growing delays and keeps the listeners", async () => {
    const events = transport(vi.fn());
    const changed = vi.fn();
    events.on("files.changed", changed);
    FakeSocket.opened[0]!.drop();
    await vi.advanceTimersByTimeAsync(99);
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
    FakeSocket.opened[1]!.drop();
    await vi.advanceTimersByTimeAsync(150);
    expect(FakeSocket.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(FakeSocket.opened).toHaveLength(3);
    FakeSocket.opened[2]!.receive(JSON.stringify({ event: "files.changed", payload: { paths: [], kind: "created" } }));
    expect(changed).toHaveBeenCalledOnce();
  });
});
