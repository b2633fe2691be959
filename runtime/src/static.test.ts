import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { ListeningServer } from "./adapter/node.js";
import { Vial } from "./app.js";
import { NotFound } from "./exceptions.js";
import type { ByteRange, FileReader } from "./files.js";
import { mimeTypeFor, safeJoin, sendFile, serveFile } from "./static.js";

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

async function expectNotFound(filename: string): Promise<void> {
  await expect(get(filename)).rejects.toBeInstanceOf(NotFound);
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

  it("raises NotFound (404) for missing files and folders", async () => {
    await expectNotFound("nope.css");
    await expectNotFound("js");
    await expectNotFound("");
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
  ])("never escapes the folder: %j is NotFound", async (filename) => {
    await expectNotFound(filename);
  });

  it.each(["%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "..%2fsecret.txt", "%252e%252e/secret.txt", "%2e%2e%5csecret.txt"])(
    "does not decode again, so encoded traversal %j cannot escape",
    async (filename) => {
      await expectNotFound(filename);
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

describe("serveFile with big files", () => {
  it("reads a big file in bounded chunks and sends every byte", async () => {
    const size = 3 * 1024 * 1024 + 17;
    const bytes = Uint8Array.from({ length: size }, (_, i) => i % 256);
    const reads: number[] = [];
    const reader: FileReader = {
      stat: async () => ({ size, mtimeMs: MTIME, isFile: true }),
      read: async (_path, range) => {
        const slice = range ? bytes.slice(range.start, range.end + 1) : bytes;
        reads.push(slice.length);
        return slice;
      },
      readText: async () => "",
      readTextSync: () => undefined,
      mtimeSync: () => MTIME,
    };
    const res = await serveFile({ files: reader, root: "/r", filename: "video.mp4", request: new Request("http://x/") });
    expect(res.headers.get("content-length")).toBe(String(size));
    expect(Buffer.compare(new Uint8Array(await res.arrayBuffer()), bytes)).toBe(0);
    expect(Math.max(...reads)).toBeLessThanOrEqual(256 * 1024);
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

describe("the static route and sendFile in an app", () => {
  const servers: ListeningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(setup: (app: Vial) => void = () => undefined): Promise<number> {
    const app = new Vial({ root: "/srv/app", files });
    setup(app);
    const server = await app.listen({ port: 0, host: "127.0.0.1" });
    servers.push(server);
    return server.port;
  }

  // node:http keeps `..` and `%2e` as sent; fetch() would normalise them away before they left the client.
  function raw(port: number, path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("serves static files with validators and honours SEND_FILE_MAX_AGE_DEFAULT", async () => {
    const port = await start((app) => {
      app.config.SEND_FILE_MAX_AGE_DEFAULT = 60;
    });
    const res = await raw(port, "/static/js/app.js");
    expect(res).toMatchObject({ status: 200, body: "console.log(1)" });
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect((await raw(port, "/static/js/app.js", { "If-None-Match": String(res.headers["etag"]) })).status).toBe(304);
    expect((await raw(port, "/static/digits.txt", { Range: "bytes=1-2" })).body).toBe("12");
  });

  it.each([
    "/static/../secret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2e%2e%2fsecret.txt",
    "/static/..%5csecret.txt",
    "/static/js/%2e%2e/%2e%2e/secret.txt",
    "/static/%2fsrv%2fsecret.txt",
    "/static/site.css%00",
  ])("answers %s without leaving the static folder", async (path) => {
    const port = await start();
    const res = await raw(port, path);
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain("SECRET");
    // The router may redirect a doubled slash (%2f decoded next to `/`) to its merged form: still inside /static/.
    if (res.status < 400) expect(String(res.headers["location"])).toMatch(/^(http:\/\/[^/]+)?\/static\/[^/]/);
  });

  it("streams a big static file through the app", async () => {
    const size = 2 * 1024 * 1024 + 5;
    const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 256);
    const app = new Vial({
      root: "/big",
      files: {
        stat: async (path) => (path === "/big/static/a.bin" ? { size, mtimeMs: MTIME, isFile: true } : undefined),
        read: async (_path, range) => (range ? bytes.slice(range.start, range.end + 1) : bytes),
        readText: async () => "",
        readTextSync: () => undefined,
        mtimeSync: () => undefined,
      },
    });
    const server = await app.listen({ port: 0, host: "127.0.0.1" });
    servers.push(server);
    const res = await fetch(`${server.url}/static/a.bin`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(Buffer.compare(new Uint8Array(await res.arrayBuffer()), bytes)).toBe(0);
  });

  it("lets errorHandler(404) answer a missing static file", async () => {
    const port = await start((app) => {
      app.errorHandler(404, () => ["custom missing page", 404]);
    });
    expect(await raw(port, "/static/nope.css")).toMatchObject({ status: 404, body: "custom missing page" });
  });

  it("sendFile sends a file relative to the app root, as an attachment when asked", async () => {
    const port = await start((app) => {
      app.get("/inline", () => sendFile("secret.txt"));
      app.get("/download", () => sendFile("/srv/app/static/digits.txt", { asAttachment: true, downloadName: "zählen.txt" }));
      app.get("/typed", () => sendFile("static/site.css", { mimetype: "text/x-custom", maxAge: 5 }));
      app.get("/missing", () => sendFile("nope.txt"));
    });
    const inline = await raw(port, "/inline");
    expect(inline).toMatchObject({ status: 200, body: "TOP SECRET" });
    expect(inline.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(inline.headers["content-disposition"]).toBeUndefined();
    const download = await raw(port, "/download");
    expect(download.body).toBe("0123456789");
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="z_hlen.txt"; filename*=UTF-8''z%C3%A4hlen.txt`);
    const typed = await raw(port, "/typed");
    expect(typed.headers["content-type"]).toBe("text/x-custom");
    expect(typed.headers["cache-control"]).toBe("public, max-age=5");
    expect((await raw(port, "/typed", { "If-None-Match": String(typed.headers["etag"]) })).status).toBe(304);
    expect((await raw(port, "/missing")).status).toBe(404);
  });

  it("sendFile outside a request says so", async () => {
    await expect(sendFile("secret.txt")).rejects.toThrow(/Working outside of application context/);
  });
});
