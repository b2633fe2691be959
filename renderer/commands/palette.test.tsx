import { act } from "react";
import { describe, expect, it } from "vitest";
import type { FileNode } from "../../electron/api/contract";
import { LayoutStore } from "../state/layout";
import { createStore } from "../state/store";
import type { WorkspaceState } from "../state/workspace";
import type { Studio } from "../studio";
import { StudioContext } from "../studio-context";
import { reactRootPerTest } from "../ui/test-dom";
import { Palette } from "./palette";

const dom = reactRootPerTest();

const tree: FileNode = {
  name: "site",
  path: "",
  kind: "dir",
  children: [
    { name: "app.ts", path: "app.ts", kind: "file" },
    { name: "README.md", path: "README.md", kind: "file" },
  ],
};

/** A studio with quick open showing, a project whose file list has not arrived yet, and a log of opened files. */
function quickOpenStudio() {
  const layout = new LayoutStore();
  layout.openPalette("files");
  const workspace = createStore<WorkspaceState>({ ready: true, info: null, project: null, tree: null, recent: [], starters: [] });
  const opened: string[] = [];
  const studio = {
    layout,
    workspace: { state: workspace },
    editors: { open: async (path: string) => void opened.push(path) },
    attempt: async (work: () => Promise<void>) => work(),
  } as unknown as Studio;
  return { studio, layout, workspace, opened };
}

async function show(studio: Studio): Promise<void> {
  await act(async () =>
    dom.root.render(
      <StudioContext.Provider value={studio}>
        <Palette />
      </StudioContext.Provider>,
    ),
  );
}

async function press(key: string): Promise<void> {
  await act(async () => {
    dom.byTestId("palette-input").dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  });
}

describe("quick open", () => {
  it("opens the top match once the file list arrives when Enter came before it", async () => {
    const { studio, layout, workspace, opened } = quickOpenStudio();
    await show(studio);
    await dom.type("palette-input", "read");
    expect(dom.container.textContent).toContain("Loading the project's files…");
    await press("Enter");
    expect(layout.state.get().palette).toBe("files");

    await act(async () => workspace.set((state) => ({ ...state, tree })));
    expect(opened).toEqual(["README.md"]);
    expect(layout.state.get().palette).toBeNull();
  });

  it("forgets an early Enter when the query changes, and opens nothing without a match", async () => {
    const { studio, layout, workspace, opened } = quickOpenStudio();
    await show(studio);
    await dom.type("palette-input", "app");
    await press("Enter");
    await dom.type("palette-input", "app.t");
    await act(async () => workspace.set((state) => ({ ...state, tree })));
    expect(opened).toEqual([]);
    expect(layout.state.get().palette).toBe("files");

    await dom.type("palette-input", "nothing-like-it");
    await press("Enter");
    expect(dom.container.textContent).toContain("No matching files");
    expect(opened).toEqual([]);
  });
});
