/**
 * The one way files reach the IO-free core: static files, `sendFile` and the template loader all read
 * through a `FileReader`, so the core never imports `node:fs` and tests can inject an in-memory one.
 *
 * @example
 * ```ts
 * import type { FileReader } from "vial";
 * const info = await reader.stat("/srv/app/static/site.css");
 * if (info?.isFile) console.log(await reader.readText("/srv/app/static/site.css"));
 * ```
 */
export interface FileReader {
  /** Size, modification time and kind of the entry; `undefined` when nothing exists at `path`. */
  stat(path: string): Promise<FileStat | undefined>;
  /** The bytes of a file, or of the inclusive byte `range` of it. */
  read(path: string, range?: ByteRange): Promise<Uint8Array>;
  /** The whole file decoded as UTF-8. */
  readText(path: string): Promise<string>;
  /** Synchronous UTF-8 read for the template loader (Jinja's loader is sync); `undefined` when missing. */
  readTextSync(path: string): string | undefined;
  /** Synchronous modification time for template auto-reload; `undefined` when missing. */
  mtimeSync(path: string): number | undefined;
}

/**
 * What `FileReader.stat` reports about one entry.
 *
 * @example
 * ```ts
 * const info: FileStat = { size: 12, mtimeMs: Date.now(), isFile: true };
 * ```
 */
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
}

/**
 * An inclusive byte range, as HTTP `Range: bytes=start-end` counts it.
 *
 * @example
 * ```ts
 * const firstKilobyte: ByteRange = { start: 0, end: 1023 };
 * ```
 */
export interface ByteRange {
  start: number;
  end: number;
}
