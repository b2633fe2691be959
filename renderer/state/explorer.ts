import { createStore } from "./store";

export interface ExplorerState {
  /** Folders shown open, by project-relative path. */
  expanded: ReadonlySet<string>;
  selected: string | null;
  /** The row showing a name field instead of its label. */
  renaming: string | null;
  /** The folder a dragged entry would land in ("" is the root), while dragging over the tree. */
  dropTarget: string | null;
}

/** What the explorer shows open and selected; kept outside the tree component so commands can use it. */
export class ExplorerStore {
  readonly state = createStore<ExplorerState>({ expanded: new Set(), selected: null, renaming: null, dropTarget: null });

  toggle(folder: string): void {
    this.state.set((state) => {
      const expanded = new Set(state.expanded);
      if (expanded.has(folder)) expanded.delete(folder);
      else expanded.add(folder);
      return { ...state, expanded };
    });
  }

  /** Opens every folder on the way to `path` so it shows in the tree. */
  reveal(path: string): void {
    this.state.set((state) => {
      const expanded = new Set(state.expanded);
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i++) expanded.add(parts.slice(0, i).join("/"));
      return { ...state, expanded, selected: path };
    });
  }

  select(path: string | null): void {
    this.state.set((state) => ({ ...state, selected: path }));
  }

  /** Shows a name field on the row (null puts the label back). */
  setRenaming(path: string | null): void {
    this.state.set((state) => ({ ...state, renaming: path, selected: path ?? state.selected }));
  }

  setDropTarget(folder: string | null): void {
    this.state.set((state) => (state.dropTarget === folder ? state : { ...state, dropTarget: folder }));
  }

  collapseAll(): void {
    this.state.set((state) => ({ ...state, expanded: new Set() }));
  }

  reset(): void {
    this.state.set({ expanded: new Set(), selected: null, renaming: null, dropTarget: null });
  }
}
