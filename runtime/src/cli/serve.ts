import { loadAppServer } from "./app-server.js";
import { buildApp } from "./build.js";

/**
 * Options of {@link serveOnce}.
 *
 * @example
 * ```ts
 * const opts: ServeOptions = { entry: "/p/app.ts", projectRoot: "/p", host: "127.0.0.1", port: 5000, debug: false };
 * ```
 */
export interface ServeOptions {
  entry: string;
  projectRoot: string;
  host: string;
  port: number;
  debug: boolean;
}

/**
 * `vial run` without `--reload`: compiles the app, imports it into this process and serves it.
 * Compile and load errors are thrown (a `BuildError` carries file:line).
 *
 * @example
 * ```ts
 * const { port, close } = await serveOnce({ entry: "/p/app.ts", projectRoot: "/p", host: "127.0.0.1", port: 0, debug: false });
 * ```
 */
export async function serveOnce(opts: ServeOptions): Promise<{ port: number; close(): Promise<void> }> {
  process.setSourceMapsEnabled(true);
  const built = await buildApp({ entry: opts.entry, projectRoot: opts.projectRoot });
  const { server } = await loadAppServer({ modulePath: built.outfile, entry: opts.entry, debug: opts.debug });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
