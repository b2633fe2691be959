/**
 * Find in Files' worker thread, owned by the host: the matching runs there, so no pattern can stall the
 * host (saves, the app host's supervision, browser mode's socket). A search that runs past its time
 * limit, or that a newer search replaces, is stopped by ending its worker. Otherwise the worker is kept
 * for the next search: starting one costs 40–70 ms, a plain search of a small project about 1 ms.
 */
import { Worker } from "node:worker_threads";
import type { ReplaceRequest, ReplaceResult, SearchResult } from "../../api/contract.js";
import { HostFailure } from "../../api/errors.js";
import type { SearchJob, SearchReply, WorkerJob } from "./search-protocol.js";

export interface SearchThreadOptions {
  /** The bundled worker (dist/search/search-worker.js). */
  entry: string;
  /** A search that runs longer is stopped; 5 s unless given. */
  timeoutMs?: number;
}

interface Running {
  resolve(result: SearchResult | ReplaceResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Runs one search at a time in a worker it starts on first use.
 *
 * @example
 * const thread = new SearchThread({ entry: "/studio/dist/search/search-worker.js" });
 * const result = await thread.run({ root, paths: ["app.ts"], query, unsaved: [], limits: searchLimits });
 */
export class SearchThread {
  readonly #entry: string;
  readonly #timeoutMs: number;
  #worker: Worker | undefined;
  #running: Running | undefined;

  constructor(options: SearchThreadOptions) {
    this.#entry = options.entry;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /**
   * Runs `job`. A search still running is stopped and fails: the Studio asks again as the user types,
   * and only the newest answer is shown.
   */
  run(job: SearchJob): Promise<SearchResult> {
    return this.#ask({ kind: "search", search: job }, "The search") as Promise<SearchResult>;
  }

  /** Works out Replace All's new texts, under the same time limit; like a search, a newer job stops it. */
  replace(request: ReplaceRequest): Promise<ReplaceResult> {
    return this.#ask({ kind: "replace", replace: request }, "Replace All") as Promise<ReplaceResult>;
  }

  #ask(job: WorkerJob, what: string): Promise<SearchResult | ReplaceResult> {
    if (this.#running) this.#stop(new HostFailure("bad-request", "A newer search replaced this one."));
    const worker = this.#start();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.#stop(new HostFailure("bad-request", `${what} took longer than ${this.#timeoutMs / 1000} s and was stopped: simplify the pattern or the files to include.`)),
        this.#timeoutMs,
      );
      this.#running = { resolve, reject, timer };
      worker.postMessage(job);
    });
  }

  /** Ends the worker; a search still running fails. */
  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#settle()?.reject(new HostFailure("bad-request", "The search was stopped: the Studio is closing."));
    await worker?.terminate();
  }

  /** Ends the worker mid-search (a fresh one starts for the next search) and fails the search with `failure`. */
  #stop(failure: HostFailure): void {
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
    this.#settle()?.reject(failure);
  }

  /** The running search, forgotten and its timer cleared, for the caller to answer. */
  #settle(): Running | undefined {
    const running = this.#running;
    this.#running = undefined;
    if (running) clearTimeout(running.timer);
    return running;
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#entry);
    // The worker only works when asked: it must not keep the host alive on its own.
    worker.unref();
    // A worker that was ended may still report; only the current one answers the running search.
    worker.on("message", (reply: SearchReply) => {
      if (this.#worker !== worker) return;
      const running = this.#settle();
      if ("error" in reply) running?.reject(new HostFailure(reply.error.code, reply.error.message, reply.error.detail));
      else running?.resolve(reply.result);
    });
    const fail = (error: Error): void => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#settle()?.reject(error);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The search worker stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
