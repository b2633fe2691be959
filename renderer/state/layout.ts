import { createStore } from "./store";

export type PaletteMode = "commands" | "files";

/** The bottom panel's tabs. */
export type PanelTab = "output" | "requests" | "problems";

export interface LayoutState {
  sidebarVisible: boolean;
  panelVisible: boolean;
  previewVisible: boolean;
  /** Id of the side-bar view shown (see workbench/views.ts). */
  activeView: string;
  /** The bottom panel's tab, kept while the panel is hidden. */
  panelTab: PanelTab;
  palette: PaletteMode | null;
}

/** Which parts of the workbench are showing. Their sizes live in settings (remembered by the host). */
export class LayoutStore {
  readonly state = createStore<LayoutState>({
    sidebarVisible: true,
    panelVisible: true,
    previewVisible: true,
    activeView: "explorer",
    panelTab: "output",
    palette: null,
  });

  toggle(part: "sidebarVisible" | "panelVisible" | "previewVisible"): void {
    this.state.set((state) => ({ ...state, [part]: !state[part] }));
  }

  /** Clicking the active view's icon hides the side bar, clicking another shows that view (VS Code's rule). */
  selectView(id: string): void {
    this.state.set((state) =>
      state.activeView === id && state.sidebarVisible
        ? { ...state, sidebarVisible: false }
        : { ...state, activeView: id, sidebarVisible: true },
    );
  }

  /** Shows a view in the side bar whatever is showing now. */
  showView(id: string): void {
    this.state.set((state) => ({ ...state, activeView: id, sidebarVisible: true }));
  }

  /** Shows the bottom panel on a tab (the status bar's problem count opens Problems). */
  showPanel(tab: PanelTab): void {
    this.state.set((state) => ({ ...state, panelVisible: true, panelTab: tab }));
  }

  openPalette(mode: PaletteMode): void {
    this.state.set((state) => ({ ...state, palette: mode }));
  }

  closePalette(): void {
    this.state.set((state) => ({ ...state, palette: null }));
  }
}
