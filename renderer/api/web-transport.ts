import type { EventMessage, EventName, InvokeResponse, StudioEvents } from "../../electron/api/contract";
import type { Transport } from "./transport";

export interface WebTransportOptions {
  /** Base URL of the Studio server; defaults to the page's origin. */
  origin?: string;
  /** Delay before reconnecting a dropped event socket, growing to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
}

type Listener = (payload: unknown) => void;

const KEEPALIVE_LIMIT = 60_000;

/**
 * Browser mode: `POST /api/invoke` for calls (the token travels in the same-origin cookie) and one
 * WebSocket on `/api/events` for events, reopened with backoff when it drops.
 */
export function createWebTransport(options: WebTransportOptions = {}): Transport {
  const origin = options.origin ?? window.location.origin;
  const doFetch = options.fetch ?? window.fetch.bind(window);
  const Socket = options.WebSocket ?? window.WebSocket;
  const baseDelay = options.reconnectMs ?? 250;
  const maxDelay = options.maxReconnectMs ?? 5000;
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | undefined;
  let delay = baseDelay;

  function connect(): void {
    const url = new URL("/api/events", origin);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const current = new Socket(url);
    socket = current;
    current.addEventListener("open", () => {
      delay = baseDelay;
    });
    current.addEventListener("message", (message: MessageEvent) => {
      if (typeof message.data !== "string") return;
      const parsed = parseEvent(message.data);
      if (!parsed) return;
      for (const listener of [...(listeners.get(parsed.event) ?? [])]) listener(parsed.payload);
    });
    current.addEventListener("close", () => {
      if (socket !== current) return;
      socket = undefined;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelay);
    });
  }

  return {
    async invoke(method, request) {
      let response: Response;
      const body = JSON.stringify({ method, request });
      try {
        response = await doFetch(new URL("/api/invoke", origin), {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json" },
          body,
          // Small calls outlive the page (hot exit flushes unsaved text on pagehide); the browser caps keepalive bodies at 64 KiB.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
      } catch (error) {
        return failure("internal", `The Studio server cannot be reached (${String(error)}). Is it still running?`);
      }
      if (response.status === 401) {
        return failure("unauthorized", "This page is not signed in to the Studio server. Open the address it printed.");
      }
      try {
        return (await response.json()) as InvokeResponse<typeof method>;
      } catch {
        return failure("internal", `The Studio server answered ${response.status} without a JSON body.`);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      if (!socket) connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}

function failure(code: "internal" | "unauthorized", message: string): { ok: false; error: { code: typeof code; message: string } } {
  return { ok: false, error: { code, message } };
}

function parseEvent(data: string): EventMessage | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === "object" && value !== null && typeof (value as { event?: unknown }).event === "string") {
      return value as EventMessage;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
