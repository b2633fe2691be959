/**
 * The Studio window's preload (bundled to dist/electron/preload.cjs: sandboxed preloads are CommonJS).
 * It exposes exactly `window.vialStudio = { invoke, on }`, typed from the contract, over the one
 * `vial:invoke` channel and the `vial:event` channel; names outside the contract are answered here,
 * without reaching the main process. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { EventMessage, EventName, StudioBridge, StudioEvents } from "../api/contract.js";
import { isMethodName } from "../api/validate.js";
import { eventChannel, invokeChannel } from "../main/channels.js";

const listeners = new Map<EventName, Set<(payload: never) => void>>();

ipcRenderer.on(eventChannel, (_event, message: EventMessage) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
});

const bridge: StudioBridge = {
  invoke: async (method, request) =>
    isMethodName(method)
      ? ipcRenderer.invoke(invokeChannel, method, request)
      : { ok: false, error: { code: "unknown-method", message: `There is no method "${String(method).slice(0, 100)}".` } },
  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    listeners.set(event, set);
    return () => void set.delete(listener as (payload: never) => void);
  },
};

contextBridge.exposeInMainWorld("vialStudio", bridge);
