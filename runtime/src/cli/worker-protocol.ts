/**
 * Messages between the reload supervisor and its worker processes (over the `fork` IPC channel).
 * Connections travel as the handle attached to a `connection` message.
 */
export type SupervisorMessage =
  | { type: "start"; modulePath: string; entry: string; debug: boolean }
  | { type: "connection" }
  | { type: "stop" };

/** What a worker reports back: ready to take connections, or failed to load the app (with why). */
export type WorkerMessage = { type: "ready" } | { type: "failed"; message: string };
