/**
 * Notices a child whose event loop is stuck (`while (true) {}`): the child sends a heartbeat a few
 * times a second, and when none arrives for `timeoutMs` the watchdog calls `onStuck` once.
 *
 * Silence only counts while this process was awake to hear it. After this process's own event loop
 * was blocked (a long analysis, a busy machine), the check runs late and before the heartbeats that
 * queued up meanwhile are read (Node runs timers before I/O), so a late check waits for one more.
 */
export class Watchdog {
  readonly timeoutMs: number;
  readonly #onStuck: (silentMs: number) => void;
  readonly #intervalMs: number;
  #lastBeat = 0;
  #lastCheck = 0;
  #timer: NodeJS.Timeout | undefined;

  /**
   * @example
   * const dog = new Watchdog({ timeoutMs: 3000, onStuck: () => child.kill("SIGKILL") });
   * child.on("message", (m) => m.type === "heartbeat" && dog.beat());
   * dog.start();
   */
  constructor(opts: { timeoutMs: number; onStuck: (silentMs: number) => void }) {
    this.timeoutMs = opts.timeoutMs;
    this.#onStuck = opts.onStuck;
    this.#intervalMs = Math.max(10, Math.floor(opts.timeoutMs / 5));
  }

  start(): void {
    this.stop();
    this.#lastBeat = this.#lastCheck = performance.now();
    this.#timer = setInterval(() => this.#check(), this.#intervalMs);
    this.#timer.unref();
  }

  beat(): void {
    this.#lastBeat = performance.now();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    const now = performance.now();
    const late = now - this.#lastCheck > 2 * this.#intervalMs;
    this.#lastCheck = now;
    const silent = now - this.#lastBeat;
    if (late || silent < this.timeoutMs) return;
    this.stop();
    this.#onStuck(Math.round(silent));
  }
}
