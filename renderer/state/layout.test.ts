import { describe, expect, it } from "vitest";
import { LayoutStore } from "./layout";

describe("LayoutStore", () => {
  it("hides the side bar when the active view's button is clicked again", () => {
    const layout = new LayoutStore();
    layout.selectView("explorer");
    expect(layout.state.get().sidebarVisible).toBe(false);
    layout.selectView("explorer");
    expect(layout.state.get()).toMatchObject({ sidebarVisible: true, activeView: "explorer" });
    layout.selectView("routes");
    expect(layout.state.get()).toMatchObject({ sidebarVisible: true, activeView: "routes" });
  });

  it("toggles parts and opens the palette in a mode", () => {
    const layout = new LayoutStore();
    layout.toggle("panelVisible");
    expect(layout.state.get().panelVisible).toBe(false);
    layout.openPalette("files");
    expect(layout.state.get().palette).toBe("files");
    layout.closePalette();
    expect(layout.state.get().palette).toBeNull();
  });

  it("shows the panel on a tab and keeps that tab while the panel is hidden", () => {
    const layout = new LayoutStore();
    expect(layout.state.get().panelTab).toBe("output");
    layout.toggle("panelVisible");
    layout.showPanel("problems");
    expect(layout.state.get()).toMatchObject({ panelVisible: true, panelTab: "problems" });
    layout.toggle("panelVisible");
    layout.toggle("panelVisible");
    expect(layout.state.get().panelTab).toBe("problems");
  });
});
