/**
 * The Studio's memory of its own recent changes on disk, so the watcher can tell their echo from
 * changes made by something else.
 */

/**
 * What the Studio itself just did on disk, so the watcher can tell its own echo from outside changes.
 *
 * @example
 * const own = new OwnChanges();
 * own.noteWritten("/p/app.ts", 1700000000000);
 * own.isEcho("/p/app.ts", 1700000000000); // true
 */
export class OwnChanges {
  readonly #written = new Map<string, number>();
  readonly #removed = new Map<string, number>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #removalWindowMs = 5_000;

  /** Runs a write of `path`; the watcher waits for it before judging an event on that path. */
  async writing<T>(path: string, run: () => Promise<T>): Promise<T> {
    const running = run();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.set(path, settled);
    try {
      return await running;
    } finally {
      if (this.#inFlight.get(path) === settled) this.#inFlight.delete(path);
    }
  }

  /** Resolves once no write of `path` by the Studio is running. */
  settled(path: string): Promise<void> {
    return this.#inFlight.get(path) ?? Promise.resolve();
  }

  noteWritten(path: string, mtimeMs: number): void {
    this.#written.set(path, mtimeMs);
  }

  noteRemoved(path: string): void {
    this.#removed.set(path, Date.now() + this.#removalWindowMs);
  }

  /** True when the file at `path` still has the mtime of the Studio's own last write to it. */
  isEcho(path: string, mtimeMs: number | undefined): boolean {
    return mtimeMs !== undefined && this.#written.get(path) === mtimeMs;
  }

  /** True when `path`, or a folder holding it, was removed or renamed away by the Studio just now. */
  isOwnRemoval(path: string): boolean {
    const now = Date.now();
    for (const [removed, until] of this.#removed) {
      if (until < now) this.#removed.delete(removed);
      else if (path === removed || path.startsWith(`${removed}/`) || path.startsWith(`${removed}\\`)) return true;
    }
    return false;
  }
}
