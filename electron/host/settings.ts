/**
 * The user's settings: one JSON file in the user-data folder, written atomically. Loading never
 * fails: a missing file gives the defaults, a corrupt one is set aside, a bad key falls back alone.
 */
import { join } from "node:path";
import type { Settings } from "../api/contract.js";
import { isRecord, settingsChecks } from "../api/validate.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";

/**
 * What a fresh user-data folder starts with.
 *
 * @example
 * defaultSettings.theme; // "system"
 */
export const defaultSettings: Readonly<Settings> = Object.freeze({
  theme: "system",
  fontSize: 14,
  wordWrap: false,
  tabSize: 2,
  defaultPort: 5000,
  window: null,
  layout: {},
});

function fromStored(stored: unknown): Settings {
  const settings: Settings = { ...defaultSettings, layout: {} };
  if (!isRecord(stored)) return settings;
  for (const key of Object.keys(settingsChecks) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    try {
      Object.assign(settings, { [key]: settingsChecks[key](stored[key], key) });
    } catch {
      // A key that no longer validates (edited by hand, older version) keeps its default.
    }
  }
  return settings;
}

/**
 * Settings stored in `<userDataDir>/settings.json`.
 *
 * @example
 * const store = new SettingsStore("/home/me/.config/vial-studio");
 * await store.set({ theme: "dark" });
 */
export class SettingsStore {
  readonly file: string;
  #current: Settings | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(userDataDir: string) {
    this.file = join(userDataDir, "settings.json");
  }

  async get(): Promise<Settings> {
    this.#current ??= fromStored(await readJsonFile(this.file));
    return structuredClone(this.#current);
  }

  /** Merges an already validated patch and stores the result. Writes are serialised. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = this.#queue.then(async () => {
      const merged: Settings = { ...(await this.get()), ...patch };
      await writeJsonFile(this.file, merged);
      this.#current = merged;
      return structuredClone(merged);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
