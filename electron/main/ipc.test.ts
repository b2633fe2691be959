import { describe, expect, it, vi } from "vitest";
import type { EventMessage, InvokeResponse } from "../api/contract.js";
import { HostEvents } from "../host/events.js";

type Handler = (event: { senderFrame: unknown }, method: unknown, request: unknown) => Promise<InvokeResponse>;

const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock("electron", () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => fake.handlers.set(channel, handler) },
}));

const { setupIpc } = await import("./ipc.js");

function studioWindow() {
  const sent: [string, EventMessage][] = [];
  const mainFrame = { url: "vial-studio://app/index.html" };
  return {
    sent,
    mainFrame,
    window: {
      isDestroyed: () => false,
      webContents: { mainFrame, send: (channel: string, message: EventMessage) => void sent.push([channel, message]) },
    },
  };
}

describe("setupIpc", () => {
  const dispatch = vi.fn(async (): Promise<InvokeResponse> => ({ ok: true, result: {} }));
  const events = new HostEvents();
  const studio = studioWindow();
  setupIpc({ dispatch, events, studioWindow: () => studio.window as never });
  const invoke = fake.handlers.get("vial:invoke")!;

  it("dispatches calls from the Studio window's own page", async () => {
    expect(await invoke({ senderFrame: studio.mainFrame }, "files.read", { path: "app.ts" })).toEqual({ ok: true, result: {} });
    expect(dispatch).toHaveBeenCalledWith("files.read", { path: "app.ts" });
  });

  it("refuses calls from any other frame, and from our frame once it shows another page", async () => {
    dispatch.mockClear();
    const refused = { ok: false, error: { code: "unauthorized" } };
    expect(await invoke({ senderFrame: { url: "vial-studio://app/index.html" } }, "files.read", {})).toMatchObject(refused);
    expect(await invoke({ senderFrame: null }, "files.read", {})).toMatchObject(refused);
    studio.mainFrame.url = "https://evil.example/";
    expect(await invoke({ senderFrame: studio.mainFrame }, "files.read", {})).toMatchObject(refused);
    studio.mainFrame.url = "vial-studio://app/index.html";
    expect(dispatch).not.toHaveBeenCalled();
  });

  it("forwards host events to the Studio window on vial:event", () => {
    events.emit("project.changed", { project: null });
    expect(studio.sent).toEqual([["vial:event", { event: "project.changed", payload: { project: null } }]]);
  });
});
