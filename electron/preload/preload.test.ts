import { describe, expect, it, vi } from "vitest";
import type { EventMessage, MethodName, StudioBridge } from "../api/contract.js";
import { methodNames } from "../api/validate.js";

type Listener = (event: unknown, message: EventMessage) => void;

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  eventListeners: new Map<string, Listener>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, result: { project: null } })),
}));

vi.mock("electron", () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, listener: Listener) => fake.eventListeners.set(channel, listener),
  },
}));

await import("./preload.js");

describe("preload", () => {
  const bridge = fake.exposed.get("vialStudio") as StudioBridge;

  it("exposes exactly window.vialStudio = { invoke, on } and nothing else", () => {
    expect([...fake.exposed.keys()]).toEqual(["vialStudio"]);
    expect(Object.keys(bridge).sort()).toEqual(["invoke", "on"]);
  });

  it("invokes over the one vial:invoke channel and returns the envelope", async () => {
    expect(await bridge.invoke("projects.current", {})).toEqual({ ok: true, result: { project: null } });
    expect(fake.invoke).toHaveBeenCalledWith("vial:invoke", "projects.current", {});
  });

  it("forwards every method of the contract and answers any other name itself", async () => {
    fake.invoke.mockClear();
    for (const method of methodNames) await bridge.invoke(method, {} as never);
    expect(fake.invoke.mock.calls.map((call) => call[1])).toEqual(methodNames);
    fake.invoke.mockClear();
    expect(await bridge.invoke("files.nuke" as MethodName, {} as never)).toMatchObject({ ok: false, error: { code: "unknown-method" } });
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it("delivers vial:event messages to the listeners of that event until they unsubscribe", () => {
    const changed: unknown[] = [];
    const menu: unknown[] = [];
    const stop = bridge.on("project.changed", (payload) => changed.push(payload));
    bridge.on("menu.command", (payload) => menu.push(payload));
    const emit = fake.eventListeners.get("vial:event")!;
    emit({}, { event: "project.changed", payload: { project: null } });
    emit({}, { event: "menu.command", payload: { id: "file.save" } });
    stop();
    emit({}, { event: "project.changed", payload: { project: { dir: "/p", name: "p" } } });
    expect(changed).toEqual([{ project: null }]);
    expect(menu).toEqual([{ id: "file.save" }]);
  });
});
