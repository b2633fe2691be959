import type { AppProblem, AppStatus, OutputLine, RequestEntry, StudioMode } from "../../../electron/api/contract";
import type { StudioClient } from "../../api/client";
import { createStore, type Store } from "../../state/store";

export interface AppHostState {
  /** Which shell shows the preview: an iframe in browser mode, a native view in Electron. */
  mode: StudioMode;
  status: AppStatus;
  output: OutputLine[];
  requests: RequestEntry[];
  problems: AppProblem[];
}

const stopped: AppStatus = { state: "stopped", port: null, url: null, revision: 0, lastRestartMs: null, lastReloadMs: null, error: null };
const maxOutput = 2000;
const maxRequests = 500;

/** Appends `items`, keeping only the newest `limit`. */
function appendBounded<T>(list: T[], item: T, limit: number): T[] {
  const next = [...list, item];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

type AppHostClient = Pick<StudioClient, "invoke" | "on">;

/**
 * The running app as the renderer sees it: status, output, request log and problems, kept in step
 * with the host's `appHost.*` events.
 */
export class AppHostStore {
  readonly state: Store<AppHostState> = createStore<AppHostState>({ mode: "web", status: stopped, output: [], requests: [], problems: [] });
  readonly #client: AppHostClient;

  constructor(client: AppHostClient) {
    this.#client = client;
    client.on("appHost.status", (status) => this.#patch({ status }));
    client.on("appHost.output", (line) => this.#patch({ output: appendBounded(this.state.get().output, line, maxOutput) }));
    client.on("appHost.request", (entry) => this.#patch({ requests: appendBounded(this.state.get().requests, entry, maxRequests) }));
    client.on("appHost.problems", ({ problems }) => this.#patch({ problems }));
  }

  /** Loads the current status and logs (on start, and after the project changes). */
  async refresh(): Promise<void> {
    const [info, status, logs] = await Promise.all([
      this.#client.invoke("studio.info", {}),
      this.#client.invoke("appHost.status", {}),
      this.#client.invoke("appHost.logs", {}),
    ]);
    this.state.set({
      mode: info.mode,
      status,
      output: logs.output.slice(-maxOutput),
      requests: logs.requests.slice(-maxRequests),
      problems: logs.problems,
    });
  }

  async start(): Promise<void> {
    this.#patch({ status: await this.#client.invoke("appHost.start", {}) });
  }

  async stop(): Promise<void> {
    this.#patch({ status: await this.#client.invoke("appHost.stop", {}) });
  }

  async restart(): Promise<void> {
    this.#patch({ status: await this.#client.invoke("appHost.restart", {}) });
  }

  async clearRequests(): Promise<void> {
    await this.#client.invoke("appHost.clearRequests", {});
    this.#patch({ requests: [] });
  }

  clearOutput(): void {
    this.#patch({ output: [] });
  }

  #patch(patch: Partial<AppHostState>): void {
    this.state.set((state) => ({ ...state, ...patch }));
  }
}

const stores = new WeakMap<object, AppHostStore>();

/**
 * The one store per client, made on first use, so the preview, the panel and the status bar share it.
 *
 * @example
 * const appHost = appHostStoreFor(studio.client);
 */
export function appHostStoreFor(client: AppHostClient): AppHostStore {
  let store = stores.get(client);
  if (store === undefined) {
    store = new AppHostStore(client);
    stores.set(client, store);
    void store.refresh().catch(() => undefined);
    client.on("project.changed", () => void store?.refresh().catch(() => undefined));
  }
  return store;
}
