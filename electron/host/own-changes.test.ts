import { describe, expect, it } from "vitest";
import { OwnChanges } from "./own-changes.js";

describe("OwnChanges", () => {
  it("recognises its own write by the mtime it left, and not a later change", () => {
    const own = new OwnChanges();
    own.noteWritten("/p/app.ts", 1000);
    expect(own.isEcho("/p/app.ts", 1000)).toBe(true);
    expect(own.isEcho("/p/app.ts", 2000)).toBe(false);
    expect(own.isEcho("/p/other.ts", 1000)).toBe(false);
    expect(own.isEcho("/p/app.ts", undefined)).toBe(false);
  });

  it("recognises removals of a path and of everything under it", () => {
    const own = new OwnChanges();
    own.noteRemoved("/p/templates");
    expect(own.isOwnRemoval("/p/templates")).toBe(true);
    expect(own.isOwnRemoval("/p/templates/base.html")).toBe(true);
    expect(own.isOwnRemoval("/p/templates-old")).toBe(false);
  });

  it("lets the watcher wait for a write in progress", async () => {
    const own = new OwnChanges();
    let finish: () => void = () => undefined;
    const writing = own.writing("/p/app.ts", () => new Promise<void>((resolve) => (finish = resolve)).then(() => own.noteWritten("/p/app.ts", 5)));
    let echo: boolean | undefined;
    const judged = own.settled("/p/app.ts").then(() => (echo = own.isEcho("/p/app.ts", 5)));
    await Promise.resolve();
    expect(echo).toBeUndefined();
    finish();
    await writing;
    await judged;
    expect(echo).toBe(true);
  });
});
