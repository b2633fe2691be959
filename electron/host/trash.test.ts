import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyOldTrash, moveToTrash, trashKeepMs } from "./trash.js";

let scratch: string;
let trash: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "vial-trash-"));
  trash = join(scratch, "trash");
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("trash", () => {
  it("keeps each deletion in its own folder, even of files with the same name", async () => {
    writeFileSync(join(scratch, "page.html"), "first");
    const first = await moveToTrash(join(scratch, "page.html"), trash);
    writeFileSync(join(scratch, "page.html"), "second");
    const second = await moveToTrash(join(scratch, "page.html"), trash);
    expect(first).not.toBe(second);
    expect(readFileSync(first, "utf8")).toBe("first");
    expect(readFileSync(second, "utf8")).toBe("second");
    expect(existsSync(join(scratch, "page.html"))).toBe(false);
  });

  it("fails without leaving an empty folder when there is nothing to move", async () => {
    await expect(moveToTrash(join(scratch, "missing"), trash)).rejects.toMatchObject({ code: "ENOENT" });
    expect(existsSync(trash) ? readdirSync(trash) : []).toEqual([]);
  });

  it("empties deletions older than the keep period, and only those", async () => {
    mkdirSync(join(trash, "old"), { recursive: true });
    mkdirSync(join(trash, "recent"), { recursive: true });
    const longAgo = new Date(Date.now() - trashKeepMs - 60_000);
    utimesSync(join(trash, "old"), longAgo, longAgo);
    expect(await emptyOldTrash(trash)).toBe(1);
    expect(existsSync(join(trash, "old"))).toBe(false);
    expect(existsSync(join(trash, "recent"))).toBe(true);
    expect(await emptyOldTrash(join(scratch, "no-trash-yet"))).toBe(0);
  });
});
