/**
 * One Monaco model per project file, keyed by a stable URI, with each file's view state kept across tab
 * switches (Electron Fiddle's rule). Pure: Monaco is reached only through the small `ModelHost` interface,
 * so this file is tested without a DOM and never imports React.
 */

/** The part of a Monaco text model this module uses. */
export interface TextModelLike {
  getValue(): string;
  setValue(value: string): void;
  getAlternativeVersionId(): number;
  onDidChangeContent(listener: () => void): { dispose(): void };
  dispose(): void;
}

/** Creates models; in the app this is `monaco.editor.createModel` with `monaco.Uri.parse`. */
export interface ModelHost<M extends TextModelLike> {
  createModel(value: string, languageId: string, uri: string): M;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  json: "json",
  css: "css",
  scss: "scss",
  less: "less",
  md: "markdown",
  markdown: "markdown",
  yml: "yaml",
  yaml: "yaml",
  svg: "xml",
  xml: "xml",
  txt: "plaintext",
  sh: "shell",
  py: "python",
};

/** The language id Monaco should use for a project-relative path. HTML is Jinja-aware everywhere. */
export function languageForPath(path: string): string {
  const name = path.split("/").pop() ?? path;
  if (name === "Dockerfile") return "dockerfile";
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return "plaintext";
  const extension = name.slice(dot + 1).toLowerCase();
  if (["html", "htm", "jinja", "jinja2", "j2", "xhtml"].includes(extension)) return JINJA_LANGUAGE_ID;
  return LANGUAGE_BY_EXTENSION[extension] ?? "plaintext";
}

/** The Monaco language id of HTML + Jinja (registered by monaco/jinja.ts). */
export const JINJA_LANGUAGE_ID = "jinja-html";

/**
 * The stable model URI of a project-relative path. Files live at the virtual root `file:///` so that
 * TypeScript resolves `import "vial"` from `file:///node_modules/vial` (see vial-types.ts).
 */
export function uriForPath(path: string): string {
  const clean = path.replace(/\\/g, "/").replace(/^\/+/, "");
  return `file:///${clean.split("/").map(encodeURIComponent).join("/")}`;
}

interface Entry<M, V> {
  model: M;
  savedVersion: number;
  viewState: V | undefined;
  subscription: { dispose(): void };
}

/** Tracks the open models, which of them differ from disk, and where each editor was scrolled. */
export class ModelRegistry<M extends TextModelLike, V = unknown> {
  readonly #entries = new Map<string, Entry<M, V>>();
  readonly #listeners = new Set<(path: string) => void>();

  constructor(private readonly host: ModelHost<M>) {}

  /** Opens (or returns) the model of a file, holding its text on disk. */
  open(path: string, diskText: string): M {
    const existing = this.#entries.get(path);
    if (existing) return existing.model;
    const model = this.host.createModel(diskText, languageForPath(path), uriForPath(path));
    const subscription = model.onDidChangeContent(() => this.#emit(path));
    this.#entries.set(path, { model, savedVersion: model.getAlternativeVersionId(), viewState: undefined, subscription });
    return model;
  }

  get(path: string): M | undefined {
    return this.#entries.get(path)?.model;
  }

  has(path: string): boolean {
    return this.#entries.has(path);
  }

  paths(): string[] {
    return [...this.#entries.keys()];
  }

  /** True when the model's text differs from what was last loaded or saved (undo back to it is clean). */
  isDirty(path: string): boolean {
    const entry = this.#entries.get(path);
    return entry !== undefined && entry.model.getAlternativeVersionId() !== entry.savedVersion;
  }

  /** Records that the current text is what is on disk now. */
  markSaved(path: string): void {
    const entry = this.#entries.get(path);
    if (!entry) return;
    entry.savedVersion = entry.model.getAlternativeVersionId();
    this.#emit(path);
  }

  /** Replaces a clean model's text with a newer disk version; a dirty model keeps the user's edits. */
  reloadFromDisk(path: string, diskText: string): boolean {
    const entry = this.#entries.get(path);
    if (!entry || this.isDirty(path) || entry.model.getValue() === diskText) return false;
    entry.model.setValue(diskText);
    entry.savedVersion = entry.model.getAlternativeVersionId();
    this.#emit(path);
    return true;
  }

  saveViewState(path: string, state: V | null | undefined): void {
    const entry = this.#entries.get(path);
    if (entry) entry.viewState = state ?? undefined;
  }

  viewState(path: string): V | undefined {
    return this.#entries.get(path)?.viewState;
  }

  /** Moves a model to a new path (after a rename on disk), keeping its text, dirty state and view state. */
  rename(from: string, to: string): M | undefined {
    const entry = this.#entries.get(from);
    if (!entry || this.#entries.has(to)) return undefined;
    const dirty = this.isDirty(from);
    const viewState = entry.viewState;
    const text = entry.model.getValue();
    this.close(from);
    const model = this.open(to, text);
    const moved = this.#entries.get(to)!;
    moved.viewState = viewState;
    if (dirty) moved.savedVersion = -1;
    this.#emit(to);
    return model;
  }

  close(path: string): void {
    const entry = this.#entries.get(path);
    if (!entry) return;
    entry.subscription.dispose();
    entry.model.dispose();
    this.#entries.delete(path);
    this.#emit(path);
  }

  /** Called with the path whenever a model's text or dirty state changes, or it is closed. */
  onDidChange(listener: (path: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(path: string): void {
    for (const listener of [...this.#listeners]) listener(path);
  }
}
