import type { MethodName, RequestOf, ResultOf, SavedBuffer } from "../../electron/api/contract";
import type { HostInvoker } from "../api/client";
import { StudioError } from "../api/client";
import type { TextModelLike } from "../monaco/models";

/** An in-memory host for store tests: files with mtimes, hot-exit buffers, and a log of calls. */
export class FakeHost {
  files = new Map<string, { content: string; mtimeMs: number }>();
  buffers = new Map<string, SavedBuffer>();
  calls: { method: MethodName; request: unknown }[] = [];
  #clock = 1000;

  write(path: string, content: string): number {
    const mtimeMs = (this.#clock += 10);
    this.files.set(path, { content, mtimeMs });
    return mtimeMs;
  }

  #held = new Map<string, Promise<void>>();

  /** Holds back the answers about `path` until the returned function is called, as a slow disk would. */
  hold(path: string): () => void {
    let release!: () => void;
    this.#held.set(path, new Promise((resolve) => (release = resolve)));
    return () => {
      this.#held.delete(path);
      release();
    };
  }

  readonly invoker: HostInvoker = {
    invoke: async <M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResultOf<M>> => {
      this.calls.push({ method, request });
      const path = (request as { path?: string }).path;
      if (path !== undefined) await this.#held.get(path);
      return this.#handle(method, request as never) as ResultOf<M>;
    },
  };

  #handle(method: MethodName, request: Record<string, unknown>): unknown {
    const path = request.path as string;
    switch (method) {
      case "files.read": {
        const file = this.files.get(path);
        if (!file) throw new StudioError({ code: "not-found", message: `No file at ${path}` });
        return { path, kind: "file", size: file.content.length, mtimeMs: file.mtimeMs, content: file.content, binary: false };
      }
      case "files.write": {
        const current = this.files.get(path);
        const expected = request.expectedMtimeMs as number | undefined;
        if (expected !== undefined && current?.mtimeMs !== expected) {
          throw new StudioError({ code: "conflict", message: `${path} changed on disk` });
        }
        const mtimeMs = this.write(path, request.content as string);
        return { path, kind: "file", size: (request.content as string).length, mtimeMs };
      }
      case "files.replace": {
        // Literal and case-sensitive only: the host's own matching is tested with the host.
        const { query, replacement, texts } = request as { query: string; replacement: string; texts: { path: string; content: string }[] };
        return {
          files: texts
            .map(({ path, content }) => ({ path, parts: content.split(query) }))
            .filter(({ parts }) => parts.length > 1)
            .map(({ path, parts }) => ({ path, content: parts.join(replacement), replaced: parts.length - 1 })),
        };
      }
      case "buffers.save":
        this.buffers.set(path, {
          path,
          content: request.content as string,
          baseMtimeMs: request.baseMtimeMs as number | null,
          savedAt: this.#clock,
        });
        return { savedAt: this.#clock };
      case "buffers.discard":
        this.buffers.delete(path);
        return {};
      case "buffers.list":
        return { buffers: [...this.buffers.values()] };
      default:
        throw new StudioError({ code: "unknown-method", message: `FakeHost has no ${method}` });
    }
  }
}

/** A text model that versions like Monaco's (undo returns to an earlier alternative version id). */
export class FakeModel implements TextModelLike {
  disposed = false;
  #history: string[];
  #versions = [1];
  #index = 0;
  #nextVersion = 2;
  #listeners = new Set<() => void>();

  constructor(
    value: string,
    readonly languageId = "plaintext",
    readonly uri = "file:///",
  ) {
    this.#history = [value];
  }
  getValue() {
    return this.#history[this.#index]!;
  }
  setValue(value: string) {
    this.#history = [...this.#history.slice(0, this.#index + 1), value];
    this.#versions = [...this.#versions.slice(0, this.#index + 1), this.#nextVersion++];
    this.#index += 1;
    this.#fire();
  }
  undo() {
    this.#index -= 1;
    this.#fire();
  }
  getPositionAt(offset: number) {
    const lines = this.getValue().slice(0, offset).split("\n");
    return { lineNumber: lines.length, column: lines[lines.length - 1]!.length + 1 };
  }
  /** Applies the edits as one undo step, as Monaco does. */
  pushEditOperations(_before: null, edits: { range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }; text: string }[]) {
    const lines = this.getValue().split("\n");
    const offsetAt = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
    const spans = edits
      .map(({ range, text }) => ({ start: offsetAt(range.startLineNumber, range.startColumn), end: offsetAt(range.endLineNumber, range.endColumn), text }))
      .sort((a, b) => b.start - a.start);
    this.setValue(spans.reduce((value, span) => value.slice(0, span.start) + span.text + value.slice(span.end), this.getValue()));
    return null;
  }
  /** Monaco closes an undo step here; each FakeModel edit is a step of its own already. */
  pushStackElement() {}
  getAlternativeVersionId() {
    return this.#versions[this.#index]!;
  }
  onDidChangeContent(listener: () => void) {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }
  dispose() {
    this.disposed = true;
  }
  #fire() {
    for (const listener of this.#listeners) listener();
  }
}
