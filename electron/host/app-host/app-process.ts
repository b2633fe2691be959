/**
 * One child process that runs (or is ready to run) the user's app: its messages, its last words,
 * its output lines and how it ended, gathered in one place for the supervisor.
 */
import type { AppChild, AppChildLauncher } from "./launcher.js";
import { readLines } from "./log.js";
import {
  heartbeatEnv,
  inspectEnv,
  lastWordsPrefix,
  runtimeUrlEnv,
  type ChildMessage,
  type FaultMessage,
  type StartMessage,
} from "./protocol.js";

export interface AppProcessOptions {
  launcher: AppChildLauncher;
  childEntry: string;
  cwd: string;
  runtimeUrl: string;
  heartbeatMs: number;
  /** Ask the runtime for origin marks and add the inspector to pages (see inspector.ts). */
  inspect: boolean;
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
  readonly child: AppChild;
  /** Resolves once the runtime is loaded (true), or false if the process died first. */
  readonly warm: Promise<boolean>;
  /** Resolves once the process is gone and its output is fully read. */
  readonly ended: Promise<AppExit>;
  #fault: FaultMessage | undefined;
  #killed = false;
  #exited = false;
  #inspector: string | undefined;
  #onInspector: (url: string) => void = () => undefined;

  /**
   * @example
   * const proc = new AppProcess({ launcher: nodeForkLauncher, childEntry, cwd, runtimeUrl, heartbeatMs: 250, inspect: true, onMessage, onOutput });
   * await proc.warm;
   * proc.start({ type: "start", bundleUrl, port, host: "127.0.0.1" });
   */
  constructor(opts: AppProcessOptions) {
    this.child = opts.launcher.launch({
      entry: opts.childEntry,
      cwd: opts.cwd,
      env: {
        ...process.env,
        VIAL_DEBUG: "1",
        NODE_ENV: "development",
        [runtimeUrlEnv]: opts.runtimeUrl,
        [heartbeatEnv]: String(opts.heartbeatMs),
        ...(opts.inspect ? { [inspectEnv]: "1" } : {}),
      },
    });
    const { stdout, stderr, lastWords } = this.child;
    const noteFault = (text: string) => {
      const message = parseFault(text);
      if (message !== undefined) this.#fault ??= message;
    };
    if (stdout) readLines(stdout, (text) => opts.onOutput("stdout", text));
    if (stderr) {
      readLines(stderr, (line) => {
        // Where the child has no last-words pipe it writes them to stderr behind a marker.
        const marker = line.indexOf(lastWordsPrefix);
        const text = marker === -1 ? line : line.slice(0, marker);
        if (marker !== -1) noteFault(line.slice(marker + lastWordsPrefix.length));
        const inspector = inspectorLine.exec(text);
        if (inspector?.[1]) {
          this.#inspector = inspector[1];
          this.#onInspector(inspector[1]);
        }
        const quiet = inspector !== null || inspectorNotes.has(text) || text.startsWith("Debugger ending on ") || (marker !== -1 && text === "");
        if (!quiet) opts.onOutput("stderr", text);
      });
    }
    if (lastWords) readLines(lastWords, noteFault);
    this.child.onMessage((message) => {
      if (message.type === "fault") this.#fault ??= message;
      opts.onMessage(message);
    });
    void this.child.exited.then(() => (this.#exited = true));
    this.warm = new Promise((resolve) => {
      this.child.onMessage((message) => message.type === "warm" && resolve(true));
      void this.child.exited.then(() => resolve(false));
    });
    this.ended = this.child.closed.then(({ code, signal }) => ({ fault: this.#fault, code, signal, killed: this.#killed }));
  }

  /** Listens to the child's messages; returns the function that stops listening. */
  onMessage(listener: (message: ChildMessage) => void): () => void {
    return this.child.onMessage(listener);
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
    return !this.#exited;
  }

  start(message: StartMessage): void {
    this.child.send(message);
  }

  /** Kills at once (a dev server holds nothing worth a graceful shutdown) and waits until the port is free. */
  async kill(): Promise<void> {
    this.#killed = true;
    if (this.alive) this.child.kill();
    await this.child.exited;
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
