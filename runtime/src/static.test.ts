import { describe, expect, it } from "vitest";
import type { ByteRange, FileReader } from "./files.js";
import { mimeTypeFor, safeJoin, serveFile } from "./static.js";

const MTIME = Date.UTC(2026, 0, 15, 10, 30, 0, 250);

function memoryReader(entries: Record<string, string>): FileReader {
  const encoder = new TextEncoder();
  const folders = new Set(
    Object.keys(entries).flatMap((path) => path.split("/").slice(1, -1).map((_, i, parts) => "/" + parts.slice(0, i + 1).join("/"))),
  );
  return {
    async stat(path) {
      if (path in entries) return { size: encoder.encode(entries[path]).length, mtimeMs: MTIME, isFile: true };
      return folders.has(path) ? { size: 0, mtimeMs: MTIME, isFile: false } : undefined;
    },
    async read(path, range?: ByteRange) {
      const bytes = encoder.encode(entries[path]);
      return range ? bytes.slice(range.start, range.end + 1) : bytes;
    },
    async readText(path) {
      return entries[path] ?? "";
    },
    readTextSync: (path) => entries[path],
    mtimeSync: (path) => (path in entries ? MTIME : undefined),
  };
}

const files = memoryReader({
  "/srv/app/static/site.css": "body { color: red }",
  "/srv/app/static/js/app.js": "console.log(1)",
  "/srv/app/static/digits.txt": "0123456789",
  "/srv/app/static/%2e%2e/literal.txt": "a file really named %2e%2e",
  "/srv/app/secret.txt": "TOP SECRET",
  "/srv/secret.txt": "TOP SECRET",
  "/etc/passwd": "root:x:0:0",
});
const root = "/srv/app/static";

function get(filename: string, headers: Record<string, string> = {}, method = "GET"): Promise<Response> {
  return serveFile({ files, root, filename, request: new Request("http://localhost/static/x", { method, headers }) });
}

describe("serveFile", () => {
  it("serves a file with its type, length, validators and no-cache by default", async () => {
    const res = await get("site.css");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("body { color: red }");
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("content-length")).toBe("19");
    expect(res.headers.get("etag")).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get("last-modified")).toBe("Thu, 15 Jan 2026 10:30:00 GMT");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
  });

  it("serves files in subfolders and says public max-age when asked", async () => {
    const res = await serveFile({ files, root, filename: "js/app.js", request: new Request("http://x/"), maxAge: 3600 });
    expect(await res.text()).toBe("console.log(1)");
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("ignores empty and dot segments", async () => {
    expect(await (await get("./js//app.js")).text()).toBe("console.log(1)");
  });

  it("gives 404 for missing files and folders", async () => {
    expect((await get("nope.css")).status).toBe(404);
    expect((await get("js")).status).toBe(404);
    expect((await get("")).status).toBe(404);
  });

  it.each([
    "../secret.txt",
    "../../secret.txt",
    "js/../../secret.txt",
    "..",
    "js/..",
    "/etc/passwd",
    "//etc/passwd",
    "\\etc\\passwd",
    "..\\secret.txt",
    "js\\..\\..\\secret.txt",
    "C:/Windows/win.ini",
    "c:secret.txt",
    "site.css\u0000.png",
    "\u0000",
    "site.css\n",
  ])("never escapes the folder: %j is 404", async (filename) => {
    const res = await get(filename);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("SECRET");
  });

  it.each(["%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "..%2fsecret.txt", "%252e%252e/secret.txt", "%2e%2e%5csecret.txt"])(
    "does not decode again, so encoded traversal %j cannot escape",
    async (filename) => {
      const res = await get(filename);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("SECRET");
    },
  );

  it("treats percent signs as part of the name (the router already decoded the URL)", async () => {
    expect(await (await get("%2e%2e/literal.txt")).text()).toBe("a file really named %2e%2e");
  });

  it("answers 304 when If-None-Match holds the ETag (weak comparison, lists, *)", async () => {
    const etag = (await get("site.css")).headers.get("etag") ?? "";
    for (const value of [etag, etag.slice(2), `"other", ${etag}`, "*"]) {
      const res = await get("site.css", { "If-None-Match": value });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
    }
    expect((await get("site.css", { "If-None-Match": '"other"' })).status).toBe(200);
  });

  it("answers 304 on If-Modified-Since at or after the mtime, and ignores it when If-None-Match is present", async () => {
    expect((await get("site.css", { "If-Modified-Since": "Thu, 15 Jan 2026 10:30:00 GMT" })).status).toBe(304);
    expect((await get("site.css", { "If-Modified-Since": "Fri, 16 Jan 2026 00:00:00 GMT" })).status).toBe(304);
    expect((await get("site.css", { "If-Modified-Since": "Thu, 15 Jan 2026 10:29:59 GMT" })).status).toBe(200);
    expect((await get("site.css", { "If-Modified-Since": "not a date" })).status).toBe(200);
    const both = { "If-Modified-Since": "Fri, 16 Jan 2026 00:00:00 GMT", "If-None-Match": '"other"' };
    expect((await get("site.css", both)).status).toBe(200);
  });

  it("serves a single byte range with 206 and Content-Range", async () => {
    const cases: [string, string, string][] = [
      ["bytes=2-5", "2345", "bytes 2-5/10"],
      ["bytes=7-", "789", "bytes 7-9/10"],
      ["bytes=-3", "789", "bytes 7-9/10"],
      ["bytes=8-100", "89", "bytes 8-9/10"],
      ["bytes=-100", "0123456789", "bytes 0-9/10"],
    ];
    for (const [range, body, contentRange] of cases) {
      const res = await get("digits.txt", { Range: range });
      expect(res.status).toBe(206);
      expect(await res.text()).toBe(body);
      expect(res.headers.get("content-range")).toBe(contentRange);
      expect(res.headers.get("content-length")).toBe(String(body.length));
    }
  });

  it("answers 416 for a range that starts past the end", async () => {
    for (const range of ["bytes=10-", "bytes=50-60", "bytes=-0"]) {
      const res = await get("digits.txt", { Range: range });
      expect(res.status).toBe(416);
      expect(res.headers.get("content-range")).toBe("bytes */10");
    }
  });

  it("sends the whole file for malformed, multiple or stale-If-Range ranges", async () => {
    for (const headers of <Record<string, string>[]>[
      { Range: "bytes=5-2" },
      { Range: "items=0-3" },
      { Range: "bytes=0-1,4-5" },
      { Range: "bytes=-" },
      { Range: "bytes=0-3", "If-Range": "Wed, 14 Jan 2026 00:00:00 GMT" },
      { Range: "bytes=0-3", "If-Range": 'W/"whatever"' },
    ]) {
      const res = await get("digits.txt", headers);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("0123456789");
    }
    const fresh = await get("digits.txt", { Range: "bytes=0-3", "If-Range": "Thu, 15 Jan 2026 10:30:00 GMT" });
    expect(fresh.status).toBe(206);
  });

  it("answers HEAD with headers and no body", async () => {
    const res = await get("site.css", {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("19");
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await res.text()).toBe("");
    const ranged = await get("digits.txt", { Range: "bytes=0-1" }, "HEAD");
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe("");
  });

  it("lets the caller set the type and Content-Disposition", async () => {
    const res = await serveFile({
      files,
      root,
      filename: "digits.txt",
      request: new Request("http://x/"),
      mimetype: "application/x-digits",
      contentDisposition: 'attachment; filename="d.txt"',
    });
    expect(res.headers.get("content-type")).toBe("application/x-digits");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="d.txt"');
  });
});

describe("safeJoin", () => {
  it("joins below the root and strips the root's trailing slash", () => {
    expect(safeJoin("/srv/static/", "a/b.css")).toBe("/srv/static/a/b.css");
    expect(safeJoin("C:\\app\\static", "a.css")).toBe("C:\\app\\static/a.css");
  });
});

describe("mimeTypeFor", () => {
  it("knows the common web types and falls back to octet-stream", () => {
    expect(mimeTypeFor("a/b/page.HTML")).toBe("text/html; charset=utf-8");
    expect(mimeTypeFor("data.json")).toBe("application/json; charset=utf-8");
    expect(mimeTypeFor("icon.svg")).toBe("image/svg+xml; charset=utf-8");
    expect(mimeTypeFor("font.woff2")).toBe("font/woff2");
    expect(mimeTypeFor("photo.jpeg")).toBe("image/jpeg");
    expect(mimeTypeFor("Makefile")).toBe("application/octet-stream");
    expect(mimeTypeFor("archive.xyz")).toBe("application/octet-stream");
  });
});
