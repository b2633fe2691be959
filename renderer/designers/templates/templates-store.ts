import type { TemplateRender } from "../../../electron/api/contract";
import type { MonacoModel } from "../../monaco/setup";
import { createStore } from "../../state/store";
import type { Studio } from "../../studio";
import { layoutNames, newTemplateSource, type Layout } from "./new-template";
import { findNode, instrument, nodeAt, parseOutline, type OutlineNode, type TextEdit } from "./outline";

export type CanvasWidth = "desktop" | "tablet" | "phone";

export const canvasWidths: Record<CanvasWidth, number> = { desktop: 1280, tablet: 768, phone: 375 };

export interface TemplatesState {
  /** The project path of the template in the designer (`templates/index.html`), or null for the list. */
  path: string | null;
  source: string;
  tree: OutlineNode | null;
  selected: string | null;
  render: TemplateRender | null;
  width: CanvasWidth;
}

/** The template name the app loads a path by (`templates/blog/post.html` → `blog/post.html`). */
export function templateName(path: string): string {
  return path.replace(/^templates\//, "");
}

/**
 * The template designer's state. The file's Monaco model is the one source of truth: designer edits
 * are pushed onto it as one undo step each (so the editor's undo covers them), and every change of
 * the model, typed or designed, re-parses the outline and re-renders the canvas.
 */
export class TemplatesStore {
  readonly state = createStore<TemplatesState>({ path: null, source: "", tree: null, selected: null, render: null, width: "desktop" });
  #renderTimer: ReturnType<typeof setTimeout> | undefined;
  #renderSeq = 0;
  #decorations: string[] = [];

  constructor(private readonly studio: Studio) {
    studio.editors.models.onDidChange((path) => {
      if (path !== this.state.get().path) return;
      // Closing the file's editor ends its design session: the model was the designer's text.
      if (studio.editors.models.has(path)) this.#reparse();
      else this.close();
    });
    studio.client.on("project.changed", () => this.close());
    studio.cursor.subscribe(() => this.#followCursor());
    // The layout, included templates and sample data are read from disk by the render.
    studio.client.on("files.changed", ({ paths }) => {
      if (this.state.get().path && paths.some((changed) => changed.startsWith("templates/") || changed.startsWith(".vial/samples/"))) this.#scheduleRender(150);
    });
  }

  /** Opens the template's sample data in the editor, creating it (an empty object) the first time. */
  async editSamples(): Promise<void> {
    const { path } = this.state.get();
    if (!path) return;
    const samples = `.vial/samples/${templateName(path)}.json`;
    const { stat } = await this.studio.client.invoke("files.stat", { path: samples });
    if (!stat) {
      await this.studio.client.invoke("files.create", { path: samples, kind: "file" });
      await this.studio.client.invoke("files.write", { path: samples, content: "{\n}\n" });
    }
    await this.studio.editors.open(samples);
  }

  /** Opens a template in the designer and in the editor. */
  async open(path: string): Promise<void> {
    await this.studio.editors.open(path);
    this.state.set((state) => ({ ...state, path, selected: null, render: null }));
    this.#reparse();
  }

  /** Creates a new page at `path` (extending the project's layout when it has one) and opens it in the designer. */
  async create(path: string): Promise<void> {
    const layout = await this.#layout();
    await this.studio.workspace.create(path, "file");
    await this.studio.client.invoke("files.write", { path, content: newTemplateSource(path, layout) });
    this.studio.explorer.reveal(path);
    await this.open(path);
  }

  async #layout(): Promise<Layout | undefined> {
    for (const name of layoutNames) {
      const path = `templates/${name}`;
      const { stat } = await this.studio.client.invoke("files.stat", { path });
      if (stat) return { name, source: (await this.studio.client.invoke("files.read", { path })).content };
    }
    return undefined;
  }

  close(): void {
    clearTimeout(this.#renderTimer);
    this.#highlight(null);
    this.state.set((state) => ({ ...state, path: null, tree: null, source: "", selected: null, render: null }));
  }

  setWidth(width: CanvasWidth): void {
    this.state.set((state) => ({ ...state, width }));
  }

  /** Selects a node; with `reveal`, the editor shows and puts the cursor at its start. */
  select(id: string | null, reveal = false): void {
    this.state.set((state) => ({ ...state, selected: id }));
    const { path, tree } = this.state.get();
    const node = id !== null && tree ? findNode(tree, id) : undefined;
    this.#highlight(node ?? null);
    const model = this.#model();
    if (reveal && node && model && path) {
      const position = model.getPositionAt(node.start);
      void this.studio.attempt(() => this.studio.editors.open(path, { line: position.lineNumber, column: position.column }));
    }
  }

  /**
   * Applies edits planned against the current text to the model as one undo step. The plan runs
   * against the model's text right now, so it can never be stale.
   */
  edit(plan: (source: string, tree: OutlineNode) => TextEdit | TextEdit[] | undefined): TextEdit[] {
    const model = this.#model();
    const { tree } = this.state.get();
    if (!model || !tree) throw new Error("Open a template first.");
    const planned = plan(model.getValue(), tree);
    const edits = planned === undefined ? [] : Array.isArray(planned) ? planned : [planned];
    if (edits.length === 0) return [];
    model.pushStackElement();
    model.pushEditOperations(
      [],
      edits.map((edit) => {
        const start = model.getPositionAt(edit.start);
        const end = model.getPositionAt(edit.end);
        return { range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: edit.text };
      }),
      () => null,
    );
    model.pushStackElement();
    return edits;
  }

  /** Renders the canvas again now (after the sample data changed, say). */
  refreshCanvas(): void {
    this.#scheduleRender(0);
  }

  #model(): MonacoModel | undefined {
    const { path } = this.state.get();
    return path ? this.studio.editors.models.get(path) : undefined;
  }

  #reparse(): void {
    const model = this.#model();
    if (!model) return;
    const source = model.getValue();
    const tree = parseOutline(source);
    this.state.set((state) => ({ ...state, source, tree, selected: state.selected !== null && findNode(tree, state.selected) ? state.selected : null }));
    const { selected } = this.state.get();
    this.#highlight(selected !== null ? (findNode(tree, selected) ?? null) : null);
    this.#scheduleRender(150);
  }

  #followCursor(): void {
    const cursor = this.studio.cursor.get();
    const { path, tree, selected } = this.state.get();
    const model = this.#model();
    if (!cursor || !path || !tree || !model || this.studio.editors.state.get().active !== path) return;
    const node = nodeAt(tree, model.getOffsetAt({ lineNumber: cursor.line, column: cursor.column }));
    if (node.id !== selected) this.select(node.kind === "document" ? null : node.id);
  }

  #highlight(node: OutlineNode | null): void {
    const model = this.#model();
    if (!model || model.isDisposed()) return;
    const range = node ? { start: model.getPositionAt(node.start), end: model.getPositionAt(node.end) } : null;
    this.#decorations = model.deltaDecorations(
      this.#decorations,
      range
        ? [
            {
              range: { startLineNumber: range.start.lineNumber, startColumn: range.start.column, endLineNumber: range.end.lineNumber, endColumn: range.end.column },
              options: { className: "template-node-highlight", stickiness: 1 },
            },
          ]
        : [],
    );
  }

  #scheduleRender(delayMs: number): void {
    clearTimeout(this.#renderTimer);
    this.#renderTimer = setTimeout(() => void this.#render(), delayMs);
  }

  async #render(): Promise<void> {
    const { path, source, tree } = this.state.get();
    if (!path || !tree) return;
    const seq = ++this.#renderSeq;
    try {
      const render = await this.studio.client.invoke("templates.render", { name: templateName(path), source: instrument(source, tree) });
      if (seq === this.#renderSeq) this.state.set((state) => ({ ...state, render }));
    } catch (error) {
      if (seq === this.#renderSeq) this.state.set((state) => ({ ...state, render: { html: null, error: error instanceof Error ? error.message : String(error), samplesPath: "" } }));
    }
  }
}

const stores = new WeakMap<Studio, TemplatesStore>();

/** The one templates store of a workbench, made on first use. */
export function templatesStoreFor(studio: Studio): TemplatesStore {
  let store = stores.get(studio);
  if (!store) {
    store = new TemplatesStore(studio);
    stores.set(studio, store);
  }
  return store;
}
