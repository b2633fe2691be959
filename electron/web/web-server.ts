/**
 * Browser mode's HTTP + WebSocket server (the wire protocol in notes/interfaces.md): the same
 * dispatch as Electron's IPC, on 127.0.0.1 only, behind the Host/Origin checks and a per-launch token.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { InvokeResponse } from "../api/contract.js";
import { isRecord } from "../api/validate.js";
import type { Dispatch } from "../host/dispatch.js";
import type { HostEvents } from "../host/events.js";
import { checkAddress, checkToken, isToken, tokenCookie, tokenRefusal, type GuardVerdict } from "./guard.js";
import { securityHeaders, serveRenderer } from "./renderer-files.js";

/** The largest `POST /api/invoke` body: a file of up to 10 MB, JSON-escaped, fits. */
export const maxBodyBytes = 32 * 1024 * 1024;

export interface WebServerOptions {
  dispatch: Dispatch;
  events: HostEvents;
  rendererDir: string;
  /** 0 (the default) asks the OS for a free port. */
  port?: number;
  /** Defaults to 24 random bytes, base64url. */
  token?: string;
}

/** A running browser-mode server. */
export interface WebServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/?token=TOKEN`: the address to open. */
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client gets its 413 instead of a reset.
      if (size <= maxBodyBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on("end", () => (size > maxBodyBytes ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
  });
  response.end(text);
}

function sendRefusal(response: ServerResponse, verdict: Exclude<GuardVerdict, { ok: true }>, api: boolean): void {
  if (api) {
    const code = verdict.status === 401 ? "unauthorized" : "bad-request";
    sendJson(response, verdict.status, { ok: false, error: { code, message: verdict.message } } satisfies InvokeResponse);
    return;
  }
  response.writeHead(verdict.status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  response.end(`${verdict.message}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Starts the server on 127.0.0.1.
 *
 * @example
 * const server = await startWebServer({ dispatch, events, rendererDir: "/work/main/dist/renderer" });
 * console.log(`Vial Studio is ready at ${server.url}`);
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  let port = options.port ?? 0;

  const handleInvoke = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== "POST") {
      response.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    if (!(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
      sendJson(response, 415, { ok: false, error: { code: "bad-request", message: "Send the request as application/json." } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(response, 413, { ok: false, error: { code: "bad-request", message: `The request is larger than ${maxBodyBytes} bytes.` } });
        return;
      }
      sendJson(response, 400, { ok: false, error: { code: "bad-request", message: "The body is not valid JSON." } });
      return;
    }
    if (!isRecord(body) || typeof body.method !== "string") {
      sendJson(response, 400, { ok: false, error: { code: "bad-request", message: 'Send { "method": string, "request": object }.' } });
      return;
    }
    sendJson(response, 200, await options.dispatch(body.method, body.request));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(securityHeaders(port))) response.setHeader(name, value);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const api = url.pathname.startsWith("/api/");
    const address = checkAddress(request.headers, port);
    if (!address.ok) return sendRefusal(response, address, api);

    const given = url.searchParams.get("token");
    if (given !== null && !api) {
      if (!isToken(given, token)) return sendRefusal(response, tokenRefusal, false);
      url.searchParams.delete("token");
      response.writeHead(302, {
        "Set-Cookie": `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        "Cache-Control": "no-store",
      });
      response.end();
      return;
    }
    const authorised = checkToken(request.headers, token);
    if (!authorised.ok) return sendRefusal(response, authorised, api);

    if (url.pathname === "/api/invoke") return handleInvoke(request, response);
    if (api) return sendJson(response, 404, { ok: false, error: { code: "not-found", message: `No API at ${url.pathname}.` } });
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    await serveRenderer(request, response, options.rendererDir, url.pathname);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error("vial-studio: request failed:", error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: "internal", message: "The Studio server failed." } });
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const address = checkAddress(request.headers, port);
    if (!address.ok) return refuseUpgrade(socket, 403, "Forbidden");
    if (!checkToken(request.headers, token).ok) return refuseUpgrade(socket, 401, "Unauthorized");
    if (url.pathname !== "/api/events") return refuseUpgrade(socket, 404, "Not Found");
    sockets.handleUpgrade(request, socket, head, (client: WebSocket) => {
      const stop = options.events.subscribe((message) => {
        if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
      });
      client.on("close", stop);
      client.on("error", stop);
      // The client has nothing to say on this channel: its frames are ignored.
      client.on("message", () => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
