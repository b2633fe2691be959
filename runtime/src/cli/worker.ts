import type { Server } from "node:http";
import type { Socket } from "node:net";
import { loadAppServer } from "./app-server.js";
import type { SupervisorMessage, WorkerMessage } from "./worker-protocol.js";

// A reload worker: loads one build of the app and serves the connections the supervisor hands it. It
// never listens itself, so the supervisor can swap workers without the port ever closing.

const STOP_GRACE_MS = 5000;
const SWEEP_MS = 50;
// The same server as `vial run` without --reload, made once the app is loaded (it carries the app's
// limits); the supervisor hands over connections only after "ready".
let server: Server | undefined;
const sockets = new Set<Socket>();
let stopping = false;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function start(message: Extract<SupervisorMessage, { type: "start" }>): Promise<void> {
  try {
    const loaded = await loadAppServer({ modulePath: message.modulePath, entry: message.entry, debug: message.debug });
    // Under --reload, template edits show on the next request too (Flask ties this to debug mode only).
    loaded.app.config.TEMPLATES_AUTO_RELOAD ??= true;
    server = loaded.server;
    // Node starts the checks behind HEADERS_TIMEOUT and REQUEST_TIMEOUT, and the connection list that
    // closeIdleConnections() walks, when a server emits "listening". This one never listens, so without
    // this a client could send half a request line and hold its connection, and this worker, forever.
    server.emit("listening");
    // Before the app's listener, which may write the whole response at once.
    server.prependListener("request", (_req, res) => {
      if (stopping) res.setHeader("Connection", "close");
    });
    send({ type: "ready" });
  } catch (error) {
    console.error(error);
    send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
}

function accept(socket: Socket): void {
  if (!server) {
    socket.destroy();
    return;
  }
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
  server.emit("connection", socket);
}

// Finish the requests in flight, closing each connection once it is idle; a stuck request does not keep
// the old code alive for long.
function stop(): void {
  stopping = true;
  const sweep = setInterval(() => {
    server?.closeIdleConnections();
    if (sockets.size === 0) process.exit(0);
  }, SWEEP_MS);
  sweep.unref();
  setTimeout(() => process.exit(0), STOP_GRACE_MS);
}

process.on("message", (message: SupervisorMessage, handle: unknown) => {
  if (message.type === "start") void start(message);
  else if (message.type === "connection" && handle) accept(handle as Socket);
  else if (message.type === "stop") stop();
});
// The supervisor is gone (killed, crashed): do not outlive it.
process.on("disconnect", () => process.exit(0));
// Ctrl+C reaches the whole process group; the supervisor answers it by stopping this worker gracefully.
process.on("SIGINT", () => undefined);
