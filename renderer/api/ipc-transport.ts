import type { StudioBridge } from "../../electron/api/contract";
import type { Transport } from "./transport";

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    vialStudio?: StudioBridge;
  }
}

/** Electron: the preload's bridge already speaks the contract's envelope. */
export function createIpcTransport(bridge: StudioBridge): Transport {
  return {
    invoke: (method, request) => bridge.invoke(method, request),
    on: (event, listener) => bridge.on(event, listener),
  };
}
