/**
 * `node dist/web/server.js [--port N] [--project DIR] [--user-data DIR]`: the Studio in a browser.
 * Prints exactly one line, `Vial Studio is ready at http://127.0.0.1:PORT/?token=TOKEN`, when ready.
 */
import { mkdirSync } from "node:fs";
import { HostFailure } from "../api/errors.js";
import type { HostShell } from "../host/dispatch.js";
import { parseWebServerArgs, type WebServerArgs } from "../host/launch-args.js";
import { createStudioHost } from "../host/studio-host.js";
import { defaultUserDataDir, studioPaths } from "../host/studio-paths.js";
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
  async inspectPreview() {
    throw new HostFailure("unsupported", "In the browser the preview pane inspects the page in its iframe itself.");
  },
};

async function main(args: WebServerArgs): Promise<void> {
  const paths = studioPaths(import.meta.dirname);
  const userDataDir = args.userData ?? defaultUserDataDir();
  mkdirSync(userDataDir, { recursive: true });
  const host = createStudioHost({ paths, userDataDir, shell: webShell, version: paths.version });
  if (args.project) await host.workspace.open(args.project);
  else await host.workspace.restore();
  const server = await startWebServer({ dispatch: host.dispatch, events: host.events, rendererDir: paths.rendererDir, port: args.port });

  let stopping = false;
  const stop = (): void => {
    // A second Ctrl+C while shutting down means "now".
    if (stopping) process.exit(1);
    stopping = true;
    void Promise.all([server.close(), host.dispose()]).finally(() => process.exit(0));
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
