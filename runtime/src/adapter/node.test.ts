import { createServer } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Response, Vial, request } from "../index.js";
import { createRequestListener, serve, type ListeningServer } from "./node.js";

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function makeApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.get("/", () => "home");
  app.get("/empty", () => new Response(null, { status: 204 }));
  app.get("/bytes", () => new Response(new Uint8Array([104, 105]), { mimetype: "application/octet-stream" }));
  app.get("/web", () => new globalThis.Response("from web", { headers: { "x-web": "1" } }));
  app.post("/size", () => String(request.data.byteLength));
  app.get("/headers", () => ({ agent: request.headers.get("user-agent"), secure: request.isSecure }));
  return app;
}

async function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let out = "";
    socket.on("data", (chunk) => (out += chunk.toString()));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

describe("the Node adapter", () => {
  it("writes text, bytes, empty and web Responses", async () => {
    const server = await serve(makeApp(), { port: 0 });
    servers.push(server);
    const empty = await fetch(`${server.url}/empty`);
    expect([empty.status, await empty.text()]).toEqual([204, ""]);
    const bytes = await fetch(`${server.url}/bytes`);
    expect([bytes.headers.get("content-type"), bytes.headers.get("content-length"), await bytes.text()]).toEqual(["application/octet-stream", "2", "hi"]);
    const web = await fetch(`${server.url}/web`);
    expect([web.headers.get("x-web"), await web.text()]).toEqual(["1", "from web"]);
    expect(await (await fetch(`${server.url}/headers`, { headers: { "user-agent": "probe" } })).json()).toEqual({ agent: "probe", secure: false });
  });

  it("writes text and JSON with their Content-Type and Content-Length, and no body for HEAD", async () => {
    const server = await serve(makeApp(), { port: 0 });
    servers.push(server);
    const home = await fetch(`${server.url}/`);
    expect([home.headers.get("content-type"), home.headers.get("content-length"), await home.text()]).toEqual(["text/html; charset=utf-8", "4", "home"]);
    const json = await fetch(`${server.url}/headers`, { headers: { "user-agent": "é" } });
    expect([json.headers.get("content-type"), json.headers.get("content-length"), await json.text()]).toEqual(["application/json", "29", '{"agent":"é","secure":false}']);
    const head = await rawHttp(server.port, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain("content-length: 4\r\n");
    expect(head.endsWith("\r\n\r\n")).toBe(true);
  });

  it("closes the connection after refusing an oversized body unread", async () => {
    const app = makeApp();
    app.config.MAX_CONTENT_LENGTH = 10;
    const server = await serve(app, { port: 0 });
    servers.push(server);
    const reply = await rawHttp(server.port, "POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n0123456789");
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply.toLowerCase()).toContain("connection: close");
    const ok = await rawHttp(server.port, "POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd");
    expect(ok).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n4$/);
  });

  it("reads a chunked body sent in pieces, and refuses one that grows past the limit with 413", async () => {
    const app = makeApp();
    app.config.MAX_CONTENT_LENGTH = 10;
    const server = await serve(app, { port: 0 });
    servers.push(server);
    const chunked = (pieces: string[]): string =>
      `POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${pieces.map((p) => `${p.length.toString(16)}\r\n${p}\r\n`).join("")}0\r\n\r\n`;
    expect(await rawHttp(server.port, chunked(["abc", "defg", "hij"]))).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n10$/);
    const over = await rawHttp(server.port, chunked(["abcdef", "ghijkl"]));
    expect(over).toMatch(/^HTTP\/1\.1 413 /);
    expect(over.toLowerCase()).toContain("connection: close");
  });

  it("keeps serving after a client hangs up halfway through its body", async () => {
    const app = makeApp();
    const server = await serve(app, { port: 0 });
    servers.push(server);
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a part", () => setTimeout(() => socket.destroy(), 20));
      });
      socket.on("close", () => resolve());
      socket.on("error", () => undefined);
    });
    const ok = await rawHttp(server.port, "POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd");
    expect(ok).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n4$/);
  });

  it("answers garbage request lines without crashing", async () => {
    const server = await serve(makeApp(), { port: 0 });
    servers.push(server);
    const reply = await rawHttp(server.port, "NOT HTTP AT ALL\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    const bad = await rawHttp(server.port, "GET /%ff%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(await (await fetch(server.url)).text()).toBe("home");
  });

  it("answers a Host that makes no URL with 400 when the view needs the web Request", async () => {
    const app = makeApp();
    app.get("/web-url", () => request.webRequest.url);
    const server = await serve(app, { port: 0 });
    servers.push(server);
    for (const host of ["127@0.0.1", "\u00d027.0.0.1", "a b"]) {
      expect(await rawHttp(server.port, `GET /web-url HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(await rawHttp(server.port, "GET /web-url HTTP/1.1\r\nHost: ok.test\r\nConnection: close\r\n\r\n")).toMatch(/http:\/\/ok\.test\/web-url$/);
  });

  it("answers a client that half-closes right after sending, async views and pipelines included", async () => {
    const app = makeApp();
    app.get("/slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return "slow";
    });
    const server = await serve(app, { port: 0 });
    servers.push(server);
    const reply = await rawHttp(server.port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 200 [\s\S]*slow[\s\S]*HTTP\/1\.1 200 [\s\S]*home$/);
  });

  it("answers CONNECT with 400 instead of dropping the connection", async () => {
    const server = await serve(makeApp(), { port: 0 });
    servers.push(server);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => socket.write("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n"));
      let out = "";
      socket.on("data", (chunk) => (out += chunk.toString()));
      socket.on("close", () => resolve(out));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 [\s\S]*CONNECT is not supported by this server\.$/);
  });

  it("mounts in a server of your own with createRequestListener", async () => {
    const http = createServer(createRequestListener(makeApp()));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = http.address() as AddressInfo;
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("home");
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
