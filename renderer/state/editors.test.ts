import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ModelRegistry } from "../monaco/models";
import { FakeHost, FakeModel } from "../test-support/fake-host";
import { EditorsStore } from "./editors";

function setup(answer: string | null = "cancel") {
  const host = new FakeHost();
  const models = new ModelRegistry<FakeModel>({ createModel: (value) => new FakeModel(value) });
  const choose = vi.fn(async () => answer);
  const editors = new EditorsStore(host.invoker, models, { choose }, { hotExitDelayMs: 100 });
  return { host, models, editors, choose };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("EditorsStore", () => {
  it("opens a file in a tab, marks it dirty on edit and clean after save", async () => {
    const { host, editors, models } = setup();
    host.write("app.ts", "one");
    await editors.open("app.ts");
    expect(editors.state.get()).toEqual({ tabs: [{ path: "app.ts", dirty: false }], active: "app.ts" });
    models.get("app.ts")!.setValue("two");
    expect(editors.state.get().tabs[0]!.dirty).toBe(true);
    expect(await editors.save()).toBe(true);
    expect(host.files.get("app.ts")!.content).toBe("two");
    expect(editors.state.get().tabs[0]!.dirty).toBe(false);
  });

  it("asks the editor to reveal a position when opened with one", async () => {
    const { host, editors } = setup();
    host.write("app.ts", "a\nb\nc");
    await editors.open("app.ts", { line: 3 });
    expect(editors.reveal.get()).toEqual({ path: "app.ts", line: 3, column: 1 });
    await editors.open("app.ts");
    expect(editors.reveal.get()).toEqual({ path: "app.ts", line: 3, column: 1 });
  });

  it("leaves keyboard focus where it is once for a file opened with preserveFocus", async () => {
    const { host, editors } = setup();
    host.write("a.ts", "a");
    host.write("b.ts", "b");
    await editors.open("a.ts", undefined, { preserveFocus: true });
    expect(editors.takesFocus("a.ts")).toBe(false);
    expect(editors.takesFocus("a.ts")).toBe(true);
    await editors.open("b.ts");
    expect(editors.takesFocus("b.ts")).toBe(true);
    await editors.open("b.ts", undefined, { preserveFocus: true });
    editors.activate("a.ts");
    expect(editors.takesFocus("a.ts")).toBe(true);
  });

  it("keeps a dirty tab open when the user cancels the close prompt", async () => {
    const { host, editors, models, choose } = setup("cancel");
    host.write("a.ts", "x");
    await editors.open("a.ts");
    models.get("a.ts")!.setValue("y");
    expect(await editors.close("a.ts")).toBe(false);
    expect(choose).toHaveBeenCalledOnce();
    expect(editors.state.get().tabs).toHaveLength(1);
  });

  it("saves on close when the user picks Save, and discards on Don't Save", async () => {
    const saving = setup("save");
    saving.host.write("a.ts", "x");
    await saving.editors.open("a.ts");
    saving.models.get("a.ts")!.setValue("saved");
    expect(await saving.editors.close("a.ts")).toBe(true);
    expect(saving.host.files.get("a.ts")!.content).toBe("saved");

    const discarding = setup("discard");
    discarding.host.write("a.ts", "x");
    await discarding.editors.open("a.ts");
    discarding.models.get("a.ts")!.setValue("lost");
    expect(await discarding.editors.close("a.ts")).toBe(true);
    expect(discarding.host.files.get("a.ts")!.content).toBe("x");
    expect(discarding.editors.state.get()).toEqual({ tabs: [], active: null });
  });

  it("closes a clean tab without asking and activates its neighbour", async () => {
    const { host, editors, choose } = setup();
    for (const path of ["a.ts", "b.ts", "c.ts"]) {
      host.write(path, path);
      await editors.open(path);
    }
    editors.activate("b.ts");
    await editors.close("b.ts");
    expect(choose).not.toHaveBeenCalled();
    expect(editors.state.get()).toEqual({
      tabs: [
        { path: "a.ts", dirty: false },
        { path: "c.ts", dirty: false },
      ],
      active: "c.ts",
    });
  });

  it("closes the other tabs and keeps the one asked for", async () => {
    const { host, editors } = setup();
    for (const path of ["a.ts", "b.ts", "c.ts"]) {
      host.write(path, path);
      await editors.open(path);
    }
    expect(await editors.closeAll("b.ts")).toBe(true);
    expect(editors.state.get()).toEqual({ tabs: [{ path: "b.ts", dirty: false }], active: "b.ts" });
  });

  it("cycles through tabs in both directions, wrapping around", async () => {
    const { host, editors } = setup();
    for (const path of ["a.ts", "b.ts", "c.ts"]) {
      host.write(path, path);
      await editors.open(path);
    }
    editors.cycle(1);
    expect(editors.state.get().active).toBe("a.ts");
    editors.cycle(-1);
    expect(editors.state.get().active).toBe("c.ts");
  });

  it("opens files in the order asked, even when an earlier file's read comes back last", async () => {
    const { host, editors } = setup();
    host.write("slow.ts", "slow");
    host.write("quick.ts", "quick");
    const release = host.hold("slow.ts");
    const slow = editors.open("slow.ts");
    const quick = editors.open("quick.ts");
    await vi.waitFor(() => expect(host.calls.some((call) => call.method === "files.read")).toBe(true));
    release();
    await Promise.all([slow, quick]);
    expect(editors.state.get()).toEqual({
      tabs: [
        { path: "slow.ts", dirty: false },
        { path: "quick.ts", dirty: false },
      ],
      active: "quick.ts",
    });
  });

  it("goes on opening files after one that cannot be read", async () => {
    const { host, editors } = setup();
    host.write("there.ts", "here");
    await expect(editors.open("gone.ts")).rejects.toThrow("No file at gone.ts");
    await editors.open("there.ts");
    expect(editors.state.get().active).toBe("there.ts");
  });

  it("sends dirty buffers to the host after a pause and forgets them after save", async () => {
    const { host, editors, models } = setup();
    host.write("a.ts", "x");
    await editors.open("a.ts");
    models.get("a.ts")!.setValue("draft 1");
    models.get("a.ts")!.setValue("draft 2");
    await vi.advanceTimersByTimeAsync(150);
    expect(host.buffers.get("a.ts")?.content).toBe("draft 2");
    expect(host.calls.filter((call) => call.method === "buffers.save")).toHaveLength(1);
    await editors.save("a.ts");
    expect(host.buffers.has("a.ts")).toBe(false);
  });

  it("sends pending buffers at once when the page goes away", async () => {
    const { host, editors, models } = setup();
    host.write("a.ts", "x");
    await editors.open("a.ts");
    models.get("a.ts")!.setValue("typed just now");
    editors.flushHotExit();
    await Promise.resolve();
    expect(host.buffers.get("a.ts")?.content).toBe("typed just now");
  });

  it("restores buffers after a reload as unsaved tabs", async () => {
    const first = setup();
    first.host.write("templates/index.html", "<h1>old</h1>");
    await first.editors.open("templates/index.html");
    first.models.get("templates/index.html")!.setValue("<h1>new</h1>");
    await vi.advanceTimersByTimeAsync(150);

    const second = setup();
    second.host.files = first.host.files;
    second.host.buffers = first.host.buffers;
    await second.editors.restoreBuffers();
    expect(second.editors.state.get()).toEqual({ tabs: [{ path: "templates/index.html", dirty: true }], active: "templates/index.html" });
    expect(second.models.get("templates/index.html")!.getValue()).toBe("<h1>new</h1>");
  });

  it("asks before overwriting a file that changed on disk", async () => {
    const { host, editors, models, choose } = setup("cancel");
    host.write("a.ts", "x");
    await editors.open("a.ts");
    host.write("a.ts", "changed elsewhere");
    models.get("a.ts")!.setValue("mine");
    expect(await editors.save("a.ts")).toBe(false);
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ title: "File changed on disk" }));
    expect(host.files.get("a.ts")!.content).toBe("changed elsewhere");
  });

  it("follows disk changes for clean editors only", async () => {
    const { host, editors, models } = setup();
    host.write("a.ts", "1");
    host.write("b.ts", "1");
    await editors.open("a.ts");
    await editors.open("b.ts");
    models.get("b.ts")!.setValue("edited");
    host.write("a.ts", "2");
    host.write("b.ts", "2");
    await editors.filesChanged(["a.ts", "b.ts"], "changed");
    expect(models.get("a.ts")!.getValue()).toBe("2");
    expect(models.get("b.ts")!.getValue()).toBe("edited");
  });

  it("moves tabs when a folder is renamed and closes them when it is deleted", async () => {
    const { host, editors } = setup();
    host.write("src/a.ts", "a");
    await editors.open("src/a.ts");
    editors.renamed("src", "lib");
    expect(editors.state.get()).toEqual({ tabs: [{ path: "lib/a.ts", dirty: false }], active: "lib/a.ts" });
    editors.deleted("lib");
    expect(editors.state.get()).toEqual({ tabs: [], active: null });
  });
});
