import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { formatRequestLine } from "../request-log.js";

/**
 * The part of a Vial app the dev server calls: the web-standard dispatch entry.
 *
 * @example
 * ```ts
 * const fetcher: Fetcher = { fetch: (request, info) => app.fetch(request, info) };
 * ```
 */
export interface Fetcher {
  fetch(request: Request, info?: { remoteAddr?: string }): Promise<Response>;
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? "");
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // Node's fetch needs this to accept a streamed request body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse, isHead: boolean): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body || isHead) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // Stop producing a streamed body when the client goes away.
  res.once("close", () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
    if (res.destroyed) return;
  }
  res.end();
}

/**
 * A `node:http` request listener that dispatches through `app.fetch` and prints one Werkzeug-style log
 * line per request (to `log`, `console.log` by default). Requests Node cannot turn into a web `Request`
 * (a malformed Host header, say) get 400; an error escaping the app gets a bare 500.
 *
 * @example
 * ```ts
 * http.createServer(nodeListener(app)).listen(5000, "127.0.0.1");
 * ```
 */
export function nodeListener(
  app: Fetcher,
  log: (line: string) => void = console.log,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.once("finish", () =>
      log(
        formatRequestLine({
          remoteAddr: req.socket.remoteAddress ?? "-",
          time: new Date(),
          method: req.method ?? "-",
          path: req.url ?? "/",
          protocol: `HTTP/${req.httpVersion}`,
          status: res.statusCode,
        }),
      ),
    );
    let request: Request;
    try {
      request = toRequest(req);
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad Request");
      return;
    }
    const remoteAddr = req.socket.remoteAddress;
    app
      .fetch(request, remoteAddr === undefined ? {} : { remoteAddr })
      .then((response) => writeResponse(response, res, req.method === "HEAD"))
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(res.headersSent ? undefined : "Internal Server Error");
      });
  };
}
