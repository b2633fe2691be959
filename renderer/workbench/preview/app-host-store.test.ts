import { describe, expect, it } from "vitest";
import type { AppStatus, EventName, MethodName, StudioEvents } from "../../../electron/api/contract";
import { AppHostStore } from "./app-host-store";

const running: AppStatus = { state: "running", port: 5001, url: "http://127.0.0.1:5001", revision: 3, lastRestartMs: 40, lastReloadMs: 55, error: null };

function fakeClient() {
  const listeners = new Map<string, Array<(payload: never) => void>>();
  const calls: string[] = [];
  return {
    calls,
    emit<E extends EventName>(event: E, payload: StudioEvents[E]) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: StudioEvents[E]) => void)(payload);
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
    async invoke(method: MethodName): Promise<never> {
      calls.push(method);
      const results: Partial<Record<MethodName, unknown>> = {
        "studio.info": { version: "0", platform: "linux", mode: "electron", defaultProjectsDir: "/p" },
        "appHost.status": running,
        "appHost.restart": running,
        "appHost.logs": { output: [{ seq: 1, stream: "stdout", text: "hi", time: 1 }], requests: [], problems: [] },
        "appHost.clearRequests": {},
      };
      return results[method] as never;
    },
  };
}

describe("AppHostStore", () => {
  it("loads the status and logs, then follows the host's events", async () => {
    const client = fakeClient();
    const store = new AppHostStore(client);
    await store.refresh();
    expect(store.state.get().status.port).toBe(5001);
    expect(store.state.get().mode).toBe("electron");
    expect(store.state.get().output.map((line) => line.text)).toEqual(["hi"]);

    client.emit("appHost.output", { seq: 2, stream: "stderr", text: "oops", time: 2 });
    client.emit("appHost.request", { id: 1, method: "GET", path: "/", status: 200, durationMs: 1, time: 3, requestHeaders: {}, responseHeaders: {} });
    client.emit("appHost.problems", { problems: [{ id: 1, kind: "compile", severity: "error", message: "Expected ;", time: 4 }] });
    client.emit("appHost.status", { ...running, state: "error", url: null });
    const state = store.state.get();
    expect(state.output.map((line) => line.text)).toEqual(["hi", "oops"]);
    expect(state.requests.map((entry) => entry.path)).toEqual(["/"]);
    expect(state.problems.map((problem) => problem.message)).toEqual(["Expected ;"]);
    expect(state.status.state).toBe("error");
  });

  it("clears the request log on the host and locally", async () => {
    const client = fakeClient();
    const store = new AppHostStore(client);
    client.emit("appHost.request", { id: 1, method: "GET", path: "/", status: 200, durationMs: 1, time: 3, requestHeaders: {}, responseHeaders: {} });
    await store.clearRequests();
    expect(client.calls).toContain("appHost.clearRequests");
    expect(store.state.get().requests).toEqual([]);
  });
});
