import { describe, expect, it } from "vitest";
import type { EventName, MethodName, StudioEvents } from "../../electron/api/contract";
import { followCheckFlags } from "./check-flags";

/** A client whose project's tsconfig.json sets `flags`; `emit` sends a host event. */
function projectClient(flags: Record<string, boolean>) {
  const listeners = new Map<EventName, Array<() => void>>();
  return {
    flags,
    emit(event: EventName) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as () => void]);
      return () => undefined;
    },
    async invoke(method: MethodName): Promise<never> {
      if (method !== "diagnostics.checkFlags") throw new Error(`unexpected ${method}`);
      return { flags: this.flags } as never;
    },
  };
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

    client.flags = { noUncheckedIndexedAccess: true };
    client.emit("diagnostics.changed");
    await settled();
    expect(target.options).toEqual({ strict: true, noEmit: true, noUncheckedIndexedAccess: true });
  });

  it("goes back to the defaults when the project is closed", async () => {
    const client = projectClient({ strict: false });
    const target = optionsTarget();
    followCheckFlags(client, target);
    await settled();
    client.invoke = async () => {
      throw new Error("no project is open");
    };
    client.emit("project.changed");
    await settled();
    expect(target.options).toEqual({ strict: true, noEmit: true });
  });
});
