/**
 * `node dist/web/server.js [--port N] [--project DIR] [--user-data DIR]`: the Studio in a browser.
 * Prints exactly one line, `Vial Studio is ready at http://127.0.0.1:PORT/?token=TOKEN`, when ready.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { HostFailure } from "../api/errors.js";
import { AppHostService } from "../host/app-host/service.js";
import { createDispatch, createHandlers, type HostShell } from "../host/dispatch.js";
import { HostEvents } from "../host/events.js";
import { parseWebServerArgs, type WebServerArgs } from "../host/launch-args.js";
import { defaultProjectsDir, defaultUserDataDir, studioPaths } from "../host/studio-paths.js";
import { Workspace } from "../host/workspace.js";
import { startWebServer } from "./web-server.js";

const webShell: HostShell = {
  mode: "web",
  async openFolderDialog() {
    throw new HostFailure("unsupported", "There is no folder dialog in the browser: type the folder's full path.");
  },
  async openExternal() {
    throw new HostFailure("unsupported", "In the browser, links open in a new tab by themselves.");
  },
  async showPreview() {
    throw new HostFailure("unsupported", "In the browser the preview is an iframe of the app's URL.");
  },
  async hidePreview() {
    throw new HostFailure("unsupported", "In the browser the preview is an iframe of the app's URL.");
  },
};

async function main(args: WebServerArgs): Promise<void> {
  const paths = studioPaths(import.meta.dirname);
  const userDataDir = args.userData ?? defaultUserDataDir();
  mkdirSync(userDataDir, { recursive: true });
  const events = new HostEvents();
  const workspace = new Workspace({ userDataDir, events });
  const appHost = new AppHostService({
    events,
    runtimeDir: join(paths.root, "runtime"),
    childEntry: join(paths.root, "dist/app-host/app-child.js"),
    preferredPort: async () => (await workspace.settings.get()).defaultPort,
  });
  appHost.follow();
  if (args.project) await workspace.open(args.project);
  else await workspace.restore();

  const handlers = createHandlers({
    workspace,
    appHost,
    shell: webShell,
    version: paths.version,
    startersDir: paths.startersDir,
    defaultProjectsDir: defaultProjectsDir(),
  });
  const server = await startWebServer({ dispatch: createDispatch(handlers), events, rendererDir: paths.rendererDir, port: args.port });

  let stopping = false;
  const stop = (): void => {
    // A second Ctrl+C while shutting down means "now".
    if (stopping) process.exit(1);
    stopping = true;
    void Promise.all([server.close(), workspace.dispose(), appHost.dispose()]).finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(`Vial Studio is ready at ${server.url}`);
}

// One failed background task (a watcher, the user's app) must not take the whole Studio down.
process.on("unhandledRejection", (reason) => console.error("vial-studio: background task failed:", reason));

let parsed: WebServerArgs;
try {
  parsed = parseWebServerArgs(process.argv.slice(2), process.cwd());
} catch (error) {
  console.error(`vial-studio: ${(error as Error).message}`);
  process.exit(2);
}
main(parsed).catch((error: unknown) => {
  console.error(`vial-studio: could not start: ${error instanceof HostFailure || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
