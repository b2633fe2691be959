/**
 * One forked child process that runs (or is ready to run) the user's app: its messages, its last
 * words, its output lines and how it ended, gathered in one place for the supervisor.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { readLines } from "./log.js";
import {
  heartbeatEnv,
  lastWordsFd,
  runtimeUrlEnv,
  type ChildMessage,
  type FaultMessage,
  type StartMessage,
} from "./protocol.js";

export interface AppProcessOptions {
  childEntry: string;
  cwd: string;
  runtimeUrl: string;
  heartbeatMs: number;
  onMessage: (message: ChildMessage) => void;
  onOutput: (stream: "stdout" | "stderr", text: string) => void;
}

/** What Node prints on stderr when its inspector turns on (kept out of the app's output). */
const inspectorLine = /^Debugger listening on (ws:\/\/\S+)$/;
const inspectorNotes = new Set(["For help, see: https://nodejs.org/en/docs/inspector", "Debugger attached."]);

/** How the process ended: the fault it reported, else its exit code or signal. */
export interface AppExit {
  fault: FaultMessage | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The supervisor killed it (restart, stop, watchdog). */
  killed: boolean;
}

export class AppProcess {
  readonly child: ChildProcess;
  /** Resolves once the runtime is loaded (true), or false if the process died first. */
  readonly warm: Promise<boolean>;
  /** Resolves once the process is gone and its output is fully read. */
  readonly ended: Promise<AppExit>;
  #fault: FaultMessage | undefined;
  #killed = false;
  #inspector: string | undefined;
  #onInspector: (url: string) => void = () => undefined;

  /**
   * @example
   * const proc = new AppProcess({ childEntry, cwd, runtimeUrl, heartbeatMs: 250, onMessage, onOutput });
   * await proc.warm;
   * proc.start({ type: "start", bundleUrl, port, host: "127.0.0.1" });
   */
  constructor(opts: AppProcessOptions) {
    this.child = fork(opts.childEntry, [], {
      cwd: opts.cwd,
      // Not the Studio's own flags (an --inspect port would clash, for one). The inspector stays off
      // until the hang locator turns it on, and then takes a free port.
      execArgv: ["--inspect-port=0"],
      env: {
        ...process.env,
        VIAL_DEBUG: "1",
        NODE_ENV: "development",
        [runtimeUrlEnv]: opts.runtimeUrl,
        [heartbeatEnv]: String(opts.heartbeatMs),
      },
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
    });
    const { stdout, stderr } = this.child;
    if (stdout) readLines(stdout, (text) => opts.onOutput("stdout", text));
    if (stderr) {
      readLines(stderr, (text) => {
        const inspector = inspectorLine.exec(text);
        if (inspector?.[1]) {
          this.#inspector = inspector[1];
          this.#onInspector(inspector[1]);
        }
        if (inspector === null && !inspectorNotes.has(text) && !text.startsWith("Debugger ending on ")) opts.onOutput("stderr", text);
      });
    }
    const lastWords = this.child.stdio[lastWordsFd] as Readable | null | undefined;
    if (lastWords) {
      readLines(lastWords, (text) => {
        const message = parseFault(text);
        if (message !== undefined) this.#fault ??= message;
      });
    }
    this.child.on("message", (message: ChildMessage) => {
      if (message.type === "fault") this.#fault ??= message;
      opts.onMessage(message);
    });
    this.warm = new Promise((resolve) => {
      this.child.on("message", (message: ChildMessage) => message.type === "warm" && resolve(true));
      this.child.once("exit", () => resolve(false));
    });
    this.ended = new Promise((resolve) => {
      this.child.once("close", (code, signal) => resolve({ fault: this.#fault, code, signal, killed: this.#killed }));
      this.child.once("error", () => resolve({ fault: this.#fault, code: null, signal: null, killed: this.#killed }));
    });
  }

  /** The inspector's WebSocket URL once it was turned on, or undefined after `timeoutMs`. */
  inspectorUrl(timeoutMs: number): Promise<string | undefined> {
    if (this.#inspector !== undefined) return Promise.resolve(this.#inspector);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.#onInspector = (url) => {
        clearTimeout(timer);
        resolve(url);
      };
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  start(message: StartMessage): void {
    this.child.send(message);
  }

  /** Kills at once (a dev server holds nothing worth a graceful shutdown) and waits until the port is free. */
  async kill(): Promise<void> {
    this.#killed = true;
    if (this.alive) this.child.kill("SIGKILL");
    await new Promise<void>((resolve) => {
      if (!this.alive) resolve();
      else this.child.once("exit", () => resolve());
    });
  }
}

function parseFault(text: string): FaultMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<FaultMessage>;
    return value.type === "fault" ? (value as FaultMessage) : undefined;
  } catch {
    return undefined;
  }
}
