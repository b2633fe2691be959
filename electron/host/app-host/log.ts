/**
 * The app's output and request log as the Studio keeps them: bounded, numbered, newest last.
 */
import type { OutputLine, RequestEntry } from "./types.js";

/** A list that keeps only its newest `limit` items. */
export class BoundedList<T> {
  readonly #items: T[] = [];
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.#limit) this.#items.splice(0, this.#items.length - this.#limit);
  }

  items(): T[] {
    return [...this.#items];
  }

  clear(): void {
    this.#items.length = 0;
  }
}

/**
 * Calls `onLine` for each complete line of a text stream; a trailing partial line is delivered when
 * the stream ends. Lines longer than `maxLength` are cut so one runaway print cannot flood the UI.
 *
 * @example
 * readLines(child.stdout, (text) => log.add("stdout", text));
 */
export function readLines(stream: NodeJS.ReadableStream, onLine: (text: string) => void, maxLength = 8192): void {
  let pending = "";
  const cut = (line: string) => (line.length > maxLength ? `${line.slice(0, maxLength)}…` : line);
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(cut(line));
    if (pending.length > maxLength) {
      onLine(cut(pending));
      pending = "";
    }
  });
  stream.on("end", () => {
    if (pending !== "") onLine(cut(pending));
    pending = "";
  });
}

/** Output lines of the app (stdout, stderr) and of the app host itself. */
export class OutputLog {
  readonly #lines = new BoundedList<OutputLine>(5000);
  #seq = 0;

  add(stream: OutputLine["stream"], text: string): OutputLine {
    const line: OutputLine = { seq: ++this.#seq, stream, text, time: Date.now() };
    this.#lines.push(line);
    return line;
  }

  lines(): OutputLine[] {
    return this.#lines.items();
  }

  clear(): void {
    this.#lines.clear();
  }
}

/** Requests the app served, from the runtime's `requestFinished` signal in the child. */
export class RequestLog {
  readonly #entries = new BoundedList<RequestEntry>(1000);
  #id = 0;

  add(entry: Omit<RequestEntry, "id">): RequestEntry {
    const numbered: RequestEntry = { ...entry, id: ++this.#id };
    this.#entries.push(numbered);
    return numbered;
  }

  entries(): RequestEntry[] {
    return this.#entries.items();
  }

  clear(): void {
    this.#entries.clear();
  }
}
