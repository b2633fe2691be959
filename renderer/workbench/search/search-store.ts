import type { SearchQuery, SearchResult } from "../../../electron/api/contract";
import { errorMessage, StudioError, type StudioClient } from "../../api/client";
import type { TextModelLike } from "../../monaco/models";
import type { EditorsStore } from "../../state/editors";
import type { LayoutStore } from "../../state/layout";
import type { NotificationsStore } from "../../state/notifications";
import { createStore } from "../../state/store";
import type { Studio } from "../../studio";

/** What the Search view's boxes and toggles hold. */
export type SearchOptions = Pick<SearchQuery, "query" | "matchCase" | "wholeWord" | "regex"> & { include: string };

export interface SearchState {
  options: SearchOptions;
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
  const matches = result.files.reduce((sum, file) => sum + file.lines.reduce((lines, line) => lines + line.matches, 0), 0);
  if (matches === 0) return `No results in ${result.filesSearched} ${result.filesSearched === 1 ? "file" : "files"}`;
  const files = result.files.length;
  return `${matches}${result.truncated ? "+" : ""} ${matches === 1 ? "result" : "results"} in ${files} ${files === 1 ? "file" : "files"}`;
}

/** The parts of the Studio a search uses. */
export interface SearchDependencies {
  client: Pick<StudioClient, "invoke" | "on">;
  editors: Pick<EditorsStore<TextModelLike>, "models">;
  layout: Pick<LayoutStore, "showView">;
  notifications: Pick<NotificationsStore, "error">;
}

/**
 * Find in Files: searches after a pause in typing, drops answers that a newer search overtook, and
 * sends the text of every editor with unsaved edits, so results match what the editors show.
 */
export class SearchStore {
  readonly state = createStore<SearchState>({
    options: { query: "", matchCase: false, wholeWord: false, regex: false, include: "" },
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

  /** Shows the Search view with its box focused (Find in Files). */
  focus(): void {
    this.studio.layout.showView("search");
    this.state.set((state) => ({ ...state, focusRequests: state.focusRequests + 1 }));
  }

  /** Searches now with the current options. */
  async run(): Promise<void> {
    clearTimeout(this.#timer);
    const search = ++this.#latest;
    const { query, matchCase, wholeWord, regex, include } = this.state.get().options;
    if (query === "") {
      this.state.set((state) => ({ ...state, result: null, error: null, searching: false }));
      return;
    }
    this.state.set((state) => ({ ...state, searching: true }));
    const { models } = this.studio.editors;
    const unsaved = models.paths().flatMap((path) => (models.isDirty(path) ? [{ path, content: models.get(path)!.getValue() }] : []));
    try {
      const result = await this.studio.client.invoke("files.search", { query, matchCase, wholeWord, regex, include, unsaved });
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
