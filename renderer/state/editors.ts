import type { HostInvoker } from "../api/client";
import { StudioError } from "../api/client";
import type { ModelRegistry, TextModelLike } from "../monaco/models";
import type { DialogsStore } from "./dialogs";
import { createStore } from "./store";

export interface EditorTab {
  path: string;
  dirty: boolean;
}

export interface EditorsState {
  tabs: EditorTab[];
  active: string | null;
}

/** A place in a file the editor should move its cursor to and scroll into view. */
export interface RevealRequest {
  path: string;
  line: number;
  column: number;
}

export interface EditorsOptions {
  /** How long typing must pause before the unsaved text is sent to the host's hot-exit store. */
  hotExitDelayMs?: number;
}

/** True when `path` is `folder` itself or inside it. */
function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/**
 * The open editors: tabs, the active one, saving, the unsaved-changes prompt and hot exit (dirty
 * buffers go to the host after a pause in typing and come back, still unsaved, after a reload or crash).
 * The text itself lives in the Monaco models of a {@link ModelRegistry}.
 */
export class EditorsStore<M extends TextModelLike = TextModelLike> {
  readonly state = createStore<EditorsState>({ tabs: [], active: null });
  /** The latest place asked for by {@link EditorsStore.open} with a position; the editor applies it once shown. */
  readonly reveal = createStore<RevealRequest | null>(null);
  /** `mtimeMs` of each open file as last read or written; null for a file not on disk yet. */
  readonly #baseMtime = new Map<string, number | null>();
  readonly #hotExitTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #buffered = new Set<string>();
  readonly #hotExitDelayMs: number;
  /** The file last opened with `preserveFocus`: showing it leaves keyboard focus where it is. */
  #keepFocusFor: string | null = null;
  /** The last {@link EditorsStore.open} asked for, settled or not. */
  #opening: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: HostInvoker,
    readonly models: ModelRegistry<M>,
    private readonly dialogs: Pick<DialogsStore, "choose">,
    options: EditorsOptions = {},
  ) {
    this.#hotExitDelayMs = options.hotExitDelayMs ?? 400;
    models.onDidChange((path) => this.#modelChanged(path));
  }

  /**
   * Opens a file in a tab (reading it from disk the first time) and makes it active; with `at`, the
   * cursor moves to that line (and column) and it scrolls into view. The editor takes keyboard focus
   * unless `preserveFocus` is set (a click in the explorer keeps F2 and Delete working on the tree).
   * @example
   * await editors.open("app.ts", { line: 12, column: 5 });
   * await editors.open("README.md", undefined, { preserveFocus: true });
   */
  open(path: string, at?: { line: number; column?: number }, options: { preserveFocus?: boolean } = {}): Promise<void> {
    // One at a time, in the order asked: a file whose read comes back late must neither take the tab
    // place of, nor become active over, a file the user asked for after it.
    const opened = this.#opening.then(() => this.#open(path, at, options));
    this.#opening = opened.catch(() => undefined);
    return opened;
  }

  async #open(path: string, at: { line: number; column?: number } | undefined, options: { preserveFocus?: boolean }): Promise<void> {
    if (!this.models.has(path)) {
      const file = await this.host.invoke("files.read", { path });
      if (file.binary) throw new StudioError({ code: "bad-request", message: `${path} is a binary file and cannot be edited here.` });
      if (!this.models.has(path)) {
        this.models.open(path, file.content);
        this.#baseMtime.set(path, file.mtimeMs);
      }
    }
    this.#keepFocusFor = options.preserveFocus ? path : null;
    this.state.set((state) => ({
      tabs: state.tabs.some((tab) => tab.path === path) ? state.tabs : [...state.tabs, { path, dirty: this.models.isDirty(path) }],
      active: path,
    }));
    if (at) this.reveal.set({ path, line: at.line, column: at.column ?? 1 });
  }

  /**
   * Whether the editor should take keyboard focus as it shows `path`: false once after that file was
   * opened with `preserveFocus`.
   */
  takesFocus(path: string): boolean {
    const keep = this.#keepFocusFor === path;
    this.#keepFocusFor = null;
    return !keep;
  }

  activate(path: string): void {
    this.#keepFocusFor = null;
    if (this.state.get().tabs.some((tab) => tab.path === path)) this.state.set((state) => ({ ...state, active: path }));
  }

  /** Activates the tab `offset` places away from the active one, wrapping around. */
  cycle(offset: number): void {
    const { tabs, active } = this.state.get();
    if (tabs.length === 0) return;
    const index = tabs.findIndex((tab) => tab.path === active);
    const next = tabs[(index + offset + tabs.length) % tabs.length];
    if (next) this.activate(next.path);
  }

  /**
   * Closes a tab. With unsaved changes it asks first: Save, Don't Save or Cancel.
   * Returns false when the user cancelled (or the save failed) and the tab stays open.
   */
  async close(path: string): Promise<boolean> {
    if (this.models.isDirty(path)) {
      const name = path.split("/").pop() ?? path;
      const choice = await this.dialogs.choose({
        title: "Unsaved changes",
        message: `Do you want to save the changes you made to ${name}?`,
        choices: [
          { id: "save", label: "Save", kind: "primary" },
          { id: "discard", label: "Don't Save", kind: "danger" },
          { id: "cancel", label: "Cancel" },
        ],
      });
      if (choice === "save") {
        if (!(await this.save(path))) return false;
      } else if (choice === "discard") {
        await this.#discardBuffer(path);
      } else {
        return false;
      }
    }
    this.#forget(path);
    return true;
  }

  /** Closes every tab (but `keep`), asking about each unsaved one; stops at the first Cancel. */
  async closeAll(keep?: string): Promise<boolean> {
    for (const tab of [...this.state.get().tabs]) {
      if (tab.path !== keep && !(await this.close(tab.path))) return false;
    }
    return true;
  }

  /**
   * Writes a file's text to disk. If the file changed on disk since it was read, asks whether to
   * overwrite. Returns whether the text is now on disk.
   */
  async save(path: string | null = this.state.get().active): Promise<boolean> {
    if (!path) return false;
    const model = this.models.get(path);
    if (!model) return false;
    const content = model.getValue();
    const base = this.#baseMtime.get(path);
    try {
      const stat = await this.host.invoke(
        "files.write",
        base === null || base === undefined ? { path, content } : { path, content, expectedMtimeMs: base },
      );
      this.#saved(path, stat.mtimeMs, content);
      return true;
    } catch (error) {
      if (!(error instanceof StudioError) || error.code !== "conflict") throw error;
      const choice = await this.dialogs.choose({
        title: "File changed on disk",
        message: `${path} was changed on disk after you opened it. Overwrite it with your version?`,
        choices: [
          { id: "overwrite", label: "Overwrite", kind: "danger" },
          { id: "cancel", label: "Cancel" },
        ],
      });
      if (choice !== "overwrite") return false;
      const stat = await this.host.invoke("files.write", { path, content });
      this.#saved(path, stat.mtimeMs, content);
      return true;
    }
  }

  async saveAll(): Promise<void> {
    for (const tab of this.state.get().tabs) {
      if (tab.dirty) await this.save(tab.path);
    }
  }

  /** Brings back the unsaved buffers the host kept (after a reload or a crash), still marked unsaved. */
  async restoreBuffers(): Promise<void> {
    const { buffers } = await this.host.invoke("buffers.list", {});
    for (const buffer of buffers) {
      if (!this.models.has(buffer.path)) {
        const disk = await this.#readIfPresent(buffer.path);
        this.models.open(buffer.path, disk?.content ?? "");
        this.#baseMtime.set(buffer.path, disk ? buffer.baseMtimeMs ?? disk.mtimeMs : null);
      }
      const model = this.models.get(buffer.path)!;
      if (model.getValue() !== buffer.content) model.setValue(buffer.content);
      this.#buffered.add(buffer.path);
      this.state.set((state) => ({
        tabs: state.tabs.some((tab) => tab.path === buffer.path)
          ? state.tabs
          : [...state.tabs, { path: buffer.path, dirty: this.models.isDirty(buffer.path) }],
        active: state.active ?? buffer.path,
      }));
    }
  }

  /** Follows a rename done in the explorer: open files inside `from` move to `to`. */
  renamed(from: string, to: string): void {
    for (const path of this.models.paths()) {
      if (!isWithin(path, from)) continue;
      const target = to + path.slice(from.length);
      const mtime = this.#baseMtime.get(path) ?? null;
      this.models.rename(path, target);
      this.#baseMtime.delete(path);
      this.#baseMtime.set(target, mtime);
      this.state.set((state) => ({
        tabs: state.tabs.map((tab) => (tab.path === path ? { path: target, dirty: this.models.isDirty(target) } : tab)),
        active: state.active === path ? target : state.active,
      }));
      if (this.#buffered.has(path)) void this.#discardBuffer(path).then(() => this.#scheduleHotExit(target));
    }
  }

  /** Follows a delete done in the explorer: editors of files inside `path` close without asking. */
  deleted(path: string): void {
    for (const open of this.models.paths()) {
      if (!isWithin(open, path)) continue;
      void this.#discardBuffer(open);
      this.#forget(open);
    }
  }

  /** Applies changes made on disk by other programs: clean editors follow the disk, dirty ones keep their text. */
  async filesChanged(paths: string[], kind: "created" | "changed" | "deleted"): Promise<void> {
    for (const path of paths) {
      if (!this.models.has(path)) continue;
      if (kind === "deleted") {
        if (!this.models.isDirty(path)) this.#forget(path);
        continue;
      }
      const disk = await this.#readIfPresent(path);
      if (disk && this.models.reloadFromDisk(path, disk.content)) this.#baseMtime.set(path, disk.mtimeMs);
    }
  }

  /** Drops every editor without asking (the project closed or changed). */
  reset(): void {
    for (const path of this.models.paths()) this.#forget(path);
    this.#buffered.clear();
    this.state.set({ tabs: [], active: null });
  }

  /** Sends every pending unsaved buffer now, without waiting for the typing pause (the page is going away). */
  flushHotExit(): void {
    for (const [path, timer] of this.#hotExitTimers) {
      clearTimeout(timer);
      void this.#flushHotExit(path);
    }
    this.#hotExitTimers.clear();
  }

  #saved(path: string, mtimeMs: number, content: string): void {
    this.#baseMtime.set(path, mtimeMs);
    if (this.models.get(path)?.getValue() === content) this.models.markSaved(path);
    void this.#discardBuffer(path);
  }

  #forget(path: string): void {
    const timer = this.#hotExitTimers.get(path);
    if (timer) clearTimeout(timer);
    this.#hotExitTimers.delete(path);
    this.#baseMtime.delete(path);
    this.models.close(path);
    this.state.set((state) => {
      const index = state.tabs.findIndex((tab) => tab.path === path);
      if (index === -1) return state;
      const tabs = state.tabs.filter((tab) => tab.path !== path);
      const neighbour = tabs[Math.min(index, tabs.length - 1)];
      return { tabs, active: state.active === path ? neighbour?.path ?? null : state.active };
    });
  }

  #modelChanged(path: string): void {
    if (!this.models.has(path)) return;
    const dirty = this.models.isDirty(path);
    this.state.set((state) =>
      state.tabs.some((tab) => tab.path === path && tab.dirty !== dirty)
        ? { ...state, tabs: state.tabs.map((tab) => (tab.path === path ? { ...tab, dirty } : tab)) }
        : state,
    );
    this.#scheduleHotExit(path);
  }

  #scheduleHotExit(path: string): void {
    const previous = this.#hotExitTimers.get(path);
    if (previous) clearTimeout(previous);
    this.#hotExitTimers.set(
      path,
      setTimeout(() => {
        this.#hotExitTimers.delete(path);
        void this.#flushHotExit(path);
      }, this.#hotExitDelayMs),
    );
  }

  async #flushHotExit(path: string): Promise<void> {
    const model = this.models.get(path);
    if (!model) return;
    if (!this.models.isDirty(path)) {
      await this.#discardBuffer(path);
      return;
    }
    this.#buffered.add(path);
    await this.host.invoke("buffers.save", { path, content: model.getValue(), baseMtimeMs: this.#baseMtime.get(path) ?? null });
  }

  async #discardBuffer(path: string): Promise<void> {
    if (!this.#buffered.delete(path)) return;
    await this.host.invoke("buffers.discard", { path });
  }

  async #readIfPresent(path: string): Promise<{ content: string; mtimeMs: number } | undefined> {
    try {
      const file = await this.host.invoke("files.read", { path });
      return { content: file.content, mtimeMs: file.mtimeMs };
    } catch (error) {
      if (error instanceof StudioError && error.code === "not-found") return undefined;
      throw error;
    }
  }
}
