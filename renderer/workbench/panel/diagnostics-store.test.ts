import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../electron/api/contract";
import { fakeClient } from "../../test-support/fake-client";
import { DiagnosticsStore } from "./diagnostics-store";

const typeError: Diagnostic = { path: "app.ts", line: 4, column: 7, severity: "error", message: "Type 'string' is not assignable to type 'number'.", source: "typescript" };

describe("DiagnosticsStore", () => {
  it("loads the last check's diagnostics, then follows diagnostics.changed", async () => {
    const client = fakeClient({ "diagnostics.list": { diagnostics: [typeError] } });
    const store = new DiagnosticsStore(client);
    await store.refresh();
    expect(store.state.get()).toEqual([typeError]);

    client.emit("diagnostics.changed", { diagnostics: [] });
    expect(store.state.get()).toEqual([]);
  });
});
