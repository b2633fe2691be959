import { NotFound } from "./exceptions.js";
import type { ByteRange, FileReader, FileStat } from "./files.js";
import { currentApp, request as currentRequest } from "./globals.js";

const TEXT = "; charset=utf-8";

// The types web apps actually serve; anything else is application/octet-stream, so the browser downloads
// rather than guesses.
const MIME_TYPES: Record<string, string> = {
  html: "text/html" + TEXT,
  htm: "text/html" + TEXT,
  css: "text/css" + TEXT,
  js: "text/javascript" + TEXT,
  mjs: "text/javascript" + TEXT,
  cjs: "text/javascript" + TEXT,
  map: "application/json" + TEXT,
  json: "application/json" + TEXT,
  webmanifest: "application/manifest+json" + TEXT,
  txt: "text/plain" + TEXT,
  md: "text/markdown" + TEXT,
  csv: "text/csv" + TEXT,
  xml: "application/xml" + TEXT,
  svg: "image/svg+xml" + TEXT,
  ics: "text/calendar" + TEXT,
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/vnd.microsoft.icon",
  bmp: "image/bmp",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  eot: "application/vnd.ms-fontobject",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  wasm: "application/wasm",
};

/**
 * The Content-Type for a file name from its extension (case-insensitive); text types carry
 * `; charset=utf-8`, unknown extensions give `application/octet-stream`.
 *
 * @example
 * ```ts
 * mimeTypeFor("site.css");   // "text/css; charset=utf-8"
 * mimeTypeFor("logo.PNG");   // "image/png"
 * ```
 */
export function mimeTypeFor(filename: string): string {
  const base = filename.slice(filename.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot < 0) return "application/octet-stream";
  return MIME_TYPES[base.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Joins an untrusted, already URL-decoded `filename` onto `root`, or returns `undefined` when the result
 * could leave `root`: any `..` segment, an absolute path (`/x`, `C:x`, `\\server`), a backslash (a separator
 * on Windows), a NUL byte or a control character. Empty and `.` segments are dropped.
 * Like Werkzeug's `safe_join` it works on the string alone and does not follow symlinks: a symlink placed
 * inside `root` by the app's author is trusted.
 *
 * @example
 * ```ts
 * safeJoin("/srv/static", "css/site.css");  // "/srv/static/css/site.css"
 * safeJoin("/srv/static", "../secret.txt"); // undefined
 * ```
 */
export function safeJoin(root: string, filename: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\\]/.test(filename) || filename.startsWith("/") || /^[a-zA-Z]:/.test(filename)) {
    return undefined;
  }
  const parts: string[] = [];
  for (const segment of filename.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") return undefined;
    parts.push(segment);
  }
  if (parts.length === 0) return undefined;
  return root.replace(/[/\\]+$/, "") + "/" + parts.join("/");
}

/**
 * What file serving reads from a request: a web `Request` and Vial's `request` both fit.
 *
 * @example
 * ```ts
 * const req: RequestLike = new Request("http://localhost/static/site.css");
 * ```
 */
export interface RequestLike {
  readonly method: string;
  readonly headers: Headers;
}

/**
 * Options of {@link serveFile}.
 *
 * @example
 * ```ts
 * const opts: ServeFileOptions = { files: nodeFileReader, root: "/srv/app/static", filename: "site.css", request };
 * ```
 */
export interface ServeFileOptions {
  /** Where the bytes come from (the app's `files`). */
  files: FileReader;
  /** The folder nothing may escape from. */
  root: string;
  /** The untrusted, URL-decoded path below `root` (the `<path:filename>` of the static route). */
  filename: string;
  /** The request being answered (a web `Request` or Vial's `request`): its method, conditional and Range headers. */
  request: RequestLike;
  /** Seconds for `Cache-Control: public, max-age=N`; without it the response says `no-cache` (revalidate each time). */
  maxAge?: number;
  /** Overrides the Content-Type guessed from the file's extension. */
  mimetype?: string;
  /** A ready `Content-Disposition` header value. */
  contentDisposition?: string;
}

/**
 * Answers a request with a file below `root`, the way Flask's `send_from_directory` does: `NotFound` (404,
 * so `errorHandler(404)` applies) for any path that is missing, not a file, or would escape `root` (see
 * {@link safeJoin}); a weak ETag from size and
 * mtime plus Last-Modified; 304 when `If-None-Match` (or, without it, `If-Modified-Since`) shows the client's
 * copy is current; a single `Range: bytes=…` gives 206 with Content-Range (416 when it starts past the end,
 * several ranges or a stale `If-Range` give the whole file); HEAD gets the headers and no body.
 *
 * @example
 * ```ts
 * app.get("/downloads/<path:filename>", ({ filename }) =>
 *   serveFile({ files: app.files, root: app.root + "/downloads", filename, request }));
 * ```
 */
export async function serveFile(opts: ServeFileOptions): Promise<Response> {
  const path = safeJoin(opts.root, opts.filename);
  const info = path === undefined ? undefined : await opts.files.stat(path);
  if (path === undefined || !info?.isFile) throw new NotFound();
  return respondWithFile(opts.files, path, info, opts);
}

async function respondWithFile(
  files: FileReader,
  path: string,
  info: FileStat,
  opts: Omit<ServeFileOptions, "files" | "root" | "filename">,
): Promise<Response> {
  const { request } = opts;
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const lastModified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control":
      opts.maxAge !== undefined && opts.maxAge > 0 ? `public, max-age=${Math.floor(opts.maxAge)}` : "no-cache",
    "Accept-Ranges": "bytes",
  });
  if (isNotModified(request.headers, etag, lastModified)) return new Response(null, { status: 304, headers });

  headers.set("Content-Type", opts.mimetype ?? mimeTypeFor(path));
  if (opts.contentDisposition !== undefined) headers.set("Content-Disposition", opts.contentDisposition);
  const isHead = request.method === "HEAD";
  const range = rangeFor(request.headers, lastModified, info.size);

  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${info.size}`);
    headers.delete("Content-Type");
    return new Response(null, { status: 416, headers });
  }
  if (range !== undefined) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${info.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new Response(isHead ? null : await fileBody(files, path, range), { status: 206, headers });
  }
  headers.set("Content-Length", String(info.size));
  const whole = { start: 0, end: info.size - 1 };
  return new Response(isHead || info.size === 0 ? null : await fileBody(files, path, whole), { status: 200, headers });
}

const CHUNK_SIZE = 256 * 1024;

// Small files are read in one go; big ones (videos, archives) stream chunk by chunk, so serving them
// never holds the whole file in memory.
async function fileBody(files: FileReader, path: string, range: ByteRange): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  if (range.end - range.start < CHUNK_SIZE * 4) return files.read(path, range);
  let next = range.start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const start = next;
      const end = Math.min(start + CHUNK_SIZE - 1, range.end);
      const chunk = await files.read(path, { start, end });
      next = end + 1;
      if (chunk.length > 0) controller.enqueue(chunk);
      // A file that shrank while being sent ends early rather than looping on empty reads.
      if (next > range.end || chunk.length < end - start + 1) controller.close();
    },
  });
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  // If-None-Match uses the weak comparison: W/"x" and "x" are the same validator.
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}

function isNotModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers.get("If-None-Match");
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = headers.get("If-Modified-Since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

function rangeFor(
  headers: Headers,
  lastModified: Date,
  size: number,
): ByteRange | "unsatisfiable" | undefined {
  const header = headers.get("Range");
  if (header === null) return undefined;
  const ifRange = headers.get("If-Range");
  if (ifRange !== null) {
    // If-Range needs a strong validator and our ETag is weak, so only its date form can keep the range.
    const since = Date.parse(ifRange);
    if (Number.isNaN(since) || lastModified.getTime() > since) return undefined;
  }
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/**
 * Options of {@link sendFile}.
 *
 * @example
 * ```ts
 * const opts: SendFileOptions = { asAttachment: true, downloadName: "report.csv" };
 * ```
 */
export interface SendFileOptions {
  /** Content-Type to send instead of the one guessed from the file name. */
  mimetype?: string;
  /** Ask the browser to save the file (`Content-Disposition: attachment`) rather than show it. */
  asAttachment?: boolean;
  /** The file name the browser sees (default: the file's own name). */
  downloadName?: string;
  /** Seconds of caching (default: config `SEND_FILE_MAX_AGE_DEFAULT`; none means revalidate every time). */
  maxAge?: number;
}

function contentDisposition(kind: "attachment" | "inline", name: string): string {
  // Old clients read only `filename`, so it gets an ASCII stand-in; `filename*` carries the real name.
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  if (ascii === name) return `${kind}; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

/**
 * Sends one file as the response to the current request, like Flask's `send_file`: a relative `path`
 * is relative to the app's `root`; the reply has the same validators, 304s, ranges and HEAD handling as
 * {@link serveFile}, and `NotFound` when the file does not exist. The path is trusted: never build it
 * from user input (use {@link serveFile} with a `root` for that, as Flask's `send_from_directory`).
 *
 * @example
 * ```ts
 * app.get("/report", () => sendFile("reports/latest.csv", { asAttachment: true, downloadName: "report.csv" }));
 * ```
 */
export async function sendFile(path: string, opts: SendFileOptions = {}): Promise<Response> {
  const app = currentApp;
  const full = isAbsolutePath(path) ? path : `${app.root.replace(/[\\/]+$/, "")}/${path}`;
  const info = await app.files.stat(full);
  if (!info?.isFile) throw new NotFound();
  const name = opts.downloadName ?? full.slice(Math.max(full.lastIndexOf("/"), full.lastIndexOf("\\")) + 1);
  const maxAge = opts.maxAge ?? app.config.SEND_FILE_MAX_AGE_DEFAULT;
  return respondWithFile(app.files, full, info, {
    request: currentRequest,
    ...(maxAge !== undefined ? { maxAge } : {}),
    mimetype: opts.mimetype ?? mimeTypeFor(name),
    ...(opts.asAttachment || opts.downloadName !== undefined
      ? { contentDisposition: contentDisposition(opts.asAttachment ? "attachment" : "inline", name) }
      : {}),
  });
}
