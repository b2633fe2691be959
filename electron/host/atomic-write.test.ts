import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAtomicTemp, writeFileAtomic } from "./atomic-write.js";

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "vial-atomic-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temp file", async () => {
    const file = join(scratch, "plain.txt");
    writeFileSync(file, "old");
    await writeFileAtomic(file, "new content");
    expect(readFileSync(file, "utf8")).toBe("new content");
    expect(readdirSync(scratch).filter(isAtomicTemp)).toEqual([]);
  });

  it("keeps the permission bits of the file it replaces", async () => {
    const file = join(scratch, "script.sh");
    writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
    await writeFileAtomic(file, "#!/bin/sh\necho hi\n");
    expect(statSync(file).mode & 0o777).toBe(0o755);
  });

  it("writes files whose names are as long as the file system allows", async () => {
    const file = join(scratch, `${"n".repeat(250)}.txt`);
    await writeFileAtomic(file, "long");
    expect(readFileSync(file, "utf8")).toBe("long");
  });

  it("fails cleanly when the folder does not exist", async () => {
    await expect(writeFileAtomic(join(scratch, "missing", "file.txt"), "x")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("leaves the old or the new file, never half of one, when the writer is killed mid-write", async () => {
    const writer = join(scratch, "writer.mjs");
    await build({
      stdin: {
        contents: `
          import { writeFileAtomic } from ${JSON.stringify(join(import.meta.dirname, "atomic-write.ts"))};
          const [target, size] = [process.argv[2], Number(process.argv[3])];
          for (let round = 0; round < 1000; round++) await writeFileAtomic(target, Buffer.alloc(size, round % 2 ? 66 : 67));
        `,
        resolveDir: import.meta.dirname,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: writer,
      logLevel: "silent",
    });
    const size = 48 * 1024 * 1024;
    const dir = join(scratch, "killed");
    mkdirSync(dir);
    const target = join(dir, "big.bin");
    writeFileSync(target, Buffer.alloc(size, 65));

    const child = spawn(process.execPath, [writer, target, String(size)], { stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Kill it as soon as a temp file is being written: that is mid-save.
    for (let i = 0; i < 2000 && readdirSync(dir).filter(isAtomicTemp).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill("SIGKILL");
    await exited;

    expect(readdirSync(dir).some(isAtomicTemp)).toBe(true);
    const content = readFileSync(target);
    expect(content.length).toBe(size);
    const first = content[0];
    expect([65, 66, 67]).toContain(first);
    expect(content.every((byte) => byte === first)).toBe(true);
  }, 60_000);
});
