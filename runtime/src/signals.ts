import type { VialRequest } from "./request.js";
import type { Response } from "./response.js";

/**
 * A named event that code can subscribe to (Flask's blinker signals). `send` costs one length check when
 * nobody listens. A receiver that throws is reported to `console.error`, never to the request.
 *
 * @example
 * ```ts
 * const off = requestFinished.connect((app, { response }) => console.log(response.status));
 * off();
 * ```
 */
export class Signal<Payload> {
  #receivers: Array<(sender: unknown, payload: Payload) => void> = [];

  constructor(readonly name: string) {}

  /** Subscribes; the returned function unsubscribes. */
  connect(receiver: (sender: unknown, payload: Payload) => void): () => void {
    this.#receivers = [...this.#receivers, receiver];
    return () => this.disconnect(receiver);
  }

  disconnect(receiver: (sender: unknown, payload: Payload) => void): void {
    this.#receivers = this.#receivers.filter((r) => r !== receiver);
  }

  get hasReceivers(): boolean {
    return this.#receivers.length > 0;
  }

  send(sender: unknown, payload: Payload): void {
    for (const receiver of this.#receivers) {
      try {
        receiver(sender, payload);
      } catch (error) {
        console.error(`a receiver of the ${this.name} signal failed:`, error);
      }
    }
  }
}

/**
 * Sent when a request starts, before routing and hooks.
 *
 * @example
 * ```ts
 * requestStarted.connect((app, { request }) => console.log(request.method, request.path));
 * ```
 */
export const requestStarted = new Signal<{ request: VialRequest }>("request-started");

/**
 * Sent when the response is ready, after `afterRequest` hooks and the session cookie.
 *
 * @example
 * ```ts
 * requestFinished.connect((app, { request, response }) => log(request.path, response.status));
 * ```
 */
export const requestFinished = new Signal<{ request: VialRequest; response: Response }>(
  "request-finished",
);

/**
 * Sent when a handler or hook throws something that is not an `HTTPException` (before the 500 page).
 *
 * @example
 * ```ts
 * gotRequestException.connect((app, { exception }) => report(exception));
 * ```
 */
export const gotRequestException = new Signal<{ request: VialRequest; exception: unknown }>("got-request-exception");

/**
 * Sent by the template integration after a template is rendered.
 *
 * @example
 * ```ts
 * templateRendered.connect((app, { template, context }) => seen.push(template.name));
 * ```
 */
export const templateRendered = new Signal<{ template: { name: string | undefined }; context: Record<string, unknown> }>("template-rendered");
