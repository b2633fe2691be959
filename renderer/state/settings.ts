import type { Settings, ThemePreference } from "../../electron/api/contract";
import type { HostInvoker } from "../api/client";
import { createStore } from "./store";


export const DEFAULT_SETTINGS: Settings = {
  theme: "system",
  fontSize: 13,
  wordWrap: false,
  tabSize: 2,
  defaultPort: 0,
  window: null,
  layout: {},
};

/** The theme actually shown: the preference, or the OS's when the preference is "system". */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): "light" | "dark" {
  if (preference === "system") return systemPrefersDark ? "dark" : "light";
  return preference;
}

/** The next theme when the user toggles: always an explicit light or dark, the opposite of what shows. */
export function toggledTheme(shown: "light" | "dark"): ThemePreference {
  return shown === "dark" ? "light" : "dark";
}

/** The user's settings, loaded from the host and written back on every change (optimistically). */
export class SettingsStore {
  readonly settings = createStore<Settings>(DEFAULT_SETTINGS);

  constructor(private readonly host: HostInvoker) {}

  async load(): Promise<void> {
    this.settings.set(await this.host.invoke("settings.get", {}));
  }

  /** Applies the change at once and persists it; the host's answer (validated) wins. */
  async update(change: Partial<Settings>): Promise<void> {
    this.settings.set((current) => ({ ...current, ...change }));
    this.settings.set(await this.host.invoke("settings.set", change));
  }

  /** Remembers the size of one resizable part ("sidebar", "preview", "panel"). */
  async setLayoutSize(part: string, size: number): Promise<void> {
    const layout = { ...this.settings.get().layout, [part]: Math.round(size) };
    await this.update({ layout });
  }
}
