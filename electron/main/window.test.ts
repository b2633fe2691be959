import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SettingsStore } from "../host/settings.js";

type Listener = (...args: any[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeContents {
    readonly listeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    loaded: string | undefined;
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class FakeWindow {
    static last: FakeWindow | undefined;
    readonly webContents = new FakeContents();
    readonly listeners = new Map<string, Listener>();
    maximized = false;
    constructor(readonly options: Record<string, any>) {
      FakeWindow.last = this;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    isDestroyed() {
      return false;
    }
    getNormalBounds() {
      return { x: 40, y: 50, width: 1111, height: 777 };
    }
    async loadURL(url: string) {
      this.webContents.loaded = url;
    }
  }
  return { FakeWindow, showMessageBoxSync: vi.fn(() => 0) };
});

vi.mock("electron", () => ({
  BrowserWindow: fake.FakeWindow,
  dialog: { showMessageBoxSync: fake.showMessageBoxSync },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
}));

const { createStudioWindow } = await import("./window.js");

let userData: string;
let settings: SettingsStore;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), "vial-window-"));
  settings = new SettingsStore(userData);
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

function navigation(url: string): { url: string; prevented: boolean; preventDefault(): void } {
  const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe("createStudioWindow", () => {
  it("locks the renderer down: isolation, sandbox, no Node, no <webview>, the preload only", async () => {
    await createStudioWindow({ preload: "/app/dist/electron/preload.cjs", settings });
    expect(fake.FakeWindow.last?.options.webPreferences).toMatchObject({
      preload: "/app/dist/electron/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(fake.FakeWindow.last?.webContents.loaded).toBe("vial-studio://app/index.html");
  });

  it("refuses navigation away from the Studio and every window.open", async () => {
    await createStudioWindow({ preload: "/p.cjs", settings });
    const contents = fake.FakeWindow.last!.webContents;
    for (const url of ["https://evil.example/", "file:///etc/passwd", "http://127.0.0.1:5000/"]) {
      const event = navigation(url);
      contents.listeners.get("will-navigate")?.(event);
      expect(event.prevented, url).toBe(true);
      const redirect = navigation(url);
      contents.listeners.get("will-redirect")?.(redirect);
      expect(redirect.prevented, url).toBe(true);
    }
    const inside = navigation("vial-studio://app/index.html");
    contents.listeners.get("will-navigate")?.(inside);
    expect(inside.prevented).toBe(false);
    expect(contents.openHandler?.({ url: "https://example.com/" })).toEqual({ action: "deny" });
  });

  it("opens at the saved size and position and saves them on close", async () => {
    await settings.set({ window: { x: 100, y: 120, width: 1400, height: 900, maximized: true } });
    await createStudioWindow({ preload: "/p.cjs", settings });
    const window = fake.FakeWindow.last!;
    expect(window.options).toMatchObject({ x: 100, y: 120, width: 1400, height: 900 });
    expect(window.maximized).toBe(true);

    window.listeners.get("close")?.();
    await expect.poll(async () => (await new SettingsStore(userData).get()).window).toEqual({
      x: 40,
      y: 50,
      width: 1111,
      height: 777,
      maximized: true,
    });
  });

  it("ignores a saved position that is off every screen", async () => {
    await settings.set({ window: { x: 5000, y: 5000, width: 1000, height: 700, maximized: false } });
    await createStudioWindow({ preload: "/p.cjs", settings });
    expect(fake.FakeWindow.last?.options).not.toHaveProperty("x");
    expect(fake.FakeWindow.last?.options).toMatchObject({ width: 1000, height: 700 });
  });
});
