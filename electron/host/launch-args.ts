/**
 * Command lines of the Studio, as pure functions: `vial-studio path/to/project` (first launch or a
 * second launch forwarded by the single-instance lock) and the browser-mode server's flags.
 */
import { isAbsolute, resolve } from "node:path";

export interface ElectronLaunch {
  /** Electron's own argv (`process.argv`, or the `argv` of a `second-instance` event). */
  argv: readonly string[];
  /** The folder the command was run in (the `workingDirectory` of a `second-instance` event). */
  cwd: string;
  /** `app.isPackaged`: a packaged app's argv has no script path after the executable. */
  packaged: boolean;
}

/**
 * The project folder named on an Electron command line, as an absolute path, or undefined. Switches
 * (`--inspect`, Chromium's `--allow-file-access-from-files`, ...) and the app path in development are
 * skipped; the last plain argument wins.
 *
 * @example
 * projectFromElectronArgv({ argv: ["/opt/Vial Studio/vial-studio", "my-app"], cwd: "/home/me", packaged: true });
 * // "/home/me/my-app"
 */
export function projectFromElectronArgv(launch: ElectronLaunch): string | undefined {
  const args = launch.argv.slice(launch.packaged ? 1 : 2);
  const plain = args.filter((arg) => arg !== "" && !arg.startsWith("-"));
  const last = plain.at(-1);
  if (last === undefined) return undefined;
  return isAbsolute(last) ? last : resolve(launch.cwd, last);
}

export interface WebServerArgs {
  /** 0 asks the OS for a free port. */
  port: number;
  project?: string;
  userData?: string;
}

/**
 * Parses `node dist/web/server.js [--port N] [--project DIR] [--user-data DIR]` (also `--flag=value`).
 * Throws an Error that says what is wrong for an unknown flag, a missing value or a bad port.
 *
 * @example
 * parseWebServerArgs(["--port", "4000", "--project", "/home/me/my-app"], "/home/me");
 * // { port: 4000, project: "/home/me/my-app" }
 */
export function parseWebServerArgs(args: readonly string[], cwd: string): WebServerArgs {
  const parsed: WebServerArgs = { port: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const [flag = "", inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case "--port": {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${text}".`);
        parsed.port = port;
        break;
      }
      case "--project":
        parsed.project = resolve(cwd, value());
        break;
      case "--user-data":
        parsed.userData = resolve(cwd, value());
        break;
      default:
        throw new Error(`Unknown argument "${arg}". Usage: server.js [--port N] [--project DIR] [--user-data DIR]`);
    }
  }
  return parsed;
}
