/**
 * Messages from the reload supervisor to a worker process (over the `fork` IPC channel). Connections
 * travel as the handle attached to a `connection` message.
 *
 * @example
 * ```ts
 * child.send({ type: "connection" } satisfies SupervisorMessage, socket);
 * ```
 */
export type SupervisorMessage =
  | { type: "start"; modulePath: string; entry: string; debug: boolean }
  | { type: "connection" }
  | { type: "stop" };

/**
 * What a worker reports back: ready to take connections, or failed to load the app (with why).
 *
 * @example
 * ```ts
 * process.send?.({ type: "ready" } satisfies WorkerMessage);
 * ```
 */
export type WorkerMessage = { type: "ready" } | { type: "failed"; message: string };
