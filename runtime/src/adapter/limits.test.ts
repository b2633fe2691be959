import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Vial, request } from "../index.js";
import { serve, type ListeningServer } from "./node.js";

const servers: ListeningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function makeApp(config: Record<string, unknown> = {}): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.config.SECRET_KEY = "test";
  app.config.fromObject(config);
  app.get("/", () => "home");
  app.get("/count", () => String([...request.headers.keys()].length));
  return app;
}

async function start(app: Vial): Promise<ListeningServer> {
  const server = await serve(app, { port: 0 });
  servers.push(server);
  return server;
}

async function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let out = "";
    socket.on("data", (chunk) => (out += chunk.toString("latin1")));
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
}

const headerLines = (n: number): string => Array.from({ length: n }, (_, i) => `X-H${i}: ${i}\r\n`).join("");

describe("server limits from app.config", () => {
  it("answers a request target over MAX_URL_LENGTH with 414", async () => {
    const server = await start(makeApp({ MAX_URL_LENGTH: 100 }));
    expect(await rawHttp(server.port, `GET /?q=${"a".repeat(200)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 414 /);
    expect(await rawHttp(server.port, `GET /?q=${"a".repeat(50)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 [\s\S]*home$/);
  });

  it("answers more than MAX_HEADER_COUNT headers with 431 and accepts exactly the limit", async () => {
    const server = await start(makeApp({ MAX_HEADER_COUNT: 10 }));
    expect(await rawHttp(server.port, `GET / HTTP/1.1\r\nHost: x\r\n${headerLines(10)}\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    const exact = await rawHttp(server.port, `GET /count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headerLines(8)}\r\n`);
    expect(exact).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n10$/);
  });

  it("answers headers over MAX_HEADER_SIZE with 431", async () => {
    const server = await start(makeApp({ MAX_HEADER_SIZE: 2048 }));
    expect(await rawHttp(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(4000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    expect(await rawHttp(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Small: ${"b".repeat(1000)}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("refuses a body over the default MAX_CONTENT_LENGTH (16 MiB) from its Content-Length, unread", async () => {
    const app = makeApp();
    app.post("/data", () => String(request.data.byteLength));
    const server = await start(app);
    expect(await rawHttp(server.port, `POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: ${16 * 1024 * 1024 + 1}\r\n\r\nabc`)).toMatch(/^HTTP\/1\.1 413 /);
    expect(await rawHttp(server.port, "POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")).toMatch(/\r\n\r\n3$/);
  });

  it("drops a slow-loris client after HEADERS_TIMEOUT while serving others meanwhile", async () => {
    const server = await start(makeApp({ HEADERS_TIMEOUT: 0.5, REQUEST_TIMEOUT: 1 }));
    const slow = connect(server.port, "127.0.0.1");
    sockets.push(slow);
    let reply = "";
    slow.on("data", (chunk) => (reply += chunk.toString("latin1")));
    const closed = new Promise<void>((resolve) => slow.on("close", () => resolve()));
    let dropped = false;
    void closed.then(() => (dropped = true));
    slow.on("error", () => undefined);
    slow.write("GET / HTTP/1.1\r\nHost: x\r\n");
    const served: string[] = [];
    // A header line every 100 ms keeps the connection busy; 150 rounds bound the test if it is never dropped.
    for (let i = 0; i < 150 && !dropped; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!dropped) slow.write(`X-Drip-${i}: 1\r\n`);
      if (i % 5 === 0) served.push(await (await fetch(server.url)).text());
    }
    expect(dropped).toBe(true);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(served.length).toBeGreaterThan(0);
    expect(new Set(served)).toEqual(new Set(["home"]));
  });

  it("drops a client that trickles its body past REQUEST_TIMEOUT", async () => {
    const app = makeApp({ HEADERS_TIMEOUT: 0.3, REQUEST_TIMEOUT: 0.6 });
    app.post("/data", () => String(request.data.byteLength));
    const server = await start(app);
    const slow = connect(server.port, "127.0.0.1");
    sockets.push(slow);
    let reply = "";
    slow.on("data", (chunk) => (reply += chunk.toString("latin1")));
    slow.on("error", () => undefined);
    let dropped = false;
    slow.on("close", () => (dropped = true));
    slow.write("POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
    for (let i = 0; i < 100 && !dropped; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!dropped) slow.write("x");
    }
    expect(dropped).toBe(true);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes idle keep-alive connections after KEEP_ALIVE_TIMEOUT", async () => {
    const server = await start(makeApp({ KEEP_ALIVE_TIMEOUT: 0.2 }));
    const socket = connect(server.port, "127.0.0.1");
    sockets.push(socket);
    let reply = "";
    socket.on("data", (chunk) => (reply += chunk.toString("latin1")));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    // Node's own default (5 s) would still hold the connection when the 3 s wait ends.
    const outcome = await Promise.race([closed.then(() => "closed"), new Promise((resolve) => setTimeout(resolve, 3000, "open"))]);
    expect(outcome).toBe("closed");
    expect(reply).toMatch(/^HTTP\/1\.1 200 [\s\S]*home$/);
  });
});

describe("SECRET_KEY at start", () => {
  it("warns when a production server starts without SECRET_KEY", async () => {
    const app = makeApp();
    app.config.SECRET_KEY = undefined;
    await start(app);
    expect(app.logger.warn).toHaveBeenCalledWith(expect.stringContaining("SECRET_KEY is not set"));
  });

  it("stays quiet in debug mode and when the key is set", async () => {
    const keyed = makeApp();
    await start(keyed);
    const debug = makeApp({ DEBUG: true });
    debug.config.SECRET_KEY = undefined;
    await start(debug);
    expect([keyed.logger.warn, debug.logger.warn].map((warn) => vi.mocked(warn).mock.calls.length)).toEqual([0, 0]);
  });
});
