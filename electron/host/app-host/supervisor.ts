/**
 * Runs the open project's app in a child process and keeps it running while the user edits: compile
 * with esbuild, start on a fixed 127.0.0.1 port, restart on code changes (keeping the port), leave
 * template and static changes to the runtime's debug reload, and turn every way the user's code can
 * fail into a problem with file:line. The Studio's own process never runs user code.
 */
import { createServer } from "node:net";
import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { AppCompiler, runtimeExports } from "./compile.js";
import { AppProcess, type AppExit } from "./app-process.js";
import { activateInspector, locateLoop } from "./hang-locator.js";
import { nodeForkLauncher, type AppChildLauncher } from "./launcher.js";
import { OutputLog, RequestLog } from "./log.js";
import type { ChildMessage, FaultMessage, UrlMapRow } from "./protocol.js";
import { locateInProject, readableStack, templateLocation } from "./stack.js";
import type { AppProblem, AppStatus, OutputLine, RequestEntry, SourceLocation } from "./types.js";
import { Watchdog } from "./watchdog.js";

export interface SupervisorOptions {
  /** Absolute path of the user's project. */
  projectRoot: string;
  /** The Studio's runtime package folder (`<repo>/runtime`, built to dist/). */
  runtimeDir: string;
  /** The bundled child entry (`<repo>/dist/app-host/app-child.js`). */
  childEntry: string;
  /** Port to use; 0 or absent picks a free one on first start. */
  port?: number;
  host?: string;
  /** No heartbeat for this long means the app's event loop is stuck. */
  hangTimeoutMs?: number;
  /** Longest wait from start to listening before giving up. */
  startTimeoutMs?: number;
  /** Starts the child process; `child_process.fork` unless the shell passes another (Electron's utility process). */
  launcher?: AppChildLauncher;
  /** Serve pages ready for the preview's inspect tool: origin marks on template tags, and its script. */
  inspect?: boolean;
}

export interface SupervisorEvents {
  status: AppStatus;
  output: OutputLine;
  request: RequestEntry;
  problems: AppProblem[];
}

type Listener<E extends keyof SupervisorEvents> = (payload: SupervisorEvents[E]) => void;

type Outcome = { ok: true; port: number } | { ok: false; problem: Omit<AppProblem, "id" | "time">; portTaken: boolean };

const codeFile = /\.(?:[cm]?[jt]sx?)$|(?:^|\/)(?:package|tsconfig)\.json$/;
const ignoredDirs = new Set(["node_modules", ".git", ".vial", "dist"]);
/** Automatic restarts after a hang, within `hangWindowMs`, before the app host waits for a save. */
const maxHangRestarts = 3;
const hangWindowMs = 60_000;
/** Longest wait before forking the spare child when no request comes after a restart. */
const spareDelayMs = 1000;

/**
 * @example
 * const app = new AppSupervisor({ projectRoot, runtimeDir, childEntry });
 * app.on("status", (status) => console.log(status.state, status.url));
 * await app.start();
 * app.fileChanged("app.ts"); // after a save: restarts on the same port
 */
export class AppSupervisor {
  readonly projectRoot: string;
  readonly host: string;
  readonly #opts: Required<Omit<SupervisorOptions, "port" | "host">>;
  readonly #compiler: AppCompiler;
  readonly #runtimeUrl: string;
  readonly #output = new OutputLog();
  readonly #requests = new RequestLog();
  readonly #listeners = new Map<keyof SupervisorEvents, Set<(payload: never) => void>>();
  #problems: AppProblem[] = [];
  #urlMap: UrlMapRow[] = [];
  #problemId = 0;
  #status: AppStatus = { state: "stopped", port: null, url: null, revision: 0, lastRestartMs: null, lastReloadMs: null, error: null };
  #port: number;
  #active: AppProcess | undefined;
  #spare: AppProcess | undefined;
  #activeRequest: string | undefined;
  #cycle: Promise<void> | undefined;
  #dirty = false;
  #keepProblems = false;
  #changedAt: number | undefined;
  #awaitingResponseSince: number | undefined;
  #hangRestarts: number[] = [];
  #spareDue = false;
  #disposed = false;

  constructor(opts: SupervisorOptions) {
    this.projectRoot = opts.projectRoot;
    this.host = opts.host ?? "127.0.0.1";
    this.#port = opts.port ?? 0;
    this.#opts = {
      projectRoot: opts.projectRoot,
      runtimeDir: opts.runtimeDir,
      childEntry: opts.childEntry,
      hangTimeoutMs: opts.hangTimeoutMs ?? 3000,
      startTimeoutMs: opts.startTimeoutMs ?? 20_000,
      launcher: opts.launcher ?? nodeForkLauncher,
      inspect: opts.inspect ?? false,
    };
    this.#compiler = new AppCompiler({ projectRoot: opts.projectRoot, runtimeDir: opts.runtimeDir });
    const main = runtimeExports(opts.runtimeDir).get("vial");
    this.#runtimeUrl = main ?? pathToFileURL(`${opts.runtimeDir}/dist/index.js`).href;
  }

  on<E extends keyof SupervisorEvents>(event: E, listener: Listener<E>): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  status(): AppStatus {
    return { ...this.#status };
  }

  problems(): AppProblem[] {
    return [...this.#problems];
  }

  output(): OutputLine[] {
    return this.#output.lines();
  }

  /** The running app's `app.urlMap()` as it reported it when it started listening; null unless it runs. */
  urlMap(): UrlMapRow[] | null {
    return this.#status.state === "running" ? [...this.#urlMap] : null;
  }

  requests(): RequestEntry[] {
    return this.#requests.entries();
  }

  clearRequests(): void {
    this.#requests.clear();
  }

  /** Starts the app unless it is already running or starting. */
  async start(): Promise<AppStatus> {
    if (this.#status.state === "running" || this.#cycle !== undefined) {
      await this.#cycle;
      return this.status();
    }
    return this.restart();
  }

  /** Compiles and (re)starts the app; concurrent calls coalesce into one more cycle. */
  async restart(): Promise<AppStatus> {
    if (this.#disposed) return this.status();
    this.#dirty = true;
    this.#cycle ??= this.#runCycles().finally(() => (this.#cycle = undefined));
    await this.#cycle;
    return this.status();
  }

  async stop(): Promise<AppStatus> {
    this.#dirty = false;
    await this.#cycle;
    const running = [this.#active, this.#spare];
    this.#active = undefined;
    this.#spare = undefined;
    await Promise.all(running.map((proc) => proc?.kill()));
    this.#setStatus({ state: "stopped", url: null, error: null });
    this.#note("App stopped.");
    return this.status();
  }

  /**
   * Tells the app host a project file was saved (project-relative path). Code restarts the app;
   * templates and static files are reloaded by the runtime itself, so the preview just reloads.
   * Resolves once the change is live.
   */
  async fileChanged(path: string, at = performance.now()): Promise<AppStatus> {
    const rel = path.split(sep).join("/");
    if (rel.split("/").some((part) => ignoredDirs.has(part)) || this.#status.state === "stopped") return this.status();
    if (codeFile.test(rel)) {
      this.#changedAt ??= at;
      return this.restart();
    }
    if (this.#status.state === "running" && this.#status.error === null) {
      this.#awaitingResponseSince ??= at;
      // A template fix may have fixed the failing pages; if not, their next request reports them again.
      if (this.#problems.some((problem) => problem.kind === "request")) {
        this.#problems = this.#problems.filter((problem) => problem.kind !== "request");
        this.#emit("problems", this.problems());
      }
      this.#setStatus({ revision: this.#status.revision + 1 });
    }
    return this.status();
  }

  /** Same as {@link fileChanged} for an absolute path (from a file watcher); paths outside the project are ignored. */
  async fileChangedAt(absolutePath: string, at = performance.now()): Promise<AppStatus> {
    const rel = relative(this.projectRoot, absolutePath);
    return rel.startsWith("..") ? this.status() : this.fileChanged(rel, at);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.#disposed = true;
    this.#listeners.clear();
    await this.#compiler.dispose(true);
  }

  #emit<E extends keyof SupervisorEvents>(event: E, payload: SupervisorEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as Listener<E>)(payload);
  }

  #setStatus(patch: Partial<AppStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.#emit("status", this.status());
  }

  #note(text: string): void {
    this.#emit("output", this.#output.add("studio", text));
  }

  #addProblem(problem: Omit<AppProblem, "id" | "time">): AppProblem {
    const full: AppProblem = { ...problem, id: ++this.#problemId, time: Date.now() };
    // The same failure again (a broken page reloaded) replaces its earlier report instead of piling up.
    const same = (other: AppProblem) =>
      other.kind === full.kind &&
      other.message === full.message &&
      other.location?.file === full.location?.file &&
      other.location?.line === full.location?.line;
    this.#problems = [...this.#problems.filter((other) => !same(other)), full].slice(-100);
    this.#emit("problems", this.problems());
    return full;
  }

  #clearProblems(): void {
    if (this.#problems.length === 0) return;
    this.#problems = [];
    this.#emit("problems", []);
  }

  async #runCycles(): Promise<void> {
    while (this.#dirty && !this.#disposed) {
      this.#dirty = false;
      await this.#launch();
    }
  }

  async #launch(): Promise<void> {
    const savedAt = this.#changedAt;
    const since = savedAt ?? performance.now();
    this.#changedAt = undefined;
    if (this.#keepProblems) this.#keepProblems = false;
    else {
      this.#clearProblems();
      this.#setStatus({ error: null });
    }
    this.#setStatus({ state: "starting" });
    const previous = this.#active;
    this.#active = undefined;
    this.#activeRequest = undefined;
    const [compiled] = await Promise.all([this.#compiler.compile(), previous?.kill()]);
    if (!compiled.ok) {
      const problems = compiled.errors.map((error) =>
        this.#addProblem({
          kind: "compile",
          severity: "error",
          message: error.message,
          ...(error.location ? { location: error.location } : {}),
          ...(error.detail ? { detail: error.detail } : {}),
        }),
      );
      for (const error of compiled.errors) this.#note(`Build failed: ${error.detail ?? error.message}`);
      this.#fail(problems[0] ?? null);
      return;
    }
    if (this.#port === 0) this.#port = await freePort(this.host);
    let outcome = await this.#startChild(compiled.bundlePath);
    if (!outcome.ok && outcome.portTaken) {
      const taken = this.#port;
      this.#port = await freePort(this.host);
      this.#addProblem({
        kind: "port",
        severity: "warning",
        message: `Port ${taken} is already in use by another program, so the app moved to port ${this.#port}.`,
      });
      outcome = await this.#startChild(compiled.bundlePath);
    }
    if (!outcome.ok) {
      this.#fail(this.#addProblem(outcome.problem));
      return;
    }
    const restartMs = Math.round(performance.now() - since);
    this.#awaitingResponseSince = savedAt;
    this.#setStatus({
      state: "running",
      port: outcome.port,
      url: `http://${this.host}:${outcome.port}`,
      revision: this.#status.revision + 1,
      lastRestartMs: restartMs,
    });
    this.#note(`App running at http://${this.host}:${outcome.port} (started in ${restartMs} ms).`);
    // The next restart takes a warm spare; it is forked once the preview's reload was served (or after
    // a second), so its start-up does not compete with that first request for the CPU.
    this.#spareDue = true;
    setTimeout(() => this.#prepareSpare(), spareDelayMs).unref();
  }

  #fail(problem: AppProblem | null): void {
    this.#setStatus({ state: "error", url: null, error: problem });
    if (problem) this.#note(`${problem.message}${problem.location ? ` (${problem.location.file}:${problem.location.line})` : ""}`);
  }

  #prepareSpare(): void {
    if (!this.#spareDue) return;
    this.#spareDue = false;
    if (this.#spare?.alive || this.#disposed || this.#status.state === "stopped") return;
    this.#spare = this.#spawn();
  }

  #spawn(): AppProcess {
    const proc: AppProcess = new AppProcess({
      launcher: this.#opts.launcher,
      childEntry: this.#opts.childEntry,
      cwd: this.projectRoot,
      runtimeUrl: this.#runtimeUrl,
      heartbeatMs: Math.max(20, Math.floor(this.#opts.hangTimeoutMs / 6)),
      inspect: this.#opts.inspect,
      onMessage: (message) => this.#onMessage(proc, message),
      onOutput: (stream, text) => {
        if (proc === this.#active) this.#emit("output", this.#output.add(stream, text));
      },
    });
    return proc;
  }

  #onMessage(proc: AppProcess, message: ChildMessage): void {
    if (proc !== this.#active) return;
    if (message.type === "ready") this.#urlMap = message.urlMap;
    else if (message.type === "request-start") this.#activeRequest = `${message.method} ${message.path}`;
    else if (message.type === "request") {
      this.#activeRequest = undefined;
      if (this.#spareDue) setImmediate(() => this.#prepareSpare());
      this.#emit("request", this.#requests.add(message.entry));
      if (this.#awaitingResponseSince !== undefined) {
        const reloadMs = Math.round(performance.now() - this.#awaitingResponseSince);
        this.#awaitingResponseSince = undefined;
        this.#setStatus({ lastReloadMs: reloadMs });
      }
    } else if (message.type === "request-error") {
      const location = message.template
        ? templateLocation(message.template, this.projectRoot)
        : message.stack
          ? locateInProject(message.stack, this.projectRoot)
          : undefined;
      this.#addProblem({
        kind: "request",
        severity: "error",
        message: message.message,
        ...(location ? { location } : {}),
        ...(message.stack ? { detail: readableStack(message.stack, this.projectRoot) } : {}),
      });
    }
  }

  async #startChild(bundlePath: string): Promise<Outcome> {
    let proc = this.#spare;
    this.#spare = undefined;
    if (proc === undefined || !proc.alive) proc = this.#spawn();
    this.#active = proc;
    let hung = false;
    let loop: SourceLocation | undefined;
    const watchdog = new Watchdog({
      timeoutMs: this.#opts.hangTimeoutMs,
      onStuck: (silentMs) => {
        if (proc !== this.#active) return;
        hung = true;
        this.#note(`The app stopped responding for ${silentMs} ms; killing it.`);
        void this.#findLoop(proc, bundlePath)
          .then((where) => (loop = where))
          .finally(() => void proc.kill());
      },
    });
    proc.onMessage((message) => message.type === "heartbeat" && watchdog.beat());
    void proc.ended.then(() => watchdog.stop());
    if (!(await proc.warm)) {
      return { ok: false, problem: this.#problemFromExit(await proc.ended, false, undefined), portTaken: false };
    }
    // Armed once the runtime is loaded: user code runs only from here on, and a slow boot of Node
    // itself on a busy machine is not an endless loop.
    watchdog.start();
    const started = new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopListening();
        resolve(outcome);
      };
      const stopListening = proc.onMessage((message) => message.type === "ready" && settle({ ok: true, port: message.port }));
      void proc.ended.then((exit) =>
        settle({ ok: false, problem: this.#problemFromExit(exit, hung, loop), portTaken: exit.fault?.kind === "port" }),
      );
      const timer = setTimeout(() => {
        settle({
          ok: false,
          problem: {
            kind: "import",
            severity: "error",
            message: `The app did not start listening within ${this.#opts.startTimeoutMs / 1000} s (is a top-level await waiting forever?).`,
          },
          portTaken: false,
        });
        void proc.kill();
      }, this.#opts.startTimeoutMs);
    });
    proc.start({ type: "start", bundleUrl: pathToFileURL(bundlePath).href, port: this.#port, host: this.host });
    const outcome = await started;
    if (outcome.ok) void proc.ended.then((exit) => this.#onExitAfterStart(proc, exit, hung, loop));
    return outcome;
  }

  #onExitAfterStart(proc: AppProcess, exit: AppExit, hung: boolean, loop: SourceLocation | undefined): void {
    if (proc !== this.#active || (exit.killed && !hung) || this.#disposed) return;
    this.#active = undefined;
    const problem = this.#addProblem(this.#problemFromExit(exit, hung, loop));
    if (!hung) {
      this.#fail(problem);
      return;
    }
    const now = Date.now();
    this.#hangRestarts = [...this.#hangRestarts.filter((at) => now - at < hangWindowMs), now];
    this.#setStatus({ error: problem });
    if (this.#hangRestarts.length > maxHangRestarts) {
      this.#fail(problem);
      this.#note("The app got stuck again and again; it stays stopped until the next save.");
      return;
    }
    this.#keepProblems = true;
    this.#note("Restarting the app after it got stuck.");
    void this.restart();
  }

  #problemFromExit(exit: AppExit, hung: boolean, loop: SourceLocation | undefined): Omit<AppProblem, "id" | "time"> {
    if (hung) {
      const during = this.#activeRequest === undefined ? "while loading" : `while handling ${this.#activeRequest}`;
      const next = this.#activeRequest === undefined ? "Fix it and save to try again." : "It was restarted.";
      return {
        kind: "hang",
        severity: "error",
        message: `The app got stuck ${during}: its event loop did not respond for ${this.#opts.hangTimeoutMs / 1000} s (an endless loop?). ${next}`,
        ...(loop ? { location: loop } : {}),
      };
    }
    if (exit.fault) return this.#problemFromFault(exit.fault);
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? "?"}`;
    return { kind: "exit", severity: "error", message: `The app ${how}. Save a file to start it again.` };
  }

  /** Where the stuck process is looping, when its inspector answers in time. */
  async #findLoop(proc: AppProcess, bundlePath: string): Promise<SourceLocation | undefined> {
    if (!this.#opts.launcher.inspectable) {
      this.#note("The line of the loop is not known: the packaged Studio runs the app without an inspector.");
      return undefined;
    }
    const url = proc.pid !== undefined && activateInspector(proc.pid) ? await proc.inspectorUrl(2000) : undefined;
    return url === undefined ? undefined : locateLoop(url, this.projectRoot, bundlePath);
  }

  #problemFromFault(fault: FaultMessage): Omit<AppProblem, "id" | "time"> {
    const location = fault.stack ? locateInProject(fault.stack, this.projectRoot) : undefined;
    const message =
      fault.kind === "import"
        ? `The app failed while loading: ${fault.message}`
        : fault.kind === "crash"
          ? `The app crashed: ${fault.message}`
          : fault.kind === "exit"
            ? `${fault.message} Save a file to start it again.`
            : fault.message;
    return {
      kind: fault.kind === "listen" ? "exit" : fault.kind,
      severity: "error",
      message,
      ...(location ? { location } : {}),
      ...(fault.stack ? { detail: readableStack(fault.stack, this.projectRoot) } : {}),
    };
  }
}

/** A port nothing listens on right now, chosen by the OS. */
export async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
