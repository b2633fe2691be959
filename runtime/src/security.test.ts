import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ListeningServer } from "./adapter/node.js";
import { Response, Vial, redirect, request, session } from "./index.js";

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function makeApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.config.SECRET_KEY = "test";
  app.get("/header", () => new Response("ok", { headers: { "X-Echo": request.args.get("v") ?? "" } }));
  app.get("/tuple", () => ["ok", 200, { "X-Echo": request.args.get("v") ?? "" }]);
  app.get("/cookie", () => {
    const res = new Response("ok");
    res.setCookie("echo", request.args.get("v") ?? "");
    return res;
  });
  app.get("/go", () => redirect(request.args.get("to") ?? "/"));
  app.get("/<name>/", ({ name }) => String(name));
  app.get("/login", () => {
    session.user = "ada";
    return "in";
  });
  return app;
}

async function start(app: Vial): Promise<number> {
  const server = await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  return server.port;
}

// Raw bytes on the wire: a fetch client would hide an injected header inside its own parsing.
async function raw(port: number, target: string): Promise<{ status: number; head: string[] }> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n`));
    let out = "";
    socket.on("data", (chunk) => (out += chunk.toString("latin1")));
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
  const head = text.slice(0, text.indexOf("\r\n\r\n")).split("\r\n");
  return { status: Number(head[0]?.split(" ")[1]), head: head.slice(1).map((line) => line.toLowerCase()) };
}

const INJECTION = encodeURIComponent("a\r\nX-Injected: 1\r\nSet-Cookie: admin=1");

describe("values from the request cannot add header lines", () => {
  it("refuses a header value with CR/LF instead of writing it", async () => {
    const port = await start(makeApp());
    for (const path of ["/header", "/tuple"]) {
      const { status, head } = await raw(port, `${path}?v=${INJECTION}`);
      expect(status).toBe(500);
      expect(head.filter((line) => line.startsWith("x-injected") || line.startsWith("set-cookie"))).toEqual([]);
    }
    expect((await raw(port, "/header?v=plain")).head).toContain("x-echo: plain");
  });

  it("percent-encodes cookie values so they cannot end the cookie or the header", async () => {
    const port = await start(makeApp());
    const { status, head } = await raw(port, `/cookie?v=${INJECTION}${encodeURIComponent("; Domain=evil.test")}`);
    expect(status).toBe(200);
    expect(head.filter((line) => line.startsWith("x-injected"))).toEqual([]);
    const cookies = head.filter((line) => line.startsWith("set-cookie"));
    expect(cookies).toEqual(["set-cookie: echo=a%0d%0ax-injected:%201%0d%0aset-cookie:%20admin=1%3b%20domain=evil.test; path=/"]);
  });

  it("percent-encodes CR/LF in redirect locations", async () => {
    const { status, head } = await raw(await start(makeApp()), `/go?to=${INJECTION}`);
    expect(status).toBe(302);
    expect(head.filter((line) => line.startsWith("x-injected") || line.startsWith("set-cookie"))).toEqual([]);
    expect(head).toContain("location: a%0d%0ax-injected:%201%0d%0aset-cookie:%20admin=1");
  });
});

describe("redirects stay on this host unless the app asks", () => {
  it("never turns the trailing-slash redirect into a redirect to another host", async () => {
    const port = await start(makeApp());
    const cases: Array<[string, string]> = [
      ["//evil.com", "/evil.com"],
      ["///evil.com", "/evil.com"],
      ["/\\evil.com", "/%5Cevil.com/"],
      ["/\\\\evil.com", "/%5C%5Cevil.com/"],
      ["/%5Cevil.com", "/%5Cevil.com/"],
    ];
    for (const [target, location] of cases) {
      const { status, head } = await raw(port, target);
      expect([target, status, head.find((line) => line.startsWith("location:"))]).toEqual([target, 308, `location: ${location.toLowerCase()}`]);
    }
    expect((await raw(port, "/%2F%2Fevil.com")).status).toBe(404);
  });

  it("redirects to another host only when the view passes that URL, as Flask's redirect()", async () => {
    const port = await start(makeApp());
    expect((await raw(port, `/go?to=${encodeURIComponent("https://other.test/x")}`)).head).toContain("location: https://other.test/x");
  });
});

describe("session cookies", () => {
  it("are HttpOnly and SameSite=Lax by default, and Secure with SESSION_COOKIE_SECURE", async () => {
    const app = makeApp();
    const plain = (await raw(await start(app), "/login")).head.find((line) => line.startsWith("set-cookie: session="));
    expect(plain).toMatch(/; httponly; path=\/; samesite=lax$/);
    const secure = makeApp();
    secure.config.SESSION_COOKIE_SECURE = true;
    const line = (await raw(await start(secure), "/login")).head.find((l) => l.startsWith("set-cookie: session="));
    expect(line).toMatch(/; secure; httponly; path=\/; samesite=lax$/);
  });

  it("without SECRET_KEY, the first session write is a 500 that logs Flask's explanation", async () => {
    const app = makeApp();
    app.config.SECRET_KEY = undefined;
    const { status, head } = await raw(await start(app), "/login");
    expect(status).toBe(500);
    expect(head.some((line) => line.startsWith("set-cookie"))).toBe(false);
    expect(String(vi.mocked(app.logger.error).mock.calls[0]?.[1])).toContain("no secret key was set");
  });
});
