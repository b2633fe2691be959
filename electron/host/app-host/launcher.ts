/**
 * How the app host starts the child process that runs the user's app. The supervisor only sees an
 * {@link AppChild}; who launches it is a seam: a Node `child_process.fork` here (browser mode, tests),
 * Electron's `utilityProcess.fork` in the packaged Studio (electron/main/utility-launcher.ts), where
 * the `runAsNode` fuse is off and `child_process.fork` of the Electron binary cannot run Node.
 */
import { fork } from "node:child_process";
import type { Readable } from "node:stream";
import { lastWordsFd, type ChildMessage, type ParentMessage } from "./protocol.js";

/** What to run: the bundled child entry, in the project folder, with this environment. */
export interface AppChildSpec {
  entry: string;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** How the process ended; `signal` is null when the launcher cannot tell (a utility process reports a code only). */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One launched child, whatever launched it. */
export interface AppChild {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  /** The extra pipe for last words (see protocol.ts), when the launcher can give the child one. */
  readonly lastWords: NodeJS.ReadableStream | null;
  /** Settles once the process is gone. */
  readonly exited: Promise<ChildExit>;
  /** Settles once the process is gone and its output streams are fully read. */
  readonly closed: Promise<ChildExit>;
  send(message: ParentMessage): void;
  /** Returns the function that removes the listener. */
  onMessage(listener: (message: ChildMessage) => void): () => void;
  /** Kills at once, busy event loop or not. */
  kill(): void;
}

export interface AppChildLauncher {
  /**
   * Whether the hang locator may switch on the child's inspector (`process._debugProcess`, then the
   * port chosen by `--inspect-port=0`). Without it a stuck app is still killed and restarted; only
   * the file:line of the loop is missing.
   */
  readonly inspectable: boolean;
  launch(spec: AppChildSpec): AppChild;
}

/**
 * Today's launcher: `child_process.fork` with an IPC channel and the last-words pipe on fd 4.
 *
 * @example
 * const child = nodeForkLauncher.launch({ entry: "dist/app-host/app-child.js", cwd: projectRoot, env: process.env });
 * child.onMessage((message) => console.log(message.type));
 */
export const nodeForkLauncher: AppChildLauncher = {
  inspectable: true,
  launch(spec) {
    const child = fork(spec.entry, [], {
      cwd: spec.cwd,
      // Not the Studio's own flags (an --inspect port would clash, for one). The inspector stays off
      // until the hang locator turns it on, and then takes a free port.
      execArgv: ["--inspect-port=0"],
      env: spec.env,
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
    });
    const exited = new Promise<ChildExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const closed = new Promise<ChildExit>((resolve) => {
      child.once("close", (code, signal) => resolve({ code, signal }));
      child.once("error", () => resolve({ code: null, signal: null }));
    });
    return {
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      stderr: child.stderr,
      lastWords: (child.stdio[lastWordsFd] as Readable | null | undefined) ?? null,
      exited,
      closed,
      send: (message) => void child.send(message),
      onMessage(listener) {
        child.on("message", listener);
        return () => void child.off("message", listener);
      },
      kill: () => void child.kill("SIGKILL"),
    };
  },
};
