import type { Server } from "node:http";
import { createServerFor } from "../adapter/node.js";
import type { Vial } from "../app.js";
import { loadAppModule } from "./load-app.js";
import { loggingListener } from "./node-listener.js";

/**
 * Options of {@link loadAppServer}.
 *
 * @example
 * ```ts
 * const opts: AppServerOptions = { modulePath: "/p/.vial/build/app-1-1.mjs", entry: "/p/app.ts", debug: false };
 * ```
 */
export interface AppServerOptions {
  modulePath: string;
  entry: string;
  debug: boolean;
}

/**
 * Imports a built app and makes the one server `vial run` serves it with, with and without --reload: the
 * Node adapter's server (the app's header, URL, body, slow-client and keep-alive limits, read now) logging
 * one line per request. It does not listen: `vial run` binds it, a reload worker is handed connections.
 *
 * @example
 * ```ts
 * const { app, server } = await loadAppServer({ modulePath: "/p/.vial/build/app-1-1.mjs", entry: "/p/app.ts", debug: false });
 * server.listen(5000, "127.0.0.1");
 * ```
 */
export async function loadAppServer(opts: AppServerOptions): Promise<{ app: Vial; server: Server }> {
  const { app } = await loadAppModule(opts.modulePath, opts.entry);
  // Before the server is made: it reads the config, and warns of a missing SECRET_KEY only outside debug.
  if (opts.debug) app.debug = true;
  return { app, server: createServerFor(app, loggingListener(app)) };
}
