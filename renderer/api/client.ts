import type { EventName, InvokeResponse, MethodName, RequestOf, ResultOf, StudioEvents } from "../../electron/api/contract";
import type { Transport } from "./transport";

/** The error shape the host answers with (HostError of electron/api/errors.ts, reached through the contract). */
export type HostError = Extract<InvokeResponse, { ok: false }>["error"];
export type HostErrorCode = HostError["code"];

/** A host failure on the renderer side: `code` to branch on, `message` fit to show the user. */
export class StudioError extends Error {
  readonly code: HostErrorCode;
  readonly detail: unknown;

  constructor(error: HostError) {
    super(error.message);
    this.name = "StudioError";
    this.code = error.code;
    this.detail = error.detail;
  }
}

/** The renderer's only way to the host, typed from electron/api/contract.ts. */
export class StudioClient {
  constructor(private readonly transport: Transport) {}

  /** Calls a host method; rejects with a {@link StudioError} when the host answers with an error. */
  async invoke<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResultOf<M>> {
    const response = await this.transport.invoke(method, request);
    if (!response.ok) throw new StudioError(response.error);
    return response.result;
  }

  /** Listens to a host event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
    return this.transport.on(event, listener);
  }
}

/** The message to show for anything a host call threw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The calling half of the client: what stores depend on, so tests can hand them a fake host. */
export type HostInvoker = Pick<StudioClient, "invoke">;
