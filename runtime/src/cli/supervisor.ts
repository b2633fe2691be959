import { fork, type ChildProcess } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import chokidar from "chokidar";
import { escapeHtml } from "../debug-page.js";
import { BuildError, buildApp, removeOldBuilds, type BuiltApp } from "./build.js";
import type { SupervisorMessage, WorkerMessage } from "./worker-protocol.js";

/**
 * Options of {@link superviseWithReload}.
 *
 * @example
 * ```ts
 * const opts: ReloadOptions = { entry: "/p/app.ts", projectRoot: "/p", host: "127.0.0.1", port: 5000, debug: true };
 * ```
 */
export interface ReloadOptions {
  entry: string;
  projectRoot: string;
  host: string;
  port: number;
  debug: boolean;
  log?: (line: string) => void;
}

/**
 * A running reload supervisor.
 *
 * @example
 * ```ts
 * const dev = await superviseWithReload(opts);
 * console.log(dev.port);
 * await dev.close();
 * ```
 */
export interface Supervisor {
  port: number;
  close(): Promise<void>;
}

interface Worker {
  child: ChildProcess;
  build: BuiltApp;
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;
const IGNORED = /(?:^|[/\\])(?:node_modules|\.git|\.vial|static|templates|dist)(?:[/\\]|$)/;
const DEBOUNCE_MS = 60;
const LOAD_TIMEOUT_MS = 20_000;
const WORKER_SCRIPT = fileURLToPath(new URL("./worker.js", import.meta.url));

function startWorker(build: BuiltApp, opts: ReloadOptions): Promise<Worker> {
  const child = fork(WORKER_SCRIPT, [], {
    cwd: opts.projectRoot,
    execArgv: ["--enable-source-maps"],
    env: { ...process.env, ...(opts.debug ? { VIAL_DEBUG: "1" } : {}) },
    stdio: "inherit",
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => {
      clearTimeout(timeout);
      reject(new Error(`the app process exited (code ${code}) while loading`));
    };
    // An app whose top-level code never finishes (an endless loop, an await that never settles) must not
    // block every later reload.
    const timeout = setTimeout(() => {
      child.off("exit", onExit);
      child.kill("SIGKILL");
      reject(new Error(`the app did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s (an endless loop or a hung await at the top level?)`));
    }, LOAD_TIMEOUT_MS);
    child.once("exit", onExit);
    child.on("message", (message: WorkerMessage) => {
      clearTimeout(timeout);
      child.off("exit", onExit);
      if (message.type === "ready") resolve({ child, build });
      else {
        child.kill();
        reject(new Error(message.message));
      }
    });
    const start: SupervisorMessage = { type: "start", modulePath: build.outfile, entry: opts.entry, debug: opts.debug };
    child.send(start);
  });
}

function stopWorker(worker: Worker): void {
  const stop: SupervisorMessage = { type: "stop" };
  if (worker.child.connected) worker.child.send(stop);
}

function problemPage(problem: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The app cannot start</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:24px auto;padding:0 24px}
pre{background:#fef3f2;border-left:4px solid #b42318;padding:12px;white-space:pre-wrap}</style></head>
<body><h1>The app cannot start</h1><pre>${escapeHtml(problem)}</pre>
<p>Fix the code and save: the server reloads by itself.</p></body></html>`;
}

/**
 * `vial run --reload`: one process owns the listening socket and hands each accepted connection to a
 * worker process running the latest good build (the way Node's cluster round-robin mode does). When a
 * project source file changes it rebuilds, starts a new worker, switches new connections to it once it has
 * loaded, and only then lets the old one finish its requests and exit: no connection is ever refused.
 * A compile or load error is printed with file:line and the last good worker keeps serving; with no good
 * worker yet, requests get a 500 page that says what is broken. Templates and static files are read
 * per request, so their changes need no reload.
 *
 * @example
 * ```ts
 * const dev = await superviseWithReload({ entry: "/p/app.ts", projectRoot: "/p", host: "127.0.0.1", port: 5000, debug: true });
 * ```
 */
export async function superviseWithReload(opts: ReloadOptions): Promise<Supervisor> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let current: Worker | undefined;
  let problem: string | undefined;
  let waiting: Socket[] = [];
  let reloading = false;
  let changedAgain = false;
  let closed = false;

  const problemServer = createHttpServer((_req, res) => {
    res.writeHead(500, { "Content-Type": "text/html; charset=utf-8", Connection: "close" });
    res.end(problemPage(problem ?? "The app is not running."));
  });

  function dispatch(socket: Socket): void {
    if (current) {
      const message: SupervisorMessage = { type: "connection" };
      const worker = current;
      worker.child.send(message, socket, (error) => {
        if (error) serveProblem(socket);
      });
    } else if (problem === undefined) {
      waiting.push(socket);
    } else {
      serveProblem(socket);
    }
  }

  function serveProblem(socket: Socket): void {
    if (socket.destroyed) return;
    problemServer.emit("connection", socket);
    socket.resume();
  }

  function flushWaiting(): void {
    const sockets = waiting;
    waiting = [];
    for (const socket of sockets) dispatch(socket);
  }

  function report(error: unknown): void {
    if (error instanceof BuildError) {
      problem = error.message + "\n\n" + error.details;
      log(` * Cannot compile the app:\n${error.message}\n${error.details.trimEnd()}`);
    } else {
      problem = error instanceof Error ? error.message : String(error);
      log(` * Cannot load the app: ${problem}`);
    }
    if (current) log(" * Still serving the last version that worked.");
  }

  async function reload(reason: string | undefined): Promise<void> {
    if (reloading) {
      changedAgain = true;
      return;
    }
    reloading = true;
    const started = performance.now();
    try {
      const build = await buildApp({ entry: opts.entry, projectRoot: opts.projectRoot });
      if (current && build.code === current.build.code) {
        // A save that changes nothing the app runs (or undoes a broken edit) keeps the running worker.
        problem = undefined;
        await removeOldBuilds(opts.projectRoot, [current.build.outfile]);
        return;
      }
      const next = await startWorker(build, opts);
      if (closed) {
        stopWorker(next);
        return;
      }
      const previous = current;
      current = next;
      problem = undefined;
      watchWorker(next);
      flushWaiting();
      if (previous) stopWorker(previous);
      if (reason !== undefined) log(` * Reloaded in ${Math.round(performance.now() - started)} ms (${reason} changed)`);
      await removeOldBuilds(opts.projectRoot, [next.build.outfile]);
    } catch (error) {
      report(error);
      if (!current) flushWaiting();
    } finally {
      reloading = false;
      if (changedAgain && !closed) {
        changedAgain = false;
        void reload(reason);
      }
    }
  }

  function watchWorker(worker: Worker): void {
    worker.child.once("exit", (code, signal) => {
      if (current !== worker || closed) return;
      current = undefined;
      problem = `The app process stopped (${signal ?? `exit code ${code}`}). Save a file to start it again.`;
      log(` * ${problem}`);
    });
  }

  const server: Server = createServer({ pauseOnConnect: true }, dispatch);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;

  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const watcher = chokidar.watch(opts.projectRoot, {
    ignored: (path: string) => IGNORED.test(relative(opts.projectRoot, path)),
    ignoreInitial: true,
  });
  watcher.on("all", (_event, path) => {
    if (!SOURCE_FILE.test(path)) return;
    changed.add(relative(opts.projectRoot, path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const reason = [...changed].join(", ");
      changed.clear();
      log(` * Detected change in ${reason}, reloading`);
      void reload(reason);
    }, DEBOUNCE_MS);
  });
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  await reload(undefined);

  return {
    port,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of waiting) socket.destroy();
      const worker = current;
      current = undefined;
      if (worker) {
        const exited = new Promise<void>((resolve) => worker.child.once("exit", () => resolve()));
        stopWorker(worker);
        await exited;
      }
      problemServer.close();
      await removeOldBuilds(opts.projectRoot, []);
    },
  };
}
