import { describe, expect, it, vi } from "vitest";
import { Signal, Vial, gotRequestException, requestFinished, requestStarted } from "./index.js";

describe("signals", () => {
  it("tells subscribers about requests, responses and exceptions", async () => {
    const app = new Vial({ root: "/nonexistent", staticFolder: null });
    app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
    app.get("/ok", () => "ok");
    app.get("/boom", () => {
      throw new Error("boom");
    });
    const seen: string[] = [];
    const offs = [
      requestStarted.connect((sender, { request }) => seen.push(`started ${request.path} ${sender === app}`)),
      requestFinished.connect((_sender, { request, response }) => seen.push(`finished ${request.path} ${response.status}`)),
      gotRequestException.connect((_sender, { exception }) => seen.push(`exception ${(exception as Error).message}`)),
    ];
    try {
      await app.testClient().get("/ok");
      await app.testClient().get("/boom");
    } finally {
      for (const off of offs) off();
    }
    await app.testClient().get("/ok");
    expect(seen).toEqual(["started /ok true", "finished /ok 200", "started /boom true", "exception boom", "finished /boom 500"]);
  });

  it("keeps sending when one receiver throws", () => {
    const signal = new Signal<number>("test");
    const got: number[] = [];
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    signal.connect(() => {
      throw new Error("bad receiver");
    });
    signal.connect((_s, n) => got.push(n));
    signal.send(undefined, 7);
    expect(got).toEqual([7]);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
    expect(signal.hasReceivers).toBe(true);
  });
});
