import { afterEach, describe, expect, it, vi } from "vitest";
import { SecureCookieSessionInterface, Vial, flash, getFlashedMessages, request, session } from "./index.js";
import type { ListeningServer } from "./adapter/node.js";

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function makeApp(secret: string | undefined = "s3cret"): { app: Vial; clock: { now: number } } {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.config.SECRET_KEY = secret;
  const clock = { now: 1_800_000_000 };
  const sessions = new SecureCookieSessionInterface();
  sessions.now = () => clock.now;
  app.sessionInterface = sessions;
  app.get("/count", () => {
    session.n = (session.n ?? 0) + 1;
    return String(session.n);
  });
  app.get("/peek", () => ({ n: session.n ?? null, isNew: session.new }));
  app.get("/plain", () => "plain");
  app.post("/login", () => {
    session.user = request.form.get("user");
    session.permanent = request.form.get("remember") === "yes";
    return "ok";
  });
  app.post("/logout", () => {
    session.clear();
    return "bye";
  });
  app.post("/flash", () => {
    flash("Saved!", "success");
    flash("Careful", "warning");
    flash("Plain");
    return "flashed";
  });
  app.get("/messages", () => ({ all: getFlashedMessages({ withCategories: true }), again: getFlashedMessages() }));
  app.get("/warnings", () => getFlashedMessages({ categoryFilter: ["warning"] }));
  return { app, clock };
}

describe("signed cookie sessions", () => {
  it("keeps the session across requests in a signed, HttpOnly, SameSite=Lax cookie", async () => {
    const { app } = makeApp();
    const client = app.testClient();
    expect((await client.get("/count")).text).toBe("1");
    const second = await client.get("/count");
    expect(second.text).toBe("2");
    const header = second.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/; SameSite=Lax$/);
    expect(second.headers.get("vary")).toBe("Cookie");
    expect((await client.get("/peek")).json).toEqual({ n: 2, isNew: false });
  });

  it("adds Vary: Cookie only where the view read the session, as Flask does, even when the request carries one", async () => {
    const { app } = makeApp();
    const server = await app.listen({ port: 0 });
    servers.push(server);
    const first = await fetch(`${server.url}/count`);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect((await fetch(`${server.url}/peek`, { headers: { cookie } })).headers.get("vary")).toBe("Cookie");
    const plain = await fetch(`${server.url}/plain`, { headers: { cookie } });
    expect(await plain.text()).toBe("plain");
    expect(plain.headers.get("vary")).toBeNull();
    expect((await fetch(`${server.url}/missing`, { headers: { cookie } })).headers.get("vary")).toBeNull();
  });

  it("works over real HTTP with the cookie sent back", async () => {
    const { app } = makeApp();
    const server = await app.listen({ port: 0 });
    servers.push(server);
    const first = await fetch(`${server.url}/count`);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const second = await fetch(`${server.url}/count`, { headers: { cookie } });
    expect(await second.text()).toBe("2");
  });

  it("writes no cookie when the session did not change", async () => {
    const { app } = makeApp();
    const client = app.testClient();
    await client.get("/count");
    const peek = await client.get("/peek");
    expect(peek.headers.get("set-cookie")).toBeNull();
    expect((await client.get("/plain")).headers.get("set-cookie")).toBeNull();
  });

  it("gives an empty session for a tampered cookie", async () => {
    const { app } = makeApp();
    const client = app.testClient();
    await client.get("/count");
    const value = client.cookieJar.get("session") as string;
    const [payload, stamp, signature] = value.split(".");
    const forged = btoa(JSON.stringify({ n: 1000 })).replace(/=+$/, "");
    for (const bad of [`${forged}.${stamp}.${signature}`, `${payload}.${stamp}.${signature}x`, "garbage", "a.b.c", `${payload}.${stamp}`, "%%%"]) {
      client.setCookie("session", bad);
      const res = await client.get("/peek");
      expect([bad, res.status, res.json]).toEqual([bad, 200, { n: null, isNew: true }]);
    }
  });

  it("rejects a cookie signed with another key, accepts SECRET_KEY_FALLBACKS", async () => {
    const { app: oldApp } = makeApp("old-key");
    const client = oldApp.testClient();
    await client.get("/count");
    const cookie = client.cookieJar.get("session") as string;
    const { app: newApp } = makeApp("new-key");
    const other = newApp.testClient();
    other.setCookie("session", cookie);
    expect((await other.get("/peek")).json).toEqual({ n: null, isNew: true });
    const { app: rotated } = makeApp("new-key");
    rotated.config.SECRET_KEY_FALLBACKS = ["old-key"];
    const third = rotated.testClient();
    third.setCookie("session", cookie);
    expect((await third.get("/peek")).json).toEqual({ n: 1, isNew: false });
  });

  it("expires sessions older than PERMANENT_SESSION_LIFETIME", async () => {
    const { app, clock } = makeApp();
    app.config.PERMANENT_SESSION_LIFETIME = 3600;
    const client = app.testClient();
    await client.get("/count");
    clock.now += 3599;
    expect((await client.get("/peek")).json).toEqual({ n: 1, isNew: false });
    clock.now += 2;
    expect((await client.get("/peek")).json).toEqual({ n: null, isNew: true });
  });

  it("gives permanent sessions an Expires date and refreshes them", async () => {
    const { app, clock } = makeApp();
    app.config.PERMANENT_SESSION_LIFETIME = 60;
    const client = app.testClient();
    const login = await client.post("/login", { form: { user: "ada", remember: "yes" } });
    expect(login.headers.get("set-cookie")).toContain(`Expires=${new Date((clock.now + 60) * 1000).toUTCString()}`);
    expect((await client.get("/peek")).headers.get("set-cookie")).toContain("Expires=");
  });

  it("sets Secure with SESSION_COOKIE_SECURE and deletes the cookie when cleared", async () => {
    const { app } = makeApp();
    app.config.SESSION_COOKIE_SECURE = true;
    app.config.SESSION_COOKIE_NAME = "sid";
    const client = app.testClient();
    const login = await client.post("/login", { form: { user: "ada" } });
    expect(login.headers.get("set-cookie")).toMatch(/^sid=.*; Secure; HttpOnly; Path=\/; SameSite=Lax$/);
    const logout = await client.post("/logout");
    expect(logout.headers.get("set-cookie")).toMatch(/^sid=; Expires=Thu, 01 Jan 1970/);
    expect(client.cookieJar.has("sid")).toBe(false);
  });

  it("explains a missing SECRET_KEY when the session is modified", async () => {
    const { app } = makeApp("");
    expect((await app.testClient().get("/peek")).json).toEqual({ n: null, isNew: true });
    const res = await app.testClient().get("/count");
    expect(res.status).toBe(500);
    expect(app.logger.error).toHaveBeenCalledWith(
      "Exception on /count [GET]",
      expect.objectContaining({ message: expect.stringContaining("The session is unavailable because no secret key was set") }),
    );
  });
});

describe("flashed messages", () => {
  it("keeps messages for the next request only, with categories and filters", async () => {
    const { app } = makeApp();
    const client = app.testClient();
    await client.post("/flash");
    expect((await client.get("/messages")).json).toEqual({
      all: [["success", "Saved!"], ["warning", "Careful"], ["message", "Plain"]],
      again: ["Saved!", "Careful", "Plain"],
    });
    expect((await client.get("/messages")).json).toEqual({ all: [], again: [] });
    await client.post("/flash");
    expect((await client.get("/warnings")).json).toEqual(["Careful"]);
  });

  it("refuses to flash outside a request", () => {
    expect(() => flash("x")).toThrow(/Working outside of request context/);
  });
});
