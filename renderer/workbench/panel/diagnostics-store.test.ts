import { describe, expect, it } from "vitest";
import type { Diagnostic, EventName, MethodName, StudioEvents } from "../../../electron/api/contract";
import { DiagnosticsStore } from "./diagnostics-store";

const typeError: Diagnostic = { path: "app.ts", line: 4, column: 7, severity: "error", message: "Type 'string' is not assignable to type 'number'.", source: "typescript" };

function fakeClient(listed: Diagnostic[]) {
  const listeners = new Map<string, Array<(payload: never) => void>>();
  return {
    emit<E extends EventName>(event: E, payload: StudioEvents[E]) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: StudioEvents[E]) => void)(payload);
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
    async invoke(method: MethodName): Promise<never> {
      if (method !== "diagnostics.list") throw new Error(`unexpected ${method}`);
      return { diagnostics: listed } as never;
    },
  };
}

describe("DiagnosticsStore", () => {
  it("loads the last check's diagnostics, then follows diagnostics.changed", async () => {
    const client = fakeClient([typeError]);
    const store = new DiagnosticsStore(client);
    await store.refresh();
    expect(store.state.get()).toEqual([typeError]);

    client.emit("diagnostics.changed", { diagnostics: [] });
    expect(store.state.get()).toEqual([]);
  });
});
