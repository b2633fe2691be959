/**
 * Turns the runtime's request signals into request-log messages for the Studio's Requests panel
 * (`requestStarted` / `requestFinished`) and its Problems panel (`gotRequestException`). Runs inside
 * the child process (imported by child/app-child.ts).
 */
import type { ChildMessage, TemplatePosition, UrlMapRow } from "./protocol.js";

/** The part of a Vial app the child relies on. */
export interface VialApp {
  fetch(request: Request): Promise<unknown>;
  listen(opts: { port: number; host: string }): Promise<{ port: number; host: string; close(): Promise<void> }>;
  urlMap?(): UrlMapRow[];
}

/** The part of a Vial request the log reads. */
interface SignalRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The raw body, read by the runtime before the view ran. */
  data?: Uint8Array;
}

/** The part of a Vial response the log reads. */
interface SignalResponse {
  status: number;
  headers: Headers;
  text?: string | undefined;
}

interface Signal<Payload> {
  connect(receiver: (sender: unknown, payload: Payload) => void): () => void;
}

/** The runtime's signals the child subscribes to (exported by `vial`). */
export interface RuntimeModule {
  requestStarted?: Signal<{ request: SignalRequest }>;
  requestFinished?: Signal<{ request: SignalRequest; response: SignalResponse }>;
  gotRequestException?: Signal<{ request: SignalRequest; exception: unknown }>;
}

const bodyLimit = 64 * 1024;

/** The template position a runtime TemplateError carries (`filename`, `templateName`, `lineno`, `column`). */
function templatePosition(exception: unknown): TemplatePosition | undefined {
  const error = exception as { filename?: unknown; templateName?: unknown; lineno?: unknown; column?: unknown } | null;
  if (typeof error !== "object" || error === null || typeof error.lineno !== "number") return undefined;
  return {
    lineno: error.lineno,
    ...(typeof error.filename === "string" ? { filename: error.filename } : {}),
    ...(typeof error.templateName === "string" ? { name: error.templateName } : {}),
    ...(typeof error.column === "number" ? { column: error.column } : {}),
  };
}

function pathOf(request: SignalRequest): string {
  const url = new URL(request.url, "http://app.invalid");
  return url.pathname + url.search;
}

const textual = /text|json|xml|javascript|x-www-form-urlencoded/;

function requestTextOf(request: SignalRequest): string | undefined {
  const data = request.data;
  if (!(data instanceof Uint8Array) || data.length === 0 || data.length > bodyLimit) return undefined;
  return textual.test(request.headers.get("content-type") ?? "") ? new TextDecoder().decode(data) : undefined;
}

function textOf(response: SignalResponse): string | undefined {
  const type = response.headers.get("content-type") ?? "";
  const text = response.text;
  return text !== undefined && text.length <= bodyLimit && textual.test(type) ? text : undefined;
}

/**
 * Subscribes to the runtime's signals and sends one message per request (and per handler exception).
 *
 * @example
 * observeRequests(await import(runtimeUrl), (message) => process.send?.(message));
 */
export function observeRequests(runtime: RuntimeModule, send: (message: ChildMessage) => void): void {
  const startedAt = new WeakMap<SignalRequest, number>();
  runtime.requestStarted?.connect((_app, { request }) => {
    startedAt.set(request, performance.now());
    send({ type: "request-start", method: request.method, path: pathOf(request) });
  });
  runtime.requestFinished?.connect((_app, { request, response }) => {
    const started = startedAt.get(request);
    const requestBody = requestTextOf(request);
    const responseBody = textOf(response);
    send({
      type: "request",
      entry: {
        method: request.method,
        path: pathOf(request),
        status: response.status,
        durationMs: started === undefined ? 0 : Math.round((performance.now() - started) * 100) / 100,
        time: Date.now(),
        requestHeaders: Object.fromEntries(request.headers.entries()),
        responseHeaders: Object.fromEntries(response.headers.entries()),
        ...(requestBody === undefined ? {} : { requestBody }),
        ...(responseBody === undefined ? {} : { responseBody }),
      },
    });
  });
  runtime.gotRequestException?.connect((_app, { exception }) => {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    const template = templatePosition(exception);
    send({
      type: "request-error",
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
      ...(template ? { template } : {}),
    });
  });
}
