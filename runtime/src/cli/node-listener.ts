import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequestListener } from "../adapter/node.js";
import type { Vial } from "../app.js";
import { formatRequestLine } from "../request-log.js";

/**
 * The Node adapter's request listener plus one Werkzeug-style log line per finished request
 * (to `log`, `console.log` by default). The log is written here rather than from the `requestFinished`
 * signal because only the socket knows the HTTP version and the status actually sent.
 *
 * @example
 * ```ts
 * http.createServer(loggingListener(app)).listen(5000, "127.0.0.1");
 * ```
 */
export function loggingListener(
  app: Vial,
  log: (line: string) => void = console.log,
): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = createRequestListener(app);
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
    listener(req, res);
  };
}
