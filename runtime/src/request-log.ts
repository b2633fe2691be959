import { requestFinished } from "./signals.js";

/**
 * What one request-log line says about a finished request.
 *
 * @example
 * ```ts
 * const entry: RequestLogEntry = { remoteAddr: "127.0.0.1", time: new Date(), method: "GET", path: "/", protocol: "HTTP/1.1", status: 200 };
 * ```
 */
export interface RequestLogEntry {
  remoteAddr: string;
  time: Date;
  method: string;
  /** The path with its query string, as the client sent it. */
  path: string;
  protocol: string;
  status: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Formats the time the way Werkzeug's dev server does, in local time: `26/Nov/2026 12:00:00`.
 *
 * @example
 * ```ts
 * formatLogTime(new Date(2026, 10, 26, 12, 0, 0)); // "26/Nov/2026 12:00:00"
 * ```
 */
export function formatLogTime(time: Date): string {
  return `${two(time.getDate())}/${MONTHS[time.getMonth()]}/${time.getFullYear()} ${two(time.getHours())}:${two(
    time.getMinutes(),
  )}:${two(time.getSeconds())}`;
}

/**
 * One log line per request, as Werkzeug prints it:
 * `127.0.0.1 - - [26/Nov/2026 12:00:00] "GET / HTTP/1.1" 200 -`. Control characters in the request line
 * are escaped, so a crafted URL cannot forge extra log lines.
 *
 * @example
 * ```ts
 * formatRequestLine({ remoteAddr: "127.0.0.1", time, method: "GET", path: "/?q=1", protocol: "HTTP/1.1", status: 200 });
 * // '127.0.0.1 - - [26/Nov/2026 12:00:00] "GET /?q=1 HTTP/1.1" 200 -'
 * ```
 */
export function formatRequestLine(entry: RequestLogEntry): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const requestLine = `${entry.method} ${entry.path} ${entry.protocol}`.replace(/[\u0000-\u001f\u007f"\\]/g, (c) =>
    c === '"' || c === "\\" ? "\\" + c : "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"),
  );
  return `${entry.remoteAddr} - - [${formatLogTime(entry.time)}] "${requestLine}" ${entry.status} -`;
}

/**
 * Prints one {@link formatRequestLine} line per request handled by any Vial app in this process, from the
 * `requestFinished` signal; returns the function that stops it. The protocol is not known at that level,
 * so it says HTTP/1.1. (`vial run` logs from its HTTP server instead, where the protocol is known.)
 *
 * @example
 * ```ts
 * const stop = logRequests();
 * await app.listen({ port: 5000 });
 * ```
 */
export function logRequests(log: (line: string) => void = console.log): () => void {
  return requestFinished.connect((_app, { request, response }) => {
    const query = request.queryString;
    log(
      formatRequestLine({
        remoteAddr: request.remoteAddr ?? "-",
        time: new Date(),
        method: request.method,
        path: query === "" ? request.rawPath : `${request.rawPath}?${query}`,
        protocol: "HTTP/1.1",
        status: response.status,
      }),
    );
  });
}
