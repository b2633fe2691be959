import { describe, expect, it, vi } from "vitest";
import { CommandRegistry, type CommandContext } from "./registry";

const context: CommandContext = { projectOpen: true, hasActiveEditor: true };
const ctrl = (key: string) => ({ key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false });

describe("CommandRegistry", () => {
  it("finds the command bound to a key press", () => {
    const registry = new CommandRegistry();
    const save = vi.fn();
    registry.register({ id: "file.save", label: "Save", keybinding: "Mod+S", run: save });
    registry.register({ id: "file.close", label: "Close", keybinding: "Mod+W", run: vi.fn() });
    expect(registry.forKeyPress(ctrl("s"), context, "other")?.id).toBe("file.save");
    expect(registry.forKeyPress(ctrl("q"), context, "other")).toBeUndefined();
  });

  it("ignores commands whose condition does not hold", async () => {
    const registry = new CommandRegistry();
    const run = vi.fn();
    registry.register({ id: "file.save", label: "Save", keybinding: "Mod+S", when: (c) => c.hasActiveEditor, run });
    const noEditor = { ...context, hasActiveEditor: false };
    expect(registry.forKeyPress(ctrl("s"), noEditor, "other")).toBeUndefined();
    expect(registry.isBound(ctrl("s"), "other")).toBe(true);
    expect(registry.isBound(ctrl("q"), "other")).toBe(false);
    expect(registry.available(noEditor)).toEqual([]);
    expect(await registry.execute("file.save", noEditor)).toBe(false);
    expect(await registry.execute("file.save", context)).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("refuses a duplicate id and frees it when disposed", () => {
    const registry = new CommandRegistry();
    const dispose = registry.register({ id: "a", label: "A", run: vi.fn() });
    expect(() => registry.register({ id: "a", label: "A again", run: vi.fn() })).toThrow(/already registered/);
    dispose();
    expect(registry.get("a")).toBeUndefined();
  });
});
