import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Vial } from "../app.js";
import { BadRequest, HTTPException, RequestEntityTooLarge } from "../exceptions.js";
import { checkContentLength, type RequestSource } from "../request.js";
import type { Response } from "../response.js";

export { nodeFileReader } from "./node-files.js";

/**
 * Where `listen` binds: port 0 picks a free port; the host defaults to 127.0.0.1 (never all interfaces
 * unless asked).
 *
 * @example
 * ```ts
 * const opts: ListenOptions = { port: 5000, host: "127.0.0.1" };
 * ```
 */
export interface ListenOptions {
  port?: number;
  host?: string;
}

/**
 * A running server: where it listens and how to stop it (open keep-alive connections are closed too).
 *
 * @example
 * ```ts
 * const server = await serve(app, { port: 0 });
 * await fetch(server.url);
 * await server.close();
 * ```
 */
export interface ListeningServer {
  readonly port: number;
  readonly host: string;
  /** `http://host:port` */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

// The request as Node delivered it; web `Request`/`Headers` are only built when user code asks.
class NodeRequestSource implements RequestSource {
  consumed = false;
  #headers: Headers | undefined;
  #hasBody: boolean | undefined;

  constructor(readonly req: IncomingMessage) {}

  get method(): string {
    return this.req.method ?? "GET";
  }

  get target(): string {
    return this.req.url ?? "/";
  }

  get scheme(): string {
    return (this.req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  }

  get remoteAddr(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  headers(): Headers {
    if (this.#headers === undefined) {
      const headers = new Headers();
      const raw = this.req.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        try {
          headers.append(raw[i] as string, raw[i + 1] as string);
        } catch {
          // Node accepts some bytes the Headers class rejects; such a header is left out rather than failing the request.
        }
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  // Asked twice per request (before the view, and when sending, to see if an unread body remains).
  hasBody(): boolean {
    if (this.#hasBody === undefined) {
      const h = this.req.headers;
      this.#hasBody = (h["content-length"] !== undefined && h["content-length"] !== "0") || h["transfer-encoding"] !== undefined;
    }
    return this.#hasBody;
  }

  // Listeners rather than the stream's async iterator: a small body arrives with the headers, and one
  // promise is all it needs (the iterator makes several per chunk).
  readBody(limit: number | undefined): Promise<Uint8Array> {
    try {
      checkContentLength(this.req.headers["content-length"], limit);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const req = this.req;
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      const finish = (error: Error | undefined): void => {
        req.off("data", onData).off("end", onEnd).off("error", finish).off("close", onClose);
        if (error !== undefined) {
          // The rest is not read: the response closes the connection instead.
          req.pause();
          reject(error);
          return;
        }
        this.consumed = true;
        resolve(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size));
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.byteLength;
        if (limit !== undefined && limit !== null && size > limit) finish(new RequestEntityTooLarge());
        else parts.push(chunk);
      };
      const onEnd = (): void => finish(undefined);
      const onClose = (): void => finish(new Error("The client closed the connection before sending the whole request body."));
      req.on("data", onData).on("end", onEnd).on("error", finish).on("close", onClose);
    });
  }

  webRequest(body: Uint8Array | undefined): globalThis.Request {
    const url = `${this.scheme}://${this.req.headers.host ?? "localhost"}${this.target}`;
    const method = this.method;
    const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
    try {
      return new globalThis.Request(url, { method, headers: this.headers(), body: withBody ? (body as Uint8Array<ArrayBuffer>) : undefined });
    } catch {
      // Node passes any Host header through; one that makes no URL (`a@b`, `Ð27.0.0.1`) is the client's fault.
      throw new BadRequest("The Host header or the request target does not form a valid URL.");
    }
  }
}

function noBodyStatus(status: number): boolean {
  return status === 204 || status === 304;
}

function reportFailure(app: Vial, res: ServerResponse, error: unknown): void {
  app.logger.error("Vial could not send a response:", error);
  if (res.headersSent) res.destroy();
  else {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end("Internal Server Error");
  }
}

async function streamBody(res: ServerResponse, body: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void> {
  const iterator = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  try {
    for (;;) {
      if (res.destroyed) return;
      const { value, done } = await iterator.next();
      if (done) break;
      if (!res.write(value)) await Promise.race([once(res, "drain"), once(res, "close")]);
    }
    res.end();
  } finally {
    if (res.destroyed) await iterator.return?.();
  }
}

function send(app: Vial, res: ServerResponse, response: Response, source: NodeRequestSource): void {
  const head = source.method === "HEAD";
  const body = response.body;
  // Unread request bodies (a 413 before reading, a view that ignored the body) are not drained: the
  // connection closes instead of reading what the client is still sending.
  const close = source.hasBody() && !source.consumed;
  if (!response.hasCustomHeaders && typeof body === "string" && !close) {
    // A flat list of names and values: Node reads it by index instead of walking an object's keys.
    res.writeHead(response.status, ["content-type", response.contentType ?? "", "content-length", Buffer.byteLength(body)]);
    res.end(head || noBodyStatus(response.status) ? undefined : body);
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headerList()) res.appendHeader(name, value);
  if (close) res.setHeader("connection", "close");
  if (body === null || head || noBodyStatus(response.status)) {
    if (typeof body === "string" && !res.hasHeader("content-length")) res.setHeader("content-length", Buffer.byteLength(body));
    if (body instanceof ReadableStream) body.cancel().catch(() => undefined);
    res.end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    if (!res.hasHeader("content-length")) res.setHeader("content-length", typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    res.end(body);
    return;
  }
  const chunks = body instanceof ReadableStream ? (body as unknown as AsyncIterable<Uint8Array>) : body;
  streamBody(res, chunks).catch((error: unknown) => reportFailure(app, res, error));
}

// A request refused before the app sees it; the connection closes since the rest of it was not read.
function refuse(res: ServerResponse, source: NodeRequestSource, code: number): void {
  const response = new HTTPException(code).getResponse(source.header("accept"));
  res.writeHead(code, { "content-type": response.contentType ?? "text/html; charset=utf-8", connection: "close" });
  res.end(response.body as string);
}

/**
 * A `node:http` request listener for an app, for mounting Vial in your own server.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * createServer(createRequestListener(app)).listen(5000, "127.0.0.1");
 * ```
 */
export function createRequestListener(app: Vial): (req: IncomingMessage, res: ServerResponse) => void {
  // Read once: the limits are server settings, and the hot path stays free of config lookups.
  const maxUrl = app.config.MAX_URL_LENGTH;
  const maxHeaderFields = app.config.MAX_HEADER_COUNT * 2;
  return (req, res) => {
    const source = new NodeRequestSource(req);
    if ((req.url as string).length > maxUrl || req.rawHeaders.length > maxHeaderFields) {
      refuse(res, source, req.rawHeaders.length > maxHeaderFields ? 431 : 414);
      return;
    }
    try {
      const out = app.handle(source);
      if (out instanceof Promise) out.then((response) => send(app, res, response, source)).catch((error: unknown) => reportFailure(app, res, error));
      else send(app, res, out, source);
    } catch (error) {
      reportFailure(app, res, error);
    }
  };
}

/**
 * Serves an app with `node:http` (what `app.listen` uses).
 *
 * @example
 * ```ts
 * const server = await serve(app, { port: 0, host: "127.0.0.1" });
 * console.log(server.url);
 * ```
 */
export async function serve(app: Vial, options: ListenOptions = {}): Promise<ListeningServer> {
  const server = createServerFor(app);
  server.listen(options.port ?? 5000, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    port: address.port,
    host: address.address,
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const CONNECT_MESSAGE = "CONNECT is not supported by this server.";
const CONNECT_REFUSED = `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${CONNECT_MESSAGE.length}\r\nConnection: close\r\n\r\n${CONNECT_MESSAGE}`;

const NO_SECRET_KEY =
  "WARNING: app.config.SECRET_KEY is not set. Sessions and flash() will fail with an error the first time a request writes to them. Set a long random SECRET_KEY (for example from the VIAL_SECRET_KEY environment variable with app.config.fromEnv()).";

/**
 * A `node:http` server for an app with Vial's limits applied from `app.config` (read now, so set them
 * before listening): MAX_HEADER_SIZE and MAX_HEADER_COUNT (431), MAX_URL_LENGTH (414), HEADERS_TIMEOUT
 * and REQUEST_TIMEOUT (slow clients get 408 and are dropped while others are served), KEEP_ALIVE_TIMEOUT.
 * Outside debug and testing mode it warns when SECRET_KEY is missing. `serve` and `app.listen` use it.
 *
 * @example
 * ```ts
 * app.config.HEADERS_TIMEOUT = 5;
 * createServerFor(app).listen(5000, "127.0.0.1");
 * ```
 */
export function createServerFor(app: Vial, listener: (req: IncomingMessage, res: ServerResponse) => void = createRequestListener(app)): Server {
  const config = app.config;
  const requestTimeout = seconds(config.REQUEST_TIMEOUT);
  const headersTimeout = Math.min(seconds(config.HEADERS_TIMEOUT), requestTimeout);
  const server = createServer(
    {
      maxHeaderSize: config.MAX_HEADER_SIZE,
      requestTimeout,
      headersTimeout,
      // Node only looks for expired requests this often (30 s by default), which would let a slow client hold on far past its timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, headersTimeout / 4)),
    },
    listener,
  );
  // One over the limit, so the listener can tell "exactly the limit" from "more were cut off".
  server.maxHeadersCount = config.MAX_HEADER_COUNT + 1;
  server.keepAliveTimeout = seconds(config.KEEP_ALIVE_TIMEOUT);
  // A client that half-closes after sending (HTTP/1.0 style, `nc -N`) still gets its answers: by default
  // Node aborts every request still pending when the client's side ends, so async views answered nothing.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // Node hands CONNECT to this event and, with no listener, drops the connection without an answer.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.on("error", () => undefined);
    socket.end(CONNECT_REFUSED);
  });
  if (!config.SECRET_KEY && !config.DEBUG && !config.TESTING) app.logger.warn(NO_SECRET_KEY);
  return server;
}

function seconds(value: number): number {
  return Math.max(1, Math.round(value * 1000));
}
