import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BufferStore } from "./buffers.js";

let userData: string;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), "vial-buffers-"));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe("BufferStore", () => {
  it("keeps unsaved buffers per project and gives them back after a restart", async () => {
    const first = new BufferStore(userData);
    await first.save("/projects/a", { path: "app.ts", content: "draft of a", baseMtimeMs: 1000 });
    await first.save("/projects/a", { path: "templates/new.html", content: "<p>new</p>", baseMtimeMs: null });
    await first.save("/projects/b", { path: "app.ts", content: "draft of b", baseMtimeMs: 2000 });

    const restarted = new BufferStore(userData);
    const buffers = await restarted.list("/projects/a");
    expect(buffers.map(({ path, content, baseMtimeMs }) => ({ path, content, baseMtimeMs }))).toEqual([
      { path: "app.ts", content: "draft of a", baseMtimeMs: 1000 },
      { path: "templates/new.html", content: "<p>new</p>", baseMtimeMs: null },
    ]);
    expect((await restarted.list("/projects/b")).map((buffer) => buffer.content)).toEqual(["draft of b"]);
  });

  it("keeps the last of many quick saves", async () => {
    const store = new BufferStore(userData);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.save("/p", { path: "app.ts", content: `version ${i}`, baseMtimeMs: 1 })),
    );
    expect((await new BufferStore(userData).list("/p"))[0]?.content).toBe("version 19");
  });

  it("forgets a discarded buffer, and a save queued before the discard does not bring it back", async () => {
    const store = new BufferStore(userData);
    void store.save("/p", { path: "app.ts", content: "typed", baseMtimeMs: 1 });
    await store.discard("/p", "app.ts");
    expect(await store.list("/p")).toEqual([]);
  });

  it("skips a corrupt buffer file instead of failing the whole list", async () => {
    const store = new BufferStore(userData);
    await store.save("/p", { path: "good.ts", content: "good", baseMtimeMs: 1 });
    const [projectDir] = readdirSync(store.dir);
    writeFileSync(join(store.dir, projectDir ?? "", "broken.json"), "{not json");
    expect((await store.list("/p")).map((buffer) => buffer.path)).toEqual(["good.ts"]);
  });
});
