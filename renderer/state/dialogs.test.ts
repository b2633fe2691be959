import { describe, expect, it } from "vitest";
import { DialogsStore } from "./dialogs";

describe("DialogsStore", () => {
  it("shows one dialog at a time and resolves each with the user's answer", async () => {
    const dialogs = new DialogsStore();
    const first = dialogs.choose({ title: "A", message: "?", choices: [{ id: "yes", label: "Yes" }] });
    const second = dialogs.prompt({ title: "B", label: "Name", value: "x" });
    expect(dialogs.queue.get().map((dialog) => dialog.title)).toEqual(["A", "B"]);
    dialogs.settle("yes");
    expect(dialogs.queue.get().map((dialog) => dialog.title)).toEqual(["B"]);
    dialogs.settle(null);
    await expect(first).resolves.toBe("yes");
    await expect(second).resolves.toBeNull();
    expect(dialogs.queue.get()).toEqual([]);
  });
});
