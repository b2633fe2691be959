import { describe, expect, it } from "vitest";
import { fakeClient } from "../test-support/fake-client";
import { followCheckFlags } from "./check-flags";

/** A client whose project's tsconfig.json sets `flags`. */
function projectClient(flags: Record<string, boolean>) {
  return fakeClient({ "diagnostics.checkFlags": { flags } });
}

function optionsTarget() {
  const target = {
    options: { strict: true, noEmit: true } as Record<string, unknown>,
    getCompilerOptions: () => target.options,
    setCompilerOptions: (options: Record<string, unknown>) => {
      target.options = options;
    },
  };
  return target;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("followCheckFlags", () => {
  it("lays the project's flags over the editor's defaults, and follows later checks", async () => {
    const client = projectClient({ strict: false });
    const target = optionsTarget();
    followCheckFlags(client, target);
    await settled();
    expect(target.options).toEqual({ strict: false, noEmit: true });

    client.answers["diagnostics.checkFlags"] = { flags: { noUncheckedIndexedAccess: true } };
    client.emit("diagnostics.changed", { diagnostics: [] });
    await settled();
    expect(target.options).toEqual({ strict: true, noEmit: true, noUncheckedIndexedAccess: true });
  });

  it("goes back to the defaults when the project is closed", async () => {
    const client = projectClient({ strict: false });
    const target = optionsTarget();
    followCheckFlags(client, target);
    await settled();
    client.answers["diagnostics.checkFlags"] = () => {
      throw new Error("no project is open");
    };
    client.emit("project.changed", { project: null });
    await settled();
    expect(target.options).toEqual({ strict: true, noEmit: true });
  });
});
