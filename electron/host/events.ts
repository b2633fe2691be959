/**
 * The host's event stream: services publish contract events here, and each shell (Electron IPC, the
 * browser-mode WebSocket) forwards them to its renderer.
 */
import type { EventMessage, EventName, StudioEvents } from "../api/contract.js";

/**
 * A typed publish/subscribe hub for the contract's events.
 *
 * @example
 * const events = new HostEvents();
 * const stop = events.subscribe((message) => socket.send(JSON.stringify(message)));
 * events.emit("project.changed", { project: null });
 * stop();
 */
export class HostEvents {
  readonly #listeners = new Set<(message: EventMessage) => void>();

  emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
    const message = { event, payload } as EventMessage;
    for (const listener of this.#listeners) listener(message);
  }

  subscribe(listener: (message: EventMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
