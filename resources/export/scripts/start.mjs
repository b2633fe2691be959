// `npm start`: the production server. The primary process forks N workers (node:cluster); each one imports
// the built app (dist/server.js, from `npm run build`) and serves it on the same port, and the primary spreads
// connections over them. Sessions live in signed cookies, so workers share no state.
//   npm start -- [--workers N] [--port N] [--host H]
// Defaults: one worker per CPU ($WEB_CONCURRENCY overrides), port $PORT or 5000, host $HOST or 127.0.0.1.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const builtApp = join(import.meta.dirname, "..", "dist", "server.js");
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message, code = 1) {
  console.error(`Error: ${message}`);
  process.exit(code);
}

function wholeNumber(name, text, min, max) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) fail(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`, 2);
  return value;
}

function settings() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        workers: { type: "string", default: process.env.WEB_CONCURRENCY || String(availableParallelism()) },
        port: { type: "string", default: process.env.PORT || "5000" },
        host: { type: "string", default: process.env.HOST || "127.0.0.1" },
      },
    }));
  } catch (error) {
    fail(`${error.message}\nUsage: npm start -- [--workers N] [--port N] [--host H]`, 2);
  }
  return {
    workers: wholeNumber("--workers", values.workers, 1, 1024),
    port: wholeNumber("--port", values.port, 0, 65535),
    host: values.host,
  };
}

function runPrimary() {
  const { workers, port, host } = settings();
  if (!existsSync(builtApp)) fail("dist/server.js is missing: run `npm run build` first.");
  let shuttingDown = false;
  let listening = 0;
  const started = new Set();
  const fork = () => cluster.fork({ APP_WORKER_PORT: String(port), APP_WORKER_HOST: host });

  cluster.on("listening", (worker, address) => {
    started.add(worker.id);
    listening += 1;
    if (listening === workers) {
      const shown = host.includes(":") ? `[${host}]` : host;
      console.log(` * Running on http://${shown}:${address.port} with ${workers} worker${workers === 1 ? "" : "s"}`);
      console.log("Press CTRL+C to quit");
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    if (shuttingDown) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies before it ever served would die again: stop instead of forking forever.
    if (!started.has(worker.id)) fail(`a worker could not start (exit code ${code ?? signal}); see the error above.`);
    console.error(` * Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  for (let i = 0; i < workers; i++) fork();
}

function isVialApp(value) {
  return typeof value?.handle === "function" && typeof value?.fetch === "function";
}

async function runWorker() {
  process.setSourceMapsEnabled(true);
  const { appModule, createServerFor } = await import(pathToFileURL(builtApp).href);
  const app = isVialApp(appModule.app) ? appModule.app : isVialApp(appModule.default) ? appModule.default : undefined;
  if (!app) fail("the app module exports no Vial app: add `export const app = new Vial({ root: import.meta.dirname });`.");
  // The app's limits (header size and count, request and keep-alive timeouts) come with the server.
  const server = createServerFor(app);
  const port = Number(process.env.APP_WORKER_PORT);
  const host = process.env.APP_WORKER_HOST;
  server.once("error", (error) => {
    if (error.code === "EADDRINUSE") fail(`port ${port} is in use by another program: stop it, or start with another port (--port N or PORT).`);
    if (error.code === "EADDRNOTAVAIL") fail(`cannot listen on ${host}: this machine has no such address (try --host 127.0.0.1).`);
    fail(error.message);
  });
  server.listen(port, host);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (cluster.isPrimary) runPrimary();
else await runWorker();
