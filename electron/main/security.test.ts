import { describe, expect, it, vi } from "vitest";

type Listener = (...args: any[]) => unknown;

const fake = vi.hoisted(() => ({
  requestHandler: undefined as Listener | undefined,
  checkHandler: undefined as Listener | undefined,
  appListeners: new Map<string, Listener>(),
}));

vi.mock("electron", () => ({
  app: { on: (event: string, listener: Listener) => fake.appListeners.set(event, listener) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => (fake.requestHandler = handler),
      setPermissionCheckHandler: (handler: Listener) => (fake.checkHandler = handler),
    },
  },
}));

const { setupSecurity } = await import("./security.js");

describe("setupSecurity", () => {
  setupSecurity();

  it("denies every permission request and check", () => {
    for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal"]) {
      const callback = vi.fn();
      fake.requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(fake.checkHandler?.({}, "media")).toBe(false);
  });

  it("blocks <webview> and pop-ups in every web contents the app creates", () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = { on: (event: string, listener: Listener) => listeners.set(event, listener), setWindowOpenHandler: (handler: Listener) => (openHandler = handler) };
    fake.appListeners.get("web-contents-created")?.({}, contents);
    const attach = { preventDefault: vi.fn() };
    listeners.get("will-attach-webview")?.(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(openHandler?.({ url: "https://example.com" })).toEqual({ action: "deny" });
  });
});
