import type { Diagnostic } from "../../../electron/api/contract";
import type { StudioClient } from "../../api/client";
import { createStore, type Store } from "../../state/store";

type DiagnosticsClient = Pick<StudioClient, "invoke" | "on">;

/** The project's static diagnostics (type and template errors), kept in step with `diagnostics.changed`. */
export class DiagnosticsStore {
  readonly state: Store<Diagnostic[]> = createStore<Diagnostic[]>([]);
  readonly #client: DiagnosticsClient;

  constructor(client: DiagnosticsClient) {
    this.#client = client;
    client.on("diagnostics.changed", ({ diagnostics }) => this.state.set(diagnostics));
  }

  /** Loads the last check's diagnostics (on start, and after the project changes). */
  async refresh(): Promise<void> {
    this.state.set((await this.#client.invoke("diagnostics.list", {})).diagnostics);
  }
}

const stores = new WeakMap<object, DiagnosticsStore>();

/**
 * The one store per client, made on first use, so the panel and the status bar share it.
 *
 * @example
 * const diagnostics = diagnosticsStoreFor(studio.client);
 */
export function diagnosticsStoreFor(client: DiagnosticsClient): DiagnosticsStore {
  let store = stores.get(client);
  if (store === undefined) {
    store = new DiagnosticsStore(client);
    stores.set(client, store);
    void store.refresh().catch(() => undefined);
    client.on("project.changed", () => void store?.refresh().catch(() => undefined));
  }
  return store;
}
