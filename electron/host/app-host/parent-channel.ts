/**
 * How the child entry talks to the app host, whichever way it was launched: a Node fork has
 * `process.send` and an IPC `disconnect`; an Electron utility process has `process.parentPort`
 * (messages wrapped as `{ data }`) and dies along with the Studio's main process.
 */
import type { ChildMessage, ParentMessage } from "./protocol.js";

/** The part of Electron's `process.parentPort` the child uses. */
export interface ParentPortLike {
  on(event: "message", listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The part of `process` the channel reads (`parentPort` is null in Electron's main process, absent in Node). */
export interface ParentProcess {
  parentPort?: ParentPortLike | null;
  send?: (message: ChildMessage) => boolean;
  on(event: "message", listener: (message: ParentMessage) => void): unknown;
  on(event: "disconnect", listener: () => void): unknown;
}

export interface ParentChannel {
  /** `utility` when running in an Electron utility process, else `fork`. */
  kind: "utility" | "fork";
  send(message: ChildMessage): void;
  onMessage(listener: (message: ParentMessage) => void): void;
  /** Called when the app host is gone and the app must not outlive it holding the port. */
  onParentGone(listener: () => void): void;
}

/**
 * The channel to the app host for this process.
 *
 * @example
 * const parent = parentChannel(process);
 * parent.onMessage((message) => message.type === "start" && start(message));
 * parent.send({ type: "warm" });
 */
export function parentChannel(proc: ParentProcess): ParentChannel {
  const port = proc.parentPort ?? undefined;
  if (port !== undefined) {
    return {
      kind: "utility",
      send: (message) => port.postMessage(message),
      onMessage: (listener) => void port.on("message", (event) => listener(event.data as ParentMessage)),
      // Electron ends a utility process together with the main process; nothing to watch for.
      onParentGone: () => undefined,
    };
  }
  return {
    kind: "fork",
    send: (message) => void proc.send?.(message),
    onMessage: (listener) => void proc.on("message", listener),
    // Fires even when the Studio was killed outright: the IPC channel closes with it.
    onParentGone: (listener) => void proc.on("disconnect", listener),
  };
}
