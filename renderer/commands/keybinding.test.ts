import { describe, expect, it } from "vitest";
import { formatKeybinding, matchesKeybinding, parseKeybinding } from "./keybinding";

const press = (key: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "shiftKey" | "altKey", boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("matchesKeybinding", () => {
  it("maps Mod to Ctrl off macOS and to Cmd on macOS", () => {
    expect(matchesKeybinding("Mod+S", press("s", { ctrlKey: true }), "other")).toBe(true);
    expect(matchesKeybinding("Mod+S", press("s", { metaKey: true }), "other")).toBe(false);
    expect(matchesKeybinding("Mod+S", press("s", { metaKey: true }), "mac")).toBe(true);
    expect(matchesKeybinding("Mod+S", press("s", { ctrlKey: true }), "mac")).toBe(false);
  });

  it("matches shifted letters whatever their case", () => {
    expect(matchesKeybinding("Mod+Shift+P", press("P", { ctrlKey: true, shiftKey: true }), "other")).toBe(true);
  });

  it("refuses a press with extra or missing modifiers", () => {
    expect(matchesKeybinding("Mod+P", press("p", { ctrlKey: true, shiftKey: true }), "other")).toBe(false);
    expect(matchesKeybinding("Mod+Shift+P", press("p", { ctrlKey: true }), "other")).toBe(false);
    expect(matchesKeybinding("Mod+S", press("s"), "other")).toBe(false);
  });

  it("matches named keys", () => {
    expect(matchesKeybinding("F2", press("F2"), "other")).toBe(true);
    expect(matchesKeybinding("Mod+Backspace", press("Backspace", { metaKey: true }), "mac")).toBe(true);
  });
});

describe("parseKeybinding", () => {
  it("rejects unknown modifiers and empty keys", () => {
    expect(() => parseKeybinding("Hyper+S", "other")).toThrow(/unknown modifier/);
    expect(() => parseKeybinding("", "other")).toThrow(/no key/);
  });
});

describe("formatKeybinding", () => {
  it("reads like the platform", () => {
    expect(formatKeybinding("Mod+Shift+P", "other")).toBe("Ctrl+Shift+P");
    expect(formatKeybinding("Mod+Shift+P", "mac")).toBe("⇧⌘P");
    expect(formatKeybinding("Mod+Backspace", "other")).toBe("Ctrl+Backspace");
  });
});
