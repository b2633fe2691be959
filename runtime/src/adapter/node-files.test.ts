import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTPException } from "../exceptions.js";
import { serveFile } from "../static.js";
import { nodeFileReader } from "./node-files.js";

// 2.5 MB of a repeating pattern: big enough to be streamed in chunks, and any misplaced chunk shows.
const bigFile = Uint8Array.from({ length: 2_500_000 }, (_, i) => (i * 7 + (i >> 16)) % 251);
let dir: string;
let root: string;
let server: Server;
let port: number;

// Mirrors what the static route does: the URL path is percent-decoded once (as the router does) and the
// rest is given to serveFile.
function startServer(): Promise<number> {
  server = createServer((req, res) => {
    const raw = (req.url ?? "/").replace(/^\/static\//, "");
    let filename: string;
    try {
      filename = decodeURIComponent(raw.split("?")[0] ?? "");
    } catch {
      res.writeHead(400).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method ?? "GET", headers });
    serveFile({ files: nodeFileReader, root, filename, request }).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      (error: unknown) => {
        res.writeHead(error instanceof HTTPException ? error.code : 500).end(String(error));
      },
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function fetchBytes(path: string, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${port}${path}`, { headers }).then(async (res) => ({
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  }));
}

// Raw requests: fetch() would normalise `..` and `%2e%2e` away before they reach the server.
function rawGet(path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "vial-static-"));
  root = join(dir, "static");
  await mkdir(join(root, "css"), { recursive: true });
  await writeFile(join(root, "css", "site.css"), "body{}");
  await writeFile(join(root, "hello world.txt"), "spaced");
  await writeFile(join(root, "digits.txt"), "0123456789");
  await writeFile(join(dir, "secret.txt"), "TOP SECRET");
  await symlink(join(root, "css"), join(root, "linked"));
  await writeFile(join(root, "big.bin"), bigFile);
  await utimes(join(root, "digits.txt"), new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"));
  port = await startServer();
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("nodeFileReader", () => {
  it("stats files and folders and reports missing paths as undefined", async () => {
    expect(await nodeFileReader.stat(join(root, "digits.txt"))).toMatchObject({ size: 10, isFile: true });
    expect(await nodeFileReader.stat(join(root, "css"))).toMatchObject({ isFile: false });
    expect(await nodeFileReader.stat(join(root, "missing.txt"))).toBeUndefined();
    expect(await nodeFileReader.stat(join(root, "digits.txt", "below-a-file"))).toBeUndefined();
  });

  it("reads whole files, inclusive ranges and text, sync and async", async () => {
    expect(new TextDecoder().decode(await nodeFileReader.read(join(root, "digits.txt")))).toBe("0123456789");
    expect(new TextDecoder().decode(await nodeFileReader.read(join(root, "digits.txt"), { start: 3, end: 5 }))).toBe("345");
    expect(await nodeFileReader.readText(join(root, "css", "site.css"))).toBe("body{}");
    expect(nodeFileReader.readTextSync(join(root, "css", "site.css"))).toBe("body{}");
    expect(nodeFileReader.readTextSync(join(root, "nope.html"))).toBeUndefined();
    expect(nodeFileReader.readTextSync(join(root, "css"))).toBeUndefined();
    expect(nodeFileReader.mtimeSync(join(root, "digits.txt"))).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(nodeFileReader.mtimeSync(join(root, "nope.html"))).toBeUndefined();
    await expect(nodeFileReader.readText(join(root, "nope.html"))).rejects.toThrow(/ENOENT/);
  });
});

describe("serveFile over HTTP with the node reader", () => {
  it("serves files, decoded names and files through a symlink the author made", async () => {
    expect(await rawGet("/static/css/site.css")).toMatchObject({ status: 200, body: "body{}" });
    expect(await rawGet("/static/hello%20world.txt")).toMatchObject({ status: 200, body: "spaced" });
    expect(await rawGet("/static/linked/site.css")).toMatchObject({ status: 200, body: "body{}" });
  });

  it("revalidates with 304 and serves ranges", async () => {
    const first = await rawGet("/static/digits.txt");
    expect(first.headers["last-modified"]).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
    const etag = String(first.headers["etag"]);
    expect((await rawGet("/static/digits.txt", { "If-None-Match": etag })).status).toBe(304);
    const ranged = await rawGet("/static/digits.txt", { Range: "bytes=-4" });
    expect(ranged).toMatchObject({ status: 206, body: "6789" });
    expect((await rawGet("/static/digits.txt", { Range: "bytes=99-" })).status).toBe(416);
    expect(await rawGet("/static/digits.txt", {}, "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it("streams big files and big ranges byte for byte", async () => {
    const whole = await fetchBytes("/static/big.bin");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(bigFile.length));
    expect(Buffer.compare(whole.bytes, bigFile)).toBe(0);
    const part = await fetchBytes("/static/big.bin", { Range: "bytes=100000-1600000" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100000-1600000/${bigFile.length}`);
    expect(Buffer.compare(part.bytes, bigFile.subarray(100000, 1600001))).toBe(0);
  });

  it.each([
    "/static/../secret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2E%2E%2Fsecret.txt",
    "/static/..%2fsecret.txt",
    "/static/..%5csecret.txt",
    "/static/css/..%2f..%2fsecret.txt",
    "/static/%2fetc%2fpasswd",
    "/static/<absolute path of secret.txt>",
    "/static/digits.txt%00.css",
    "/static/%252e%252e/secret.txt",
    "/static/css",
  ])("refuses %s with 404 and leaks nothing", async (path) => {
    const target = path.replace("<absolute path of secret.txt>", encodeURIComponent(join(dir, "secret.txt")));
    const res = await rawGet(target);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("SECRET");
    expect(res.body).not.toContain("root:");
  });
});
