import { relative } from "node:path";
import { parseArgs } from "node:util";
import { BuildError, buildApp, removeOldBuilds } from "./build.js";
import { CliError } from "./errors.js";
import { findAppModule } from "./find-app.js";
import { loadAppModule } from "./load-app.js";
import { ROUTE_SORTS, formatRoutes, type RouteSort } from "./routes.js";
import { serveOnce } from "./serve.js";
import { superviseWithReload } from "./supervisor.js";

const USAGE = `Usage: vial <command> [options]

Commands:
  run      Serve the app.
             --app FILE     the app module (default: $VIAL_APP, else app.ts, app.js, src/app.ts, src/app.js)
             --host HOST    interface to bind (default 127.0.0.1)
             --port PORT    port to listen on (default 5000; 0 picks a free one)
             --reload       restart on source changes without dropping connections
             --debug        show the debug page for uncaught errors (also VIAL_DEBUG=1)
  routes   Print the url map.
             --app FILE     as for run
             --sort KEY     endpoint (default), methods, rule or match (registration order)
             --all-methods  also show HEAD and OPTIONS
`;

/** A mistake on the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(text)}.`);
  return port;
}

function isDebugEnv(): boolean {
  const value = process.env["VIAL_DEBUG"];
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      app: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "5000" },
      reload: { type: "boolean", default: false },
      debug: { type: "boolean", default: false },
    },
  });
  const cwd = process.cwd();
  const entry = findAppModule({ cwd, flag: values.app, env: process.env });
  const debug = values.debug || isDebugEnv();
  if (debug) process.env["VIAL_DEBUG"] = "1";
  const opts = { entry, projectRoot: cwd, host: values.host, port: parsePort(values.port), debug };
  console.log(` * Serving Vial app '${relative(cwd, entry)}'`);
  console.log(` * Debug mode: ${debug ? "on" : "off"}`);
  if (debug && !isLoopback(opts.host)) {
    console.log(` * WARNING: debug mode is on and the server listens on ${opts.host}: anyone who can reach it sees your code and errors.`);
  }
  let running: { port: number; close(): Promise<void> };
  try {
    running = values.reload ? await superviseWithReload(opts) : await serveOnce(opts);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(
        `Port ${opts.port} is in use by another program. Either stop that program, or start the server with a different port (--port).`,
        { cause: error },
      );
    }
    if ((error as NodeJS.ErrnoException).code === "EADDRNOTAVAIL") {
      throw new CliError(`Cannot listen on ${opts.host}: this machine has no such address (try --host 127.0.0.1).`, { cause: error });
    }
    throw error;
  }
  console.log(` * Running on http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${running.port}`);
  if (values.reload) console.log(" * Reloading on changes to the app's source files");
  console.log("Press CTRL+C to quit");
  const shutdown = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

async function routes(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      app: { type: "string" },
      sort: { type: "string", default: "endpoint" },
      "all-methods": { type: "boolean", default: false },
    },
  });
  if (!(ROUTE_SORTS as readonly string[]).includes(values.sort)) {
    throw new UsageError(`--sort must be one of ${ROUTE_SORTS.join(", ")}, not ${JSON.stringify(values.sort)}.`);
  }
  const cwd = process.cwd();
  const entry = findAppModule({ cwd, flag: values.app, env: process.env });
  process.setSourceMapsEnabled(true);
  const built = await buildApp({ entry, projectRoot: cwd });
  try {
    const { app } = await loadAppModule(built.outfile, entry);
    process.stdout.write(formatRoutes(app.urlMap(), { sort: values.sort as RouteSort, allMethods: values["all-methods"] }));
  } finally {
    await removeOldBuilds(cwd, []);
  }
}

/**
 * The `vial` command: `vial run [--app FILE] [--host H] [--port N] [--reload] [--debug]` and
 * `vial routes [--app FILE] [--sort endpoint|methods|rule|match] [--all-methods]`. Resolves to the exit
 * code of a command that is done, or `undefined` once `run` is serving (it ends on SIGINT/SIGTERM).
 *
 * @example
 * ```ts
 * const code = await main(process.argv.slice(2));
 * if (code !== undefined) process.exit(code);
 * ```
 */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...args] = argv;
  try {
    if (command === "run") {
      await run(args);
      return undefined;
    }
    if (command === "routes") {
      await routes(args);
      return 0;
    }
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`Error: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    if (error instanceof BuildError) {
      process.stderr.write(`Error: the app does not compile:\n${error.message}\n\n${error.details}`);
      return 1;
    }
    process.stderr.write(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
