import { describe, expect, it } from "vitest";
import type { Settings } from "../../electron/api/contract";
import type { HostInvoker } from "../api/client";
import { DEFAULT_SETTINGS, resolveTheme, SettingsStore, toggledTheme } from "./settings";

describe("themes", () => {
  it("follows the OS when the preference is system", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("toggles to the opposite of what shows", () => {
    expect(toggledTheme("dark")).toBe("light");
    expect(toggledTheme("light")).toBe("dark");
  });
});

describe("SettingsStore", () => {
  it("applies a change at once and then takes the host's validated answer", async () => {
    let stored: Settings = { ...DEFAULT_SETTINGS };
    const seen: number[] = [];
    const host = {
      invoke: async (method: string, request: Partial<Settings>) => {
        if (method === "settings.set") stored = { ...stored, ...request, fontSize: Math.min(40, request.fontSize ?? stored.fontSize) };
        return stored;
      },
    } as unknown as HostInvoker;
    const store = new SettingsStore(host);
    store.settings.subscribe(() => seen.push(store.settings.get().fontSize));
    await store.update({ fontSize: 99 });
    expect(seen).toEqual([99, 40]);
    await store.setLayoutSize("sidebar", 311.6);
    expect(store.settings.get().layout).toEqual({ sidebar: 312 });
  });
});
