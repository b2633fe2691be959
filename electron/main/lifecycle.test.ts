import { describe, expect, it, vi } from "vitest";

type Listener = (...args: any[]) => unknown;

const fake = vi.hoisted(() => ({ listeners: new Map<string, Listener>(), quits: 0 }));

vi.mock("electron", () => ({
  app: {
    isPackaged: true,
    on: (event: string, listener: Listener) => fake.listeners.set(event, listener),
    quit: () => void fake.quits++,
  },
  dialog: { showErrorBox: vi.fn() },
}));

const { setupLifecycle, setupSingleInstance } = await import("./lifecycle.js");

describe("setupSingleInstance", () => {
  it("focuses the window and opens the project a second launch names", () => {
    const window = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), focus: vi.fn() };
    const opened: string[] = [];
    setupSingleInstance(() => window as never, (dir) => void opened.push(dir));
    fake.listeners.get("second-instance")?.({}, ["/opt/vial-studio", "--some-switch", "site"], "/home/me");
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(opened).toEqual(["/home/me/site"]);
    fake.listeners.get("second-instance")?.({}, ["/opt/vial-studio"], "/home/me");
    expect(opened).toEqual(["/home/me/site"]);
  });
});

describe("setupLifecycle", () => {
  it("stops the host (the user's app, the watchers) before quitting, once", async () => {
    let finish: () => void = () => undefined;
    const dispose = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    setupLifecycle({ dispose } as never, () => undefined, async () => undefined);
    const event = { preventDefault: vi.fn() };
    fake.listeners.get("before-quit")?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.quits).toBe(0);
    finish();
    await vi.waitFor(() => expect(fake.quits).toBe(1));
    const second = { preventDefault: vi.fn() };
    fake.listeners.get("before-quit")?.(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
