import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RequestOf, SearchResult } from "../../../electron/api/contract";
import { StudioError } from "../../api/client";
import { ModelRegistry } from "../../monaco/models";
import { DialogsStore } from "../../state/dialogs";
import { EditorsStore } from "../../state/editors";
import { LayoutStore } from "../../state/layout";
import { NotificationsStore } from "../../state/notifications";
import { FakeHost, FakeModel } from "../../test-support/fake-host";
import { changedSpan, SearchStore, searchSummary } from "./search-store";

type SearchClient = ConstructorParameters<typeof SearchStore>[0]["client"];

interface Pending {
  request: RequestOf<"files.search">;
  answer(result: SearchResult): void;
  fail(error: Error): void;
}

/** A store whose host answers each search only when the test says, so answers can come in any order. */
function setup() {
  const pending: Pending[] = [];
  const models = new ModelRegistry<FakeModel>({ createModel: (value) => new FakeModel(value) });
  const notifications = new NotificationsStore();
  const layout = new LayoutStore();
  const listeners = new Map<string, () => void>();
  const client = {
    on: (event: string, listener: () => void) => {
      listeners.set(event, listener);
      return () => {
        if (listeners.get(event) === listener) listeners.delete(event);
      };
    },
    invoke: (method: string, request: unknown) =>
      new Promise((resolve, reject) => {
        if (method !== "files.search") throw new Error(`unexpected ${method}`);
        pending.push({ request: request as RequestOf<"files.search">, answer: resolve, fail: reject });
      }),
  } as SearchClient;
  const dialogs = new DialogsStore();
  const editors = new EditorsStore(new FakeHost().invoker, models, dialogs);
  const store = new SearchStore({ client, editors, layout, notifications, dialogs });
  const emit = (event: string) => listeners.get(event)?.();
  return { store, pending, models, notifications, layout, emit };
}

const found = (path: string, matches: number): SearchResult => ({
  files: [{ path, lines: [{ line: 1, column: 1, text: "x", ranges: [{ start: 0, end: 1 }], matches }] }],
  truncated: false,
  filesSearched: 3,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SearchStore", () => {
  it("searches once typing pauses, sending the text of editors with unsaved edits", async () => {
    const { store, pending, models } = setup();
    models.open("app.ts", "on disk");
    models.get("app.ts")!.setValue("typed");
    models.open("README.md", "clean");

    store.update({ query: "ty" });
    await vi.advanceTimersByTimeAsync(100);
    store.update({ query: "typ" });
    await vi.advanceTimersByTimeAsync(249);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.map((search) => search.request)).toEqual([
      { query: "typ", matchCase: false, wholeWord: false, regex: false, include: "", exclude: "", unsaved: [{ path: "app.ts", content: "typed" }] },
    ]);
  });

  it("keeps the newest search's answer when an older one arrives after it", async () => {
    const { store, pending } = setup();
    store.update({ query: "a" });
    await vi.advanceTimersByTimeAsync(250);
    store.update({ regex: true });
    await vi.advanceTimersByTimeAsync(250);
    expect(pending).toHaveLength(2);

    pending[1]!.answer(found("new.ts", 2));
    pending[0]!.answer(found("old.ts", 5));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.state.get()).toMatchObject({ result: found("new.ts", 2), error: null, searching: false });
  });

  it("shows a bad pattern's reason under the box without a toast, and clears it with the next good answer", async () => {
    const { store, pending, notifications } = setup();
    store.update({ query: "(", regex: true });
    await vi.advanceTimersByTimeAsync(250);
    pending[0]!.fail(new StudioError({ code: "bad-request", message: "Invalid regular expression: Unterminated group." }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.state.get()).toMatchObject({ result: null, error: "Invalid regular expression: Unterminated group." });
    expect(notifications.items.get()).toEqual([]);

    store.update({ query: "(a)" });
    await vi.advanceTimersByTimeAsync(250);
    pending[1]!.answer(found("app.ts", 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.state.get()).toMatchObject({ result: found("app.ts", 1), error: null });
  });

  it("while followed, searches again once edits in an editor or changes on disk pause, and only then", async () => {
    const { store, pending, models, emit } = setup();
    models.open("app.ts", "one");
    const stop = store.follow();
    emit("files.changed");
    models.get("app.ts")!.setValue("two");
    await vi.advanceTimersByTimeAsync(1000);
    expect(pending).toHaveLength(0);

    store.update({ query: "t" });
    await vi.advanceTimersByTimeAsync(250);
    expect(pending).toHaveLength(1);
    models.get("app.ts")!.setValue("three");
    await vi.advanceTimersByTimeAsync(300);
    emit("files.changed");
    await vi.advanceTimersByTimeAsync(499);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.map((search) => search.request.unsaved)).toEqual([
      [{ path: "app.ts", content: "two" }],
      [{ path: "app.ts", content: "three" }],
    ]);

    // Hidden, the view asks for nothing; shown again, it searches once for what changed meanwhile.
    stop();
    models.get("app.ts")!.setValue("four");
    emit("files.changed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(pending).toHaveLength(2);
    const stopAgain = store.follow();
    await vi.advanceTimersByTimeAsync(500);
    expect(pending.map((search) => search.request.unsaved)).toHaveLength(3);
    expect(pending[2]!.request.unsaved).toEqual([{ path: "app.ts", content: "four" }]);
    stopAgain();
  });

  it("shows the Search view and asks its box for focus", () => {
    const { store, layout } = setup();
    layout.showView("explorer");
    layout.toggle("sidebarVisible");
    store.focus();
    expect(layout.state.get()).toMatchObject({ activeView: "search", sidebarVisible: true });
    expect(store.state.get().focusRequests).toBe(1);
  });
});

/**
 * A store over a FakeHost's files, searched for "Old": a search lists the files whose text (their
 * editor's, when open) holds the query. `open` files are opened in editors, `typed` ones edited there too.
 */
async function replaceSetup(files: Record<string, string>, open: string[], typed: Record<string, string> = {}, { answer = "replace", truncated = false } = {}) {
  const host = new FakeHost();
  for (const [path, content] of Object.entries(files)) host.write(path, content);
  const models = new ModelRegistry<FakeModel>({ createModel: (value) => new FakeModel(value) });
  const notifications = new NotificationsStore();
  const asked: string[] = [];
  const dialogs = { choose: async ({ message }: { message: string }) => (asked.push(message), answer) };
  const editors = new EditorsStore(host.invoker, models, dialogs);
  for (const path of open) await editors.open(path);
  for (const [path, content] of Object.entries(typed)) models.get(path)!.setValue(content);
  const textOf = (path: string) => models.get(path)?.getValue() ?? host.files.get(path)!.content;
  const client = {
    on: () => () => undefined,
    invoke: (method: string, request: unknown) =>
      method === "files.search"
        ? Promise.resolve({
            files: Object.keys(files).flatMap((path) => {
              const matches = textOf(path).split((request as { query: string }).query).length - 1;
              return matches > 0 ? found(path, matches).files : [];
            }),
            truncated,
            filesSearched: Object.keys(files).length,
          })
        : host.invoker.invoke(method as never, request as never),
  } as SearchClient;
  const store = new SearchStore({ client, editors, layout: new LayoutStore(), notifications, dialogs });
  store.update({ query: "Old", matchCase: true });
  await store.run();
  store.setReplacement("New");
  return { store, host, models, editors, notifications, asked };
}

describe("Replace All", () => {
  it("replaces in editors as an undo step, saving those without other edits, and on disk for the rest", async () => {
    const { store, host, models, editors, notifications, asked } = await replaceSetup(
      { "clean.html": "Old clean", "draft.html": "Old draft", "closed.html": "Old closed", "other.html": "unrelated" },
      ["clean.html", "draft.html"],
      { "draft.html": "Old draft, typed" },
    );
    await store.replaceAll();
    expect(asked).toEqual(['Replace 3 matches in 3 files with "New"?']);
    expect(host.files.get("clean.html")!.content).toBe("New clean");
    expect(editors.state.get().tabs.find((tab) => tab.path === "clean.html")!.dirty).toBe(false);
    // Its own unsaved edits stay the user's to save: the replacement joins them, unsaved.
    expect(models.get("draft.html")!.getValue()).toBe("New draft, typed");
    expect(host.files.get("draft.html")!.content).toBe("Old draft");
    expect(host.files.get("closed.html")!.content).toBe("New closed");
    expect(models.has("closed.html")).toBe(false);
    expect(host.files.get("other.html")!.content).toBe("unrelated");
    expect(notifications.items.get().map((toast) => toast.message)).toEqual(["Replaced 3 matches in 3 files."]);
    expect(store.state.get().result?.files).toEqual([]);

    models.get("clean.html")!.undo();
    expect(models.get("clean.html")!.getValue()).toBe("Old clean");
  });

  it("replaces the matches of the query as typed, even before its search ran", async () => {
    const { store, host, asked } = await replaceSetup({ "a.html": "Old Older", "b.html": "Older" }, []);
    store.update({ query: "Older" });
    await store.replaceAll();
    expect(asked).toEqual(['Replace 2 matches in 2 files with "New"?']);
    expect([host.files.get("a.html")!.content, host.files.get("b.html")!.content]).toEqual(["Old New", "New"]);
  });

  it("replaces in one file only when asked from its result group", async () => {
    const { store, host, asked } = await replaceSetup({ "a.html": "Old Old", "b.html": "Old" }, []);
    await store.replaceAll("a.html");
    expect(asked).toEqual(['Replace 2 matches in a.html with "New"?']);
    expect([host.files.get("a.html")!.content, host.files.get("b.html")!.content]).toEqual(["New New", "Old"]);
    expect(store.state.get().result?.files.map((file) => file.path)).toEqual(["b.html"]);
  });

  it("changes nothing when the user cancels, and refuses capped results", async () => {
    const { store, host } = await replaceSetup({ "a.html": "Old" }, [], {}, { answer: "cancel" });
    await store.replaceAll();
    expect(host.files.get("a.html")!.content).toBe("Old");

    const capped = await replaceSetup({ "a.html": "Old" }, [], {}, { truncated: true });
    await capped.store.replaceAll();
    expect(capped.asked).toEqual([]);
    expect(capped.host.files.get("a.html")!.content).toBe("Old");
    expect(capped.notifications.items.get().map((toast) => toast.message)).toEqual([
      "There are too many results to replace at once: narrow the search first.",
    ]);
  });
});

describe("changedSpan", () => {
  it("is the one stretch between the first and the last difference, and never splits a surrogate pair", () => {
    expect(changedSpan("a Old b Old c", "a New b New c")).toEqual({ start: 2, end: 11, text: "New b New" });
    expect(changedSpan("same", "same")).toEqual({ start: 4, end: 4, text: "" });
    expect(changedSpan("abc", "abXc")).toEqual({ start: 2, end: 2, text: "X" });
    expect(changedSpan("aaa", "aa")).toEqual({ start: 2, end: 3, text: "" });
    // 😀 is \ud83d\ude00 and 😁 is \ud83d\ude01: they share their first half.
    expect(changedSpan("x😀y", "x😁y")).toEqual({ start: 1, end: 3, text: "😁" });
    expect(changedSpan("😀", "🙂")).toEqual({ start: 0, end: 2, text: "🙂" });
  });
});

describe("searchSummary", () => {
  it("counts matches and files, and marks a capped count", () => {
    expect(searchSummary({ ...found("a.ts", 3), files: [...found("a.ts", 3).files, ...found("b.ts", 9).files] })).toBe("12 results in 2 files");
    expect(searchSummary(found("a.ts", 1))).toBe("1 result in 1 file");
    expect(searchSummary({ ...found("a.ts", 2000), truncated: true })).toBe("2000+ results in 1 file");
    expect(searchSummary({ files: [], truncated: false, filesSearched: 7 })).toBe("No results in 7 files");
  });
});
