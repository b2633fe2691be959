/** The service's side of the TypeScript worker thread: one check at a time, answered in order. */
import { Worker } from "node:worker_threads";
import type { CheckReply, CheckRequest } from "./check-protocol.js";
import type { Diagnostic } from "./types.js";

/**
 * Starts the worker on first use and restarts it if it dies.
 *
 * @example
 * const thread = new CheckThread("/studio/dist/diagnostics/check-worker.js");
 * const diagnostics = await thread.check({ root, runtimeDir, files: ["app.ts"], changed: [] });
 */
export class CheckThread {
  readonly #entry: string;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve: (diagnostics: Diagnostic[]) => void; reject: (error: Error) => void }>();

  constructor(entry: string) {
    this.#entry = entry;
  }

  check(request: Omit<CheckRequest, "id">): Promise<Diagnostic[]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#start().postMessage({ ...request, id } satisfies CheckRequest);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#entry);
    // The worker only works when asked: it must not keep the host alive on its own.
    worker.unref();
    worker.on("message", (reply: CheckReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.diagnostics);
    });
    const fail = (error: Error): void => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The TypeScript checker stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
