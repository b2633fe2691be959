/**
 * Notices a child whose event loop is stuck (`while (true) {}`): the child sends a heartbeat a few
 * times a second, and when none arrives for `timeoutMs` the watchdog calls `onStuck` once.
 */
export class Watchdog {
  readonly timeoutMs: number;
  readonly #onStuck: (silentMs: number) => void;
  #lastBeat = 0;
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
  }

  start(): void {
    this.stop();
    this.#lastBeat = performance.now();
    this.#timer = setInterval(() => this.#check(), Math.max(10, Math.floor(this.timeoutMs / 5)));
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
    const silent = performance.now() - this.#lastBeat;
    if (silent < this.timeoutMs) return;
    this.stop();
    this.#onStuck(Math.round(silent));
  }
}
