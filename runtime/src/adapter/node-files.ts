import { readFileSync, statSync } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import type { ByteRange, FileReader, FileStat } from "../files.js";

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

async function readRange(path: string, range: ByteRange): Promise<Uint8Array> {
  const length = Math.max(0, range.end - range.start + 1);
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(length);
    let filled = 0;
    // A single read may return fewer bytes than asked for; keep reading until the range is full or the file ends.
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, range.start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === length ? buffer : buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The `FileReader` backed by `node:fs`: what a Vial app uses when it runs on Node.
 * Missing files (and paths through a non-directory) read as `undefined` from `stat`, `readTextSync`
 * and `mtimeSync`; other errors (permissions, IO) are thrown as they are.
 *
 * @example
 * ```ts
 * import { nodeFileReader } from "vial/node";
 * const css = await nodeFileReader.readText("static/site.css");
 * ```
 */
export const nodeFileReader: FileReader = {
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const info = await stat(path);
      return { size: info.size, mtimeMs: info.mtimeMs, isFile: info.isFile() };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  async read(path: string, range?: ByteRange): Promise<Uint8Array> {
    if (range) return readRange(path, range);
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
  readText(path: string): Promise<string> {
    return readFile(path, "utf8");
  },
  readTextSync(path: string): string | undefined {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
      throw error;
    }
  },
  mtimeSync(path: string): number | undefined {
    try {
      return statSync(path).mtimeMs;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
};
