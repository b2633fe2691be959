import { afterEach, vi } from "vitest";
import type { ListeningServer } from "../adapter/node.js";
import { Vial } from "../index.js";

/** An app for tests: no template or static folder on disk, and a logger that keeps 500s off the console. */
export function quietApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  return app;
}

/**
 * Returns `listen(app)`: serves the app on a free 127.0.0.1 port and gives its base URL; every server
 * started in a test is closed after it.
 */
export function listenPerTest(): (app: Vial) => Promise<string> {
  const servers: ListeningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (app) => {
    const server = await app.listen({ port: 0, host: "127.0.0.1" });
    servers.push(server);
    return server.url;
  };
}
