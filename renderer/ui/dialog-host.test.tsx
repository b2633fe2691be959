import { act } from "react";
import { describe, expect, it } from "vitest";
import { DialogsStore } from "../state/dialogs";
import type { Studio } from "../studio";
import { StudioContext } from "../studio-context";
import { DialogHost } from "./dialog-host";
import { reactRootPerTest } from "./test-dom";

const dom = reactRootPerTest();

/** The dialog host over a stand-in for the workbench: a text area that would take keys if it had focus. */
async function renderHost(dialogs: DialogsStore): Promise<HTMLTextAreaElement> {
  const studio = { dialogs } as unknown as Studio;
  await act(async () =>
    dom.root.render(
      <StudioContext.Provider value={studio}>
        <textarea data-testid="behind" />
        <DialogHost />
      </StudioContext.Provider>,
    ),
  );
  return dom.container.querySelector<HTMLTextAreaElement>('[data-testid="behind"]')!;
}

function press(key: string, shiftKey = false): void {
  document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key, shiftKey, bubbles: true, cancelable: true }));
}

describe("DialogHost", () => {
  it("keeps focus in the dialog when something behind it takes focus, and Escape still dismisses it", async () => {
    const dialogs = new DialogsStore();
    const behind = await renderHost(dialogs);
    behind.focus();
    let answer: Promise<string | null> = Promise.resolve("unset");
    await act(async () => {
      answer = dialogs.choose({ title: "Delete File", message: "Delete it?", choices: [{ id: "delete", label: "Delete", kind: "danger" }, { id: "cancel", label: "Cancel" }] });
    });
    const dialog = dom.container.querySelector('[role="dialog"]')!;
    expect(dialog.contains(document.activeElement)).toBe(true);

    // A file that finishes opening focuses the editor behind the modal.
    behind.focus();
    expect(document.activeElement?.textContent).toBe("Delete");

    await act(async () => press("Escape"));
    expect(await answer).toBeNull();
    expect(dom.container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(behind);
  });

  it("wraps Tab and Shift+Tab around the dialog's controls", async () => {
    const dialogs = new DialogsStore();
    await renderHost(dialogs);
    await act(async () => {
      void dialogs.prompt({ title: "New File", label: "File name", confirmLabel: "Create" });
    });
    const input = dom.container.querySelector<HTMLInputElement>('[data-testid="dialog-input"]')!;
    expect(document.activeElement).toBe(input);
    press("Tab", true);
    expect(document.activeElement?.textContent).toBe("Create");
    press("Tab");
    expect(document.activeElement).toBe(input);
  });
});
