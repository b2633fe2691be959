import type { EventName, InvokeResponse, MethodName, RequestOf, StudioEvents } from "../../electron/api/contract";

/** How the client reaches the host: the preload bridge in Electron, HTTP + WebSocket in browser mode. */
export interface Transport {
  invoke<M extends MethodName>(method: M, request: RequestOf<M>): Promise<InvokeResponse<M>>;
  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
}
