import type { SearchQuery, SearchResult } from "../../../electron/api/contract";
import { errorMessage, StudioError, type StudioClient } from "../../api/client";
import type { TextModelLike } from "../../monaco/models";
import type { EditorsStore } from "../../state/editors";
import type { DialogsStore } from "../../state/dialogs";
import type { LayoutStore } from "../../state/layout";
import type { NotificationsStore } from "../../state/notifications";
import { createStore } from "../../state/store";
import type { Studio } from "../../studio";

/** What the Search view's boxes and toggles hold. */
export type SearchOptions = Pick<SearchQuery, "query" | "matchCase" | "wholeWord" | "regex"> & { include: string; exclude: string };

export interface SearchState {
  options: SearchOptions;
  /** What Replace All puts in place of each match. */
  replacement: string;
  /** The answer to the latest search; null before the first, or for an empty query. */
  result: SearchResult | null;
  /** Why the latest search failed (a bad regular expression), shown under the box. */
  error: string | null;
  searching: boolean;
  /** Goes up each time Find in Files asks for the search box to take focus. */
  focusRequests: number;
}

/** How long typing must pause before a search starts. */
const typingPauseMs = 250;
/** How long edits and file changes must pause before the shown results are searched again. */
const refreshPauseMs = 500;

/**
 * "12 results in 3 files" for a search result (a "+" after the count when it was capped).
 *
 * @example
 * searchSummary({ files: [{ path: "app.ts", lines: [{ line: 1, column: 1, text: "a a", ranges: [], matches: 2 }] }], truncated: false, filesSearched: 4 });
 * // "2 results in 1 file"
 */
export function searchSummary(result: SearchResult): string {
  const matches = matchCount(result);
  if (matches === 0) return `No results in ${result.filesSearched} ${result.filesSearched === 1 ? "file" : "files"}`;
  const files = result.files.length;
  return `${matches}${result.truncated ? "+" : ""} ${matches === 1 ? "result" : "results"} in ${files} ${files === 1 ? "file" : "files"}`;
}

/** A range of a text model, as Monaco counts (1-based lines and columns). */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** A text model as Replace All edits it: Monaco's, whose edits its editor can undo. */
export interface EditableModel extends TextModelLike {
  getPositionAt(offset: number): { lineNumber: number; column: number };
  pushEditOperations(beforeCursorState: null, edits: { range: TextRange; text: string }[], cursorStateComputer: () => null): unknown;
  pushStackElement(): void;
}

/** The parts of the Studio a search uses. */
export interface SearchDependencies {
  client: Pick<StudioClient, "invoke" | "on">;
  editors: Pick<EditorsStore<EditableModel>, "models" | "save">;
  layout: Pick<LayoutStore, "showView">;
  notifications: Pick<NotificationsStore, "error" | "info">;
  dialogs: Pick<DialogsStore, "choose">;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The one stretch where `before` and `after` differ, as the edit that turns one into the other: text
 * (and cursors) outside it stay as they were. It never splits a surrogate pair.
 *
 * @example
 * changedSpan("a Old b Old c", "a New b New c"); // { start: 2, end: 11, text: "New b New" }
 */
export function changedSpan(before: string, after: string): { start: number; end: number; text: string } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function matchCount(result: SearchResult): number {
  return result.files.reduce((sum, file) => sum + file.lines.reduce((lines, line) => lines + line.matches, 0), 0);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Find in Files: searches after a pause in typing, drops answers that a newer search overtook, and
 * sends the text of every editor with unsaved edits, so results match what the editors show.
 */
export class SearchStore {
  readonly state = createStore<SearchState>({
    options: { query: "", matchCase: false, wholeWord: false, regex: false, include: "", exclude: "" },
    replacement: "",
    result: null,
    error: null,
    searching: false,
    focusRequests: 0,
  });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #latest = 0;

  constructor(private readonly studio: SearchDependencies) {
    studio.client.on("project.changed", () => {
      clearTimeout(this.#timer);
      this.#latest++;
      this.state.set((state) => ({ ...state, result: null, error: null, searching: false }));
    });
  }

  /**
   * While the Search view shows (it calls this when it mounts, and the returned stop when it goes), its
   * results follow the files: they are searched again once typing in an editor, saving, or changes made
   * outside the Studio pause (the host reports those; a save of the Studio's own follows the edits before
   * it), and once when the view shows again, for what changed while it was hidden. A hidden view costs
   * no searches.
   */
  follow(): () => void {
    const refresh = () => {
      if (this.state.get().options.query === "") return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.run(), refreshPauseMs);
    };
    const stops = [this.studio.editors.models.onDidChange(refresh), this.studio.client.on("files.changed", refresh)];
    refresh();
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** Changes the query or a toggle; the search follows after a pause in typing. */
  update(change: Partial<SearchOptions>): void {
    this.state.set((state) => ({ ...state, options: { ...state.options, ...change } }));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), typingPauseMs);
  }

  setReplacement(replacement: string): void {
    this.state.set((state) => ({ ...state, replacement }));
  }

  /**
   * Replace All, after the user confirms: every match of the search as it stands is replaced, in the
   * text the user sees. A file open in an editor changes there as one undo step, and is saved unless it had
   * unsaved edits of its own; any other file is written on disk, refused if it changed there since it
   * was read. Capped results are refused: the matches past the cap are not known. With `only`, just
   * that file's matches are replaced (a result group's Replace button).
   */
  async replaceAll(only?: string): Promise<void> {
    // Searched afresh: the results shown may be those of the query before the last keystrokes.
    await this.run();
    const { result: searched, options, replacement } = this.state.get();
    const result = searched && only !== undefined ? { ...searched, files: searched.files.filter((file) => file.path === only) } : searched;
    if (!result || result.files.length === 0) return;
    if (result.truncated) {
      this.studio.notifications.error("There are too many results to replace at once: narrow the search first.");
      return;
    }
    const matches = matchCount(result);
    const choice = await this.studio.dialogs.choose({
      title: "Replace All",
      message: `Replace ${plural(matches, "match", "matches")} in ${only ?? plural(result.files.length, "file", "files")} with "${replacement}"?`,
      choices: [
        { id: "replace", label: "Replace", kind: "primary" },
        { id: "cancel", label: "Cancel" },
      ],
    });
    if (choice !== "replace") return;
    const { client, editors } = this.studio;
    const texts: { path: string; content: string }[] = [];
    /** What each file was when read: its editor's version, or its mtime on disk. */
    const read = new Map<string, { version: number } | { mtimeMs: number }>();
    for (const { path } of result.files) {
      const model = editors.models.get(path);
      if (model) {
        texts.push({ path, content: model.getValue() });
        read.set(path, { version: model.getAlternativeVersionId() });
      } else {
        const file = await client.invoke("files.read", { path });
        if (file.binary) continue;
        texts.push({ path, content: file.content });
        read.set(path, { mtimeMs: file.mtimeMs });
      }
    }
    const { query, matchCase, wholeWord, regex } = options;
    const { files } = await client.invoke("files.replace", { query, matchCase, wholeWord, regex, replacement, texts });
    let replaced = 0;
    const failures: string[] = [];
    for (const file of files) {
      try {
        await this.#apply(file.path, file.content, read.get(file.path));
        replaced += file.replaced;
      } catch (error) {
        failures.push(`${file.path}: ${errorMessage(error)}`);
      }
    }
    const changed = files.length - failures.length;
    if (changed > 0) this.studio.notifications.info(`Replaced ${plural(replaced, "match", "matches")} in ${plural(changed, "file", "files")}.`);
    if (failures.length > 0) this.studio.notifications.error(`Nothing was replaced in ${failures.join("; ")}`);
    await this.run();
  }

  async #apply(path: string, content: string, read: { version: number } | { mtimeMs: number } | undefined): Promise<void> {
    const { models } = this.studio.editors;
    const model = models.get(path);
    if (read && "version" in read) {
      if (!model || model.getAlternativeVersionId() !== read.version) throw new Error("it changed in its editor meanwhile.");
      const unsaved = models.isDirty(path);
      const span = changedSpan(model.getValue(), content);
      const start = model.getPositionAt(span.start);
      const end = model.getPositionAt(span.end);
      const range = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
      model.pushStackElement();
      model.pushEditOperations(null, [{ range, text: span.text }], () => null);
      model.pushStackElement();
      if (!unsaved) await this.studio.editors.save(path);
    } else {
      // Opened in an editor since it was read, it may hold edits the disk does not have yet.
      if (model || !read) throw new Error("it was opened in an editor meanwhile.");
      await this.studio.client.invoke("files.write", { path, content, expectedMtimeMs: read.mtimeMs });
    }
  }

  /** Shows the Search view with its box focused (Find in Files). */
  focus(): void {
    this.studio.layout.showView("search");
    this.state.set((state) => ({ ...state, focusRequests: state.focusRequests + 1 }));
  }

  /** Searches now with the current options. */
  async run(): Promise<void> {
    clearTimeout(this.#timer);
    const search = ++this.#latest;
    const { query, matchCase, wholeWord, regex, include, exclude } = this.state.get().options;
    if (query === "") {
      this.state.set((state) => ({ ...state, result: null, error: null, searching: false }));
      return;
    }
    this.state.set((state) => ({ ...state, searching: true }));
    const { models } = this.studio.editors;
    const unsaved = models.paths().flatMap((path) => (models.isDirty(path) ? [{ path, content: models.get(path)!.getValue() }] : []));
    try {
      const result = await this.studio.client.invoke("files.search", { query, matchCase, wholeWord, regex, include, exclude, unsaved });
      if (search === this.#latest) this.state.set((state) => ({ ...state, result, error: null, searching: false }));
    } catch (error) {
      if (search !== this.#latest) return;
      // A bad pattern is the user's to fix in the box; anything else is a failure worth a toast too.
      if (!(error instanceof StudioError && error.code === "bad-request")) this.studio.notifications.error(errorMessage(error));
      this.state.set((state) => ({ ...state, result: null, error: errorMessage(error), searching: false }));
    }
  }
}

const stores = new WeakMap<Studio, SearchStore>();

/** The Studio's one SearchStore. */
export function searchStoreFor(studio: Studio): SearchStore {
  let store = stores.get(studio);
  if (!store) {
    store = new SearchStore(studio);
    stores.set(studio, store);
  }
  return store;
}
