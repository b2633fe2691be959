import type { IndexProblem, NewRoute, RouteChange, RouteIndex, RouteInfo, RoutePlan, RouteRef, RouteSource, TextEdit } from "../../../electron/api/contract";
import { createStore } from "../../state/store";
import { filePaths } from "../../state/workspace";
import { openLocation } from "../../workbench/preview/open-location";
import { mayReferenceEndpoints } from "./model";
import type { Studio } from "../../studio";

export interface RoutesState {
  index: RouteIndex | null;
  error: string | null;
}

function refOf(source: RouteSource): RouteRef {
  return { localRule: source.localRule, localEndpoint: source.localEndpoint, line: source.line };
}

/**
 * The route designer's state and actions. Edits are planned by the host against the text the editor
 * holds, then applied to the file's Monaco model as one undoable step and saved, so the editor shows
 * the change at once and Undo in the editor takes it back.
 */
export class RoutesStore {
  readonly state = createStore<RoutesState>({ index: null, error: null });
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #lastRevision = -1;
  #lastState = "";

  constructor(private readonly studio: Studio) {
    studio.client.on("appHost.status", (status) => {
      if (status.revision === this.#lastRevision && status.state === this.#lastState) return;
      this.#lastRevision = status.revision;
      this.#lastState = status.state;
      this.scheduleRefresh();
    });
    studio.client.on("files.changed", () => this.scheduleRefresh());
    studio.client.on("project.changed", () => {
      this.state.set({ index: null, error: null });
      this.scheduleRefresh();
    });
  }

  scheduleRefresh(delayMs = 150): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  async refresh(): Promise<void> {
    if (this.studio.workspace.state.get().project === null) return;
    try {
      const index = await this.studio.client.invoke("routes.index", {});
      this.state.set({ index, error: null });
    } catch (error) {
      this.state.set((state) => ({ ...state, error: error instanceof Error ? error.message : String(error) }));
    }
  }

  /** Opens a route's handler in the editor at its line. */
  async open(route: RouteInfo): Promise<void> {
    if (!route.source) return;
    await openLocation(this.studio, { file: route.source.file, line: route.source.handlerLine, column: 1 });
  }

  /** Opens a file the index could not read at its error. */
  async openProblem(problem: IndexProblem): Promise<void> {
    await openLocation(this.studio, { file: problem.file, line: problem.line, column: problem.column });
  }

  async create(file: string, spec: NewRoute): Promise<void> {
    const plan = await this.#planned(file, (source) => this.studio.client.invoke("routes.create", { file, source, ...spec }));
    const index = await this.#afterEdit(plan);
    const created = index?.routes.find((route) => route.source?.file === file && route.source.localEndpoint === spec.endpoint);
    if (created) await this.open(created);
  }

  async update(route: RouteInfo, change: RouteChange): Promise<void> {
    const source = route.source;
    if (!source) throw new Error("This route exists only in the running app: change it in the code that registers it.");
    const plan = await this.#planned(source.file, (text) =>
      this.studio.client.invoke("routes.update", { file: source.file, route: refOf(source), change, source: text }),
    );
    await this.#afterEdit(plan);
  }

  async delete(route: RouteInfo, withHandler: boolean): Promise<void> {
    const source = route.source;
    if (!source) throw new Error("This route exists only in the running app: remove it from the code that registers it.");
    const plan = await this.#planned(source.file, (text) =>
      this.studio.client.invoke("routes.delete", { file: source.file, route: refOf(source), withHandler, source: text }),
    );
    await this.#afterEdit(plan);
  }

  /**
   * The references `find` sees in the project's code and templates (the editor's text for open
   * files), as edits per file.
   */
  async findReferences(find: (text: string) => TextEdit[]): Promise<{ path: string; edits: TextEdit[] }[]> {
    const found: { path: string; edits: TextEdit[] }[] = [];
    for (const path of filePaths(this.studio.workspace.state.get().tree).filter(mayReferenceEndpoints)) {
      const open = this.studio.editors.models.get(path);
      const text = open ? open.getValue() : await this.studio.client.invoke("files.read", { path }).then((file) => (file.binary ? "" : file.content), () => "");
      const edits = find(text);
      if (edits.length > 0) found.push({ path, edits });
    }
    return found;
  }

  /** Applies the edits `find` makes in every file that has some: each file's change is one undo step in its editor, then saved. */
  async renameReferences(find: (text: string) => TextEdit[]): Promise<void> {
    for (const { path } of await this.findReferences(find)) {
      const { edits } = await this.#planned(path, async (source) => ({ path, edits: find(source), created: [] }));
      if (edits.length > 0) await this.studio.editors.save(path);
    }
    await this.refresh();
  }

  /** Opens the file, asks for a plan against the editor's text, and applies it as one undo step. */
  async #planned(file: string, plan: (source: string) => Promise<RoutePlan>): Promise<RoutePlan> {
    const { editors } = this.studio;
    await editors.open(file);
    const model = editors.models.get(file);
    if (!model) throw new Error(`${file} could not be opened.`);
    const version = model.getVersionId();
    const result = await plan(model.getValue());
    if (model.isDisposed() || model.getVersionId() !== version) throw new Error(`${file} changed while the edit was planned: try again.`);
    model.pushStackElement();
    model.pushEditOperations(
      [],
      result.edits.map((edit) => {
        const start = model.getPositionAt(edit.start);
        const end = model.getPositionAt(edit.end);
        return { range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: edit.text };
      }),
      () => null,
    );
    model.pushStackElement();
    return result;
  }

  async #afterEdit(plan: RoutePlan): Promise<RouteIndex | null> {
    await this.studio.editors.save(plan.path);
    if (plan.created.length > 0) await this.studio.workspace.refreshTree();
    await this.refresh();
    return this.state.get().index;
  }
}

const stores = new WeakMap<Studio, RoutesStore>();

/** The one routes store of a workbench, made on first use. */
export function routesStoreFor(studio: Studio): RoutesStore {
  let store = stores.get(studio);
  if (!store) {
    store = new RoutesStore(studio);
    stores.set(studio, store);
  }
  return store;
}
