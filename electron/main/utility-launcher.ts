/**
 * Runs the user's app in an Electron utility process. The packaged Studio has the `runAsNode` fuse
 * off, so `child_process.fork` of the Electron binary cannot start Node; `utilityProcess.fork` can.
 * Two features of a forked child are missing here, and the app host degrades without them:
 * - no extra pipe for last words (stdout and stderr only): the child writes them to stderr behind a
 *   marker instead (see protocol.ts);
 * - no inspector: the `enableNodeCliInspectArguments` fuse is off, which makes Electron ignore
 *   `--inspect*` flags and not turn the inspector on at SIGUSR1 (what `process._debugProcess` sends),
 *   so the hang locator cannot run. A stuck app is still killed and restarted by the watchdog; only
 *   the file:line of the loop is missing, and the output says so.
 */
import { finished } from "node:stream/promises";
import type { utilityProcess } from "electron";
import type { AppChild, AppChildLauncher, AppChildSpec, ChildExit } from "../host/app-host/launcher.js";

/** How long the output may still drain after the process is gone (a grandchild may hold the pipe open). */
const drainMs = 2000;

type Kill = (pid: number, signal: NodeJS.Signals) => void;
/** Electron's `utilityProcess` (only its `fork` is used). */
type UtilityForker = Pick<typeof utilityProcess, "fork">;

/**
 * @example
 * import { utilityProcess } from "electron";
 * createStudioHost({ ...options, appLauncher: utilityProcessLauncher(utilityProcess) });
 */
export function utilityProcessLauncher(utility: UtilityForker, kill: Kill = (pid, signal) => process.kill(pid, signal)): AppChildLauncher {
  return {
    inspectable: false,
    launch: (spec) => launch(utility, kill, spec),
  };
}

function launch(utility: UtilityForker, kill: Kill, spec: AppChildSpec): AppChild {
  const env = Object.fromEntries(Object.entries(spec.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const child = utility.fork(spec.entry, [], { cwd: spec.cwd, env, stdio: ["ignore", "pipe", "pipe"], serviceName: "Vial app" });
  let gone = false;
  const exited = new Promise<ChildExit>((resolve) =>
    child.once("exit", (code) => {
      gone = true;
      resolve({ code, signal: null });
    }),
  );
  const outputRead = Promise.all([child.stdout, child.stderr].map((stream) => stream && finished(stream).catch(() => undefined)));
  const closed = exited.then(async (exit) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([outputRead, new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
    return exit;
  });
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
    lastWords: null,
    exited,
    closed,
    send: (message) => child.postMessage(message),
    onMessage(listener) {
      child.on("message", listener);
      return () => void child.off("message", listener);
    },
    kill() {
      if (gone) return;
      // SIGKILL by pid ends even a busy event loop at once; `kill()` (SIGTERM) is only the fallback.
      if (child.pid === undefined) child.kill();
      else {
        try {
          kill(child.pid, "SIGKILL");
        } catch {
          child.kill();
        }
      }
    },
  };
}
