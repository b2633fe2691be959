import { act } from "react";
import { describe, expect, it } from "vitest";
import type { Settings } from "../../../electron/api/contract";
import { DEFAULT_SETTINGS } from "../../state/settings";
import { createStore } from "../../state/store";
import type { Studio } from "../../studio";
import { StudioContext } from "../../studio-context";
import { reactRootPerTest } from "../../ui/test-dom";
import { SettingsView } from "./settings-view";

const dom = reactRootPerTest();

/** A studio whose settings change in memory, recording each change asked for. */
function studioWithSettings(changes: Partial<Settings>[]): Studio {
  const settings = createStore<Settings>({ ...DEFAULT_SETTINGS, fontSize: 14 });
  const update = async (change: Partial<Settings>) => {
    changes.push(change);
    settings.set((current) => ({ ...current, ...change }));
  };
  return { settings: { settings, update }, attempt: async (run: () => Promise<unknown>) => run() } as unknown as Studio;
}

describe("the Settings view", () => {
  it("says why a font size out of range is not taken, keeps the saved one, and takes a good one", async () => {
    const changes: Partial<Settings>[] = [];
    await act(async () =>
      dom.root.render(
        <StudioContext.Provider value={studioWithSettings(changes)}>
          <SettingsView />
        </StudioContext.Provider>,
      ),
    );
    const fontSize = dom.byTestId<HTMLInputElement>("settings-font-size");
    await dom.type(fontSize, "100");
    const problem = document.getElementById(fontSize.getAttribute("aria-describedby") ?? "");
    expect(fontSize.getAttribute("aria-invalid")).toBe("true");
    expect(problem?.textContent).toBe("Use a whole number from 8 to 40; 14 stays until then.");
    expect(changes).toEqual([]);

    await dom.type(fontSize, "18");
    expect(fontSize.getAttribute("aria-invalid")).toBe("false");
    expect(dom.container.querySelector('[role="alert"]')).toBeNull();
    expect(changes).toEqual([{ fontSize: 18 }]);
  });
});
