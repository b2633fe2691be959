import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateRequest } from "../api/validate.js";
import { defaultSettings, SettingsStore } from "./settings.js";

let userData: string;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), "vial-settings-"));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe("SettingsStore", () => {
  it("starts from the defaults without writing anything", async () => {
    const store = new SettingsStore(userData);
    expect(await store.get()).toEqual(defaultSettings);
    expect(existsSync(store.file)).toBe(false);
  });

  it("stores a change in settings.json and reads it back in a new process", async () => {
    await new SettingsStore(userData).set({ theme: "dark", fontSize: 16, window: { x: 10, y: 20, width: 1000, height: 700, maximized: false } });
    const reloaded = await new SettingsStore(userData).get();
    expect(reloaded).toMatchObject({ theme: "dark", fontSize: 16, tabSize: 2, window: { width: 1000, maximized: false } });
    expect(JSON.parse(readFileSync(join(userData, "settings.json"), "utf8"))).toMatchObject({ theme: "dark" });
  });

  it("keeps every change when several are made at once", async () => {
    const store = new SettingsStore(userData);
    await Promise.all([store.set({ theme: "light" }), store.set({ tabSize: 4 }), store.set({ wordWrap: true })]);
    expect(await new SettingsStore(userData).get()).toMatchObject({ theme: "light", tabSize: 4, wordWrap: true });
  });

  it("recovers from a corrupt file: defaults, and the broken file kept aside", async () => {
    writeFileSync(join(userData, "settings.json"), '{"theme": "dark", ');
    expect(await new SettingsStore(userData).get()).toEqual(defaultSettings);
    expect(readdirSync(userData).some((name) => name.startsWith("settings.json.corrupt-"))).toBe(true);
  });

  it("drops only the keys that no longer validate", async () => {
    writeFileSync(join(userData, "settings.json"), JSON.stringify({ theme: "purple", fontSize: 18, tabSize: 99, unknown: 1 }));
    expect(await new SettingsStore(userData).get()).toEqual({ ...defaultSettings, fontSize: 18 });
  });
});

describe("settings.set validation", () => {
  it("accepts a valid patch and refuses bad values with a message naming the field", () => {
    expect(validateRequest("settings.set", { theme: "dark", defaultPort: 0 })).toEqual({ theme: "dark", defaultPort: 0 });
    expect(() => validateRequest("settings.set", { theme: "purple" })).toThrow(/request\.theme must be one of "system", "light", "dark"/);
    expect(() => validateRequest("settings.set", { fontSize: 3 })).toThrow(/fontSize must be a whole number from 8 to 40/);
    expect(() => validateRequest("settings.set", { defaultPort: 80 })).toThrow(/defaultPort/);
    expect(() => validateRequest("settings.set", { colour: "red" })).toThrow(/unknown field "colour"/);
    expect(() => validateRequest("settings.set", { layout: { sidebar: -5 } })).toThrow(/layout\.sidebar/);
  });
});
