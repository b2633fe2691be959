import { describe, expect, it, vi } from "vitest";

const fake = vi.hoisted(() => ({
  result: { canceled: false, filePaths: ["/home/me/site"] },
  opened: [] as string[],
  dialogCalls: [] as unknown[][],
}));

vi.mock("electron", () => ({
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      fake.dialogCalls.push(args);
      return fake.result;
    },
  },
  shell: { openExternal: async (url: string) => void fake.opened.push(url) },
}));

const { setupDialogs } = await import("./dialogs.js");

describe("setupDialogs", () => {
  const window = { id: 1 };
  const dialogs = setupDialogs(() => window as never);

  it("picks a folder in a native dialog attached to the Studio window", async () => {
    expect(await dialogs.openFolderDialog("Open a Vial project")).toBe("/home/me/site");
    expect(fake.dialogCalls[0]).toEqual([window, { title: "Open a Vial project", properties: ["openDirectory", "createDirectory"] }]);
    fake.result = { canceled: true, filePaths: [] };
    expect(await dialogs.openFolderDialog(undefined)).toBeNull();
  });

  it("opens only http(s) URLs in the system browser", async () => {
    await dialogs.openExternal("https://flask.palletsprojects.com/");
    await expect(dialogs.openExternal("file:///etc/passwd")).rejects.toThrow("Refusing to open file: URLs.");
    await expect(dialogs.openExternal("smb://server/share")).rejects.toThrow(/Refusing/);
    expect(fake.opened).toEqual(["https://flask.palletsprojects.com/"]);
  });
});
