import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { EventMessage } from "../api/contract.js";
import type { HostEvents } from "../host/events.js";
import { createTestHost, type TestHost } from "../host/test-support/test-host.js";
import { maxBodyBytes, startWebServer, type WebServer } from "./web-server.js";

let host: TestHost;
let scratch: string;
let events: HostEvents;
let server: WebServer;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request, so tests control every header (fetch would not let them set Host). */
function send(options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        path: options.path,
        method: options.method ?? "GET",
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const auth = (): Record<string, string> => ({ Cookie: `vial_studio_token=${server.token}` });

function invoke(method: string, request: unknown, headers: Record<string, string> = auth()): Promise<Reply> {
  return send({
    path: "/api/invoke",
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ method, request }),
  });
}

beforeEach(async () => {
  host = createTestHost("vial-web-", { version: "0.0.0-test" });
  ({ scratch, events } = host);
  const rendererDir = join(scratch, "renderer");
  mkdirSync(join(rendererDir, "assets"), { recursive: true });
  writeFileSync(join(rendererDir, "index.html"), "<!doctype html><title>Vial Studio</title>");
  writeFileSync(join(rendererDir, "assets", "index-abc123.js"), "console.log('studio');");
  writeFileSync(join(scratch, "secret.txt"), "TOP-SECRET-CONTENT");
  mkdirSync(join(scratch, "project"));
  writeFileSync(join(scratch, "project", "app.txt"), "hello");
  server = await startWebServer({ dispatch: host.dispatch, events, rendererDir });
});

afterEach(async () => {
  await server.close();
  await host.dispose();
});

describe("browser-mode server", () => {
  it("prints a loopback URL with a long random token", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("refuses every request without the token with 401", async () => {
    expect((await send({ path: "/" })).status).toBe(401);
    expect((await send({ path: "/assets/index-abc123.js" })).status).toBe(401);
    const api = await invoke("studio.info", {}, {});
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect((await invoke("studio.info", {}, { Cookie: "vial_studio_token=wrong" })).status).toBe(401);
    expect((await send({ path: "/?token=wrong" })).status).toBe(401);
  });

  it("trades the token in the URL for an HttpOnly SameSite=Strict cookie, then serves the page", async () => {
    const first = await send({ path: `/?token=${server.token}` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe("/");
    const cookie = first.headers["set-cookie"]?.[0] ?? "";
    expect(cookie).toBe(`vial_studio_token=${server.token}; HttpOnly; SameSite=Strict; Path=/`);

    const page = await send({ path: "/", headers: { Cookie: cookie.split(";")[0] ?? "" } });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>Vial Studio</title>");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("worker-src 'self' blob:");
    expect(page.headers["x-frame-options"]).toBe("DENY");
  });

  it("serves the renderer's files, index.html for unknown paths, and nothing outside its folder", async () => {
    const asset = await send({ path: "/assets/index-abc123.js", headers: auth() });
    expect(asset).toMatchObject({ status: 200, body: "console.log('studio');" });
    expect(asset.headers["content-type"]).toContain("text/javascript");
    expect((await send({ path: "/explorer/some/route", headers: auth() })).body).toContain("<title>Vial Studio</title>");
    expect((await send({ path: "/assets/index-old999.js", headers: auth() })).status).toBe(404);
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt"]) {
      const reply = await send({ path, headers: auth() });
      expect(reply.body, path).not.toContain("TOP-SECRET-CONTENT");
    }
  });

  it("refuses a foreign Host with 403 (DNS rebinding), with or without the token", async () => {
    for (const host of [`evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, "127.0.0.1:1"]) {
      expect((await send({ path: "/", headers: { ...auth(), Host: host } })).status, host).toBe(403);
      expect((await invoke("studio.info", {}, { ...auth(), Host: host })).status, host).toBe(403);
    }
    expect((await send({ path: "/", headers: { ...auth(), Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it("refuses requests from another origin with 403, even carrying the cookie", async () => {
    const reply = await invoke("studio.info", {}, { ...auth(), Origin: "http://evil.example" });
    expect(reply.status).toBe(403);
    expect((await invoke("studio.info", {}, { ...auth(), Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await invoke("studio.info", {}, { ...auth(), Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it("listens on 127.0.0.1 only", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal)?.address;
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external, port: server.port });
        socket.once("connect", () => {
          socket.destroy();
          resolve(false);
        });
        socket.once("error", () => resolve(true));
      });
      expect(refused).toBe(true);
    }
    const ipv6 = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "::1", port: server.port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    expect(ipv6).toBe(true);
  });

  it("invokes methods: results, host errors and unknown methods in the envelope", async () => {
    const info = await invoke("studio.info", {}, { "X-Vial-Token": server.token });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, result: { mode: "web", version: "0.0.0-test" } });
    expect(JSON.parse((await invoke("files.explode", {})).body)).toMatchObject({ ok: false, error: { code: "unknown-method" } });
    await invoke("projects.open", { dir: join(scratch, "project") });
    expect(JSON.parse((await invoke("files.read", { path: "../secret.txt" })).body)).toMatchObject({ ok: false, error: { code: "outside-project" } });
    expect(JSON.parse((await invoke("files.read", { path: "app.txt" })).body)).toMatchObject({ ok: true, result: { content: "hello" } });
  });

  it("refuses bad bodies: not JSON, wrong content type, wrong shape, too large", async () => {
    const post = (body: string | Buffer, type = "application/json") =>
      send({ path: "/api/invoke", method: "POST", headers: { ...auth(), "Content-Type": type }, body });
    expect((await post("{nope")).status).toBe(400);
    expect((await post('{"method":"studio.info"}', "text/plain")).status).toBe(415);
    expect((await post('["studio.info"]')).status).toBe(400);
    const huge = await post(Buffer.alloc(maxBodyBytes + 1024, 32));
    expect(huge.status).toBe(413);
    expect((await send({ path: "/api/invoke", headers: auth() })).status).toBe(405);
  });

  it("pushes host events over the WebSocket to a client with the token", async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { ...auth(), Origin: `http://127.0.0.1:${server.port}` } });
    const received: EventMessage[] = [];
    socket.on("message", (data) => received.push(JSON.parse(String(data)) as EventMessage));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    events.emit("menu.command", { id: "file.save" });
    await expect.poll(() => received).toEqual([{ event: "menu.command", payload: { id: "file.save" } }]);
    socket.close();
  });

  it("refuses WebSocket upgrades without the token, from another origin, or to another host", async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers });
        socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        socket.once("open", () => {
          socket.close();
          resolve(101);
        });
        socket.once("error", () => resolve(0));
      });
    expect(await status({})).toBe(401);
    expect(await status({ ...auth(), Origin: "http://evil.example" })).toBe(403);
    expect(await status({ ...auth(), Host: `evil.example:${server.port}` })).toBe(403);
  });
});
