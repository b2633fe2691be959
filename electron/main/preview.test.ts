import { describe, expect, it, vi } from "vitest";

type Listener = (...args: any[]) => unknown;

const fake = vi.hoisted(() => {
  const sessions: { partition: string; request?: Listener; check?: Listener }[] = [];
  class FakeView {
    static created: FakeView[] = [];
    bounds: unknown;
    visible = false;
    readonly loads: string[] = [];
    readonly listeners = new Map<string, Listener>();
    openHandler: Listener | undefined;
    url = "about:blank";
    /** Scripts run in the page, each with the function that settles it as the page would. */
    readonly scripts: { code: string; settle: (value: unknown) => void }[] = [];
    readonly webContents = {
      setWindowOpenHandler: (handler: Listener) => (this.openHandler = handler),
      on: (event: string, listener: Listener) => this.listeners.set(event, listener),
      getURL: () => this.url,
      loadURL: async (url: string) => {
        this.url = url;
        this.loads.push(url);
      },
      close: () => undefined,
      executeJavaScript: (code: string) => new Promise((settle) => this.scripts.push({ code, settle })),
    };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      FakeView.created.push(this);
    }
    setBounds(bounds: unknown) {
      this.bounds = bounds;
    }
    setVisible(visible: boolean) {
      this.visible = visible;
    }
  }
  return { sessions, FakeView };
});

vi.mock("electron", () => ({
  WebContentsView: fake.FakeView,
  session: {
    fromPartition: (partition: string) => {
      const entry: (typeof fake.sessions)[number] = { partition };
      fake.sessions.push(entry);
      return {
        setPermissionRequestHandler: (handler: Listener) => (entry.request = handler),
        setPermissionCheckHandler: (handler: Listener) => (entry.check = handler),
      };
    },
  },
}));

const { setupPreview } = await import("./preview.js");

const added: unknown[] = [];
const window = {
  isDestroyed: () => false,
  once: () => undefined,
  contentView: { addChildView: (view: unknown) => added.push(view) },
  webContents: { getZoomFactor: () => 1.5 },
};

describe("setupPreview", () => {
  const preview = setupPreview(() => window as never);

  it("shows the app in a sandboxed view of its own session, without preload or Node, scaled to the zoom", async () => {
    await preview.showPreview("http://127.0.0.1:5000/", { x: 100, y: 40, width: 600, height: 400 }, false);
    const view = fake.FakeView.created[0]!;
    expect(added).toEqual([view]);
    expect(view.options.webPreferences).toEqual({ partition: "vial-preview", sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(view.options.webPreferences).not.toHaveProperty("preload");
    expect(view.bounds).toEqual({ x: 150, y: 60, width: 900, height: 600 });
    expect(view.visible).toBe(true);
    expect(view.loads).toEqual(["http://127.0.0.1:5000/"]);
  });

  it("denies permissions in the preview session", () => {
    const callback = vi.fn();
    fake.sessions[0]?.request?.({}, "geolocation", callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.sessions[0]?.check?.({}, "media")).toBe(false);
  });

  it("keeps the view on the app's origin and opens no windows", () => {
    const view = fake.FakeView.created[0]!;
    const navigate = (url: string) => {
      const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
      view.listeners.get("will-navigate")?.(event);
      return event.prevented;
    };
    expect(navigate("http://127.0.0.1:5000/about")).toBe(false);
    expect(navigate("https://evil.example/")).toBe(true);
    expect(navigate("file:///etc/passwd")).toBe(true);
    expect(view.openHandler?.({ url: "http://127.0.0.1:5000/x" })).toEqual({ action: "deny" });
  });

  it("reloads only when asked or when the URL changes, and hides without closing", async () => {
    const view = fake.FakeView.created[0]!;
    await preview.showPreview("http://127.0.0.1:5000/", { x: 0, y: 0, width: 10, height: 10 }, false);
    await preview.showPreview("http://127.0.0.1:5000/", { x: 0, y: 0, width: 10, height: 10 }, true);
    await preview.showPreview("http://127.0.0.1:5000/about", { x: 0, y: 0, width: 10, height: 10 }, false);
    expect(view.loads).toEqual(["http://127.0.0.1:5000/", "http://127.0.0.1:5000/", "http://127.0.0.1:5000/about"]);
    await preview.hidePreview();
    expect(view.visible).toBe(false);
    expect(fake.FakeView.created).toHaveLength(1);
  });

  it("runs the inspect tool in the shown page and each page loaded after, until a pick or an end", async () => {
    const view = fake.FakeView.created[0]!;
    const started = () => view.scripts.filter((script) => script.code.includes("start()"));
    const picked = preview.inspectPreview(true);
    expect(started()).toHaveLength(1);
    // A new page: the inspector starts again there; only that page's answer counts.
    view.listeners.get("did-finish-load")?.();
    expect(started()).toHaveLength(2);
    started()[0]?.settle(null);
    started()[1]?.settle("templates/index.html:5");
    expect(await picked).toBe("templates/index.html:5");
    view.listeners.get("did-finish-load")?.();
    expect(started()).toHaveLength(2);

    const cancelled = preview.inspectPreview(true);
    expect(await preview.inspectPreview(false)).toBeNull();
    expect(await cancelled).toBeNull();
    expect(view.scripts.at(-1)?.code).toContain("stop()");

    const hidden = preview.inspectPreview(true);
    await preview.hidePreview();
    expect(await hidden).toBeNull();
  });
});
