import { describe, expect, it, vi } from "vitest";
import { Blueprint, HTTPException, NotFound, Response, Vial, abort, currentApp, g, request, urlFor, type ListeningServer } from "./index.js";
import { listenPerTest, quietApp } from "./__fixtures__/test-apps.js";

const listen = listenPerTest();

describe("routing through the test client and real HTTP", () => {
  function makeApp(): Vial {
    const app = quietApp();
    app.get("/", () => "Hello");
    app.get("/user/<int:id>", ({ id }) => ({ id, type: typeof id }));
    app.get("/docs/", function docs() {
      return "docs";
    });
    app.route("/items", { methods: ["GET", "POST"], endpoint: "items" }, () => (request.method === "POST" ? [{ made: true }, 201] : []));
    return app;
  }

  it("serves text as HTML and objects as JSON", async () => {
    const app = makeApp();
    const client = app.testClient();
    const home = await client.get("/");
    expect(home.status).toBe(200);
    expect(home.text).toBe("Hello");
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await client.get("/user/42")).json).toEqual({ id: 42, type: "number" });

    const base = await listen(app);
    const res = await fetch(`${base}/user/7`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ id: 7, type: "number" });
    const text = await fetch(`${base}/`);
    expect(await text.text()).toBe("Hello");
  });

  it("answers unknown paths with 404, and unmatched converters too", async () => {
    const app = makeApp();
    expect((await app.testClient().get("/nope")).status).toBe(404);
    expect((await app.testClient().get("/user/abc")).status).toBe(404);
    const res = await fetch(`${await listen(app)}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<title>404 Not Found</title>");
  });

  it("redirects /docs to /docs/ with 308, keeping the query", async () => {
    const app = makeApp();
    const res = await app.testClient().get("/docs?x=1");
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("/docs/?x=1");
    const real = await fetch(`${await listen(app)}/docs`, { redirect: "manual" });
    expect(real.status).toBe(308);
    expect(real.headers.get("location")).toBe("/docs/");
    const followed = await app.testClient().get("/docs", { followRedirects: true });
    expect(followed.text).toBe("docs");
  });

  it("redirects doubled slashes to the merged path, like Werkzeug", async () => {
    const app = makeApp();
    const res = await app.testClient().get("/user//42?x=1");
    expect([res.status, res.headers.get("location")]).toEqual([308, "/user/42?x=1"]);
    expect((await app.testClient().get("//nothing//here")).status).toBe(404);
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const app = makeApp();
    const res = await app.testClient().delete("/items");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    const real = await fetch(`${await listen(app)}/`, { method: "POST" });
    expect(real.status).toBe(405);
    expect(real.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("serves HEAD from GET without a body, and OPTIONS automatically", async () => {
    const app = makeApp();
    const base = await listen(app);
    const head = await fetch(`${base}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    expect(await head.text()).toBe("");
    const options = await fetch(`${base}/items`, { method: "OPTIONS" });
    expect(options.status).toBe(200);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect((await app.testClient().head("/")).text).toBe("");
  });

  it("answers methods it has no route for with 405 and survives methods Node refuses", async () => {
    const app = makeApp();
    const base = await listen(app);
    expect((await fetch(`${base}/`, { method: "PROPFIND" })).status).toBe(405);
    expect((await app.testClient().request("/", { method: "BREW" })).status).toBe(405);
    const refused = await fetch(`${base}/`, { method: "FOO" }).then((r) => r.status, () => "connection closed");
    expect([400, "connection closed"]).toContain(refused);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it("answers bad percent-encoding in the path with 400", async () => {
    const app = makeApp();
    app.get("/p/<name>", ({ name }) => name);
    expect((await app.testClient().get("/p/%E0%A4%A")).status).toBe(400);
    const base = await listen(app);
    expect((await fetch(`${base}/p/%zz`)).status).toBe(400);
    const good = await fetch(`${base}/p/caf%C3%A9`);
    expect(await good.text()).toBe("café");
  });
});

describe("router choice", () => {
  it.each(["compiled", "trie", "smart", "linear"] as const)("routes the same with the %s router", async (kind) => {
    const app = new Vial({ root: "/nonexistent", staticFolder: null, router: kind });
    app.get("/user/<int:id>", function user({ id }) {
      return { id };
    });
    app.get("/docs/", function docs() {
      return "docs";
    });
    const client = app.testClient();
    expect((await client.get("/user/3")).json).toEqual({ id: 3 });
    expect((await client.get("/docs")).status).toBe(308);
    expect((await client.post("/user/3")).status).toBe(405);
    expect((await client.get("/nope")).status).toBe(404);
  });
});

describe("endpoints and setup", () => {
  it("names endpoints from options, then the function name, then method and path", () => {
    const app = quietApp();
    app.get("/a", { endpoint: "alpha" }, () => "a");
    app.get("/b", function beta() {
      return "b";
    });
    app.post("/c/<int:id>", () => "c");
    expect(app.urlMap()).toEqual([
      { endpoint: "alpha", methods: ["GET"], rule: "/a" },
      { endpoint: "beta", methods: ["GET"], rule: "/b" },
      { endpoint: "post_c_id", methods: ["POST"], rule: "/c/<int:id>" },
    ]);
  });

  it("refuses two different views under one endpoint", () => {
    const app = quietApp();
    app.get("/x", function show() {
      return "1";
    });
    expect(() =>
      app.get("/y", function show() {
        return "2";
      }),
    ).toThrow(/overwriting an existing endpoint function: show/);
  });

  it("allows one view under several rules", async () => {
    const app = quietApp();
    const page = ({ n = 1 }: { n?: number }) => `page ${n}`;
    app.get("/pages", page);
    app.get("/pages/<int:n>", page);
    const client = app.testClient();
    expect((await client.get("/pages")).text).toBe("page 1");
    expect((await client.get("/pages/3")).text).toBe("page 3");
    expect(app.appContext(() => urlFor("page", { n: 2 }))).toBe("/pages/2");
  });

  it("refuses new routes and hooks after the first request, as Flask does", async () => {
    const app = quietApp();
    app.get("/", () => "x");
    await app.testClient().get("/");
    expect(() => app.get("/late", () => "late")).toThrow(/can no longer be called on the application/);
    expect(() => app.beforeRequest(() => undefined)).toThrow(/already handled its first request/);
  });

  it("rejects rules with unknown converters", () => {
    const app = quietApp();
    expect(() => app.get("/x/<money:amount>", () => "x")).toThrow(/converter "money"/);
  });

  it("uses custom converters registered on the app", async () => {
    const app = quietApp();
    app.converters.list = { regex: "[^/]+(?:,[^/]+)*", toValue: (s) => s.split(","), toUrl: (v) => (v as string[]).join(",") };
    app.get("/tags/<list:names>", function tags({ names }) {
      return { names, back: urlFor("tags", { names: ["x", "y"] }) };
    });
    expect((await app.testClient().get("/tags/a,b")).json).toEqual({ names: ["a", "b"], back: "/tags/x,y" });
  });
});

describe("blueprints", () => {
  function makeApp(): Vial {
    const app = quietApp();
    app.get("/", function index() {
      return urlFor(".index");
    });
    const api = new Blueprint("api", { urlPrefix: "/api" });
    api.get("/ping", function ping() {
      return { ok: true, self: urlFor(".ping"), user: urlFor(".user", { id: 3, q: "x" }), home: urlFor("index"), bp: request.blueprint ?? null };
    });
    api.get("/users/<int:id>", function user({ id }) {
      return { id };
    });
    const admin = new Blueprint("admin", { urlPrefix: "/admin" });
    admin.get("/", function dashboard() {
      return { endpoint: request.endpoint ?? null, here: urlFor(".dashboard"), blueprints: request.blueprints };
    });
    api.registerBlueprint(admin);
    app.registerBlueprint(api);
    return app;
  }

  it("prefixes rules and names endpoints blueprint.name", async () => {
    const app = makeApp();
    const client = app.testClient();
    expect((await client.get("/api/ping")).json).toEqual({ ok: true, self: "/api/ping", user: "/api/users/3?q=x", home: "/", bp: "api" });
    expect((await client.get("/")).text).toBe("/");
    expect(app.urlMap().map((r) => r.endpoint)).toEqual(["index", "api.ping", "api.user", "api.admin.dashboard"]);
    const res = await fetch(`${await listen(app)}/api/users/9`);
    expect(await res.json()).toEqual({ id: 9 });
  });

  it("nests blueprints: names and prefixes join", async () => {
    const app = makeApp();
    expect((await app.testClient().get("/api/admin/")).json).toEqual({
      endpoint: "api.admin.dashboard",
      here: "/api/admin/",
      blueprints: ["api.admin", "api"],
    });
    expect((await app.testClient().get("/api/admin")).status).toBe(308);
  });

  it("runs blueprint hooks only for its routes, after the app's", async () => {
    const app = quietApp();
    const order: string[] = [];
    app.beforeRequest(() => void order.push("app before"));
    app.afterRequest((res) => (order.push("app after"), res));
    app.teardownRequest(() => void order.push("app teardown"));
    const bp = new Blueprint("bp", { urlPrefix: "/bp" });
    bp.beforeRequest(() => void order.push("bp before"));
    bp.afterRequest((res) => (order.push("bp after"), res));
    bp.teardownRequest(() => void order.push("bp teardown"));
    bp.get("/x", function x() {
      order.push("view");
      return "x";
    });
    app.get("/y", function y() {
      order.push("view");
      return "y";
    });
    app.registerBlueprint(bp);
    await app.testClient().get("/bp/x");
    expect(order).toEqual(["app before", "bp before", "view", "bp after", "app after", "bp teardown", "app teardown"]);
    order.length = 0;
    await app.testClient().get("/y");
    expect(order).toEqual(["app before", "view", "app after", "app teardown"]);
  });

  it("prefers the blueprint's error handler for its routes", async () => {
    const app = quietApp();
    app.errorHandler(404, () => ["app 404", 404]);
    const bp = new Blueprint("bp", { urlPrefix: "/bp" });
    bp.errorHandler(404, () => ["bp 404", 404]);
    bp.get("/missing", function missing() {
      return abort(404);
    });
    app.registerBlueprint(bp);
    expect((await app.testClient().get("/bp/missing")).text).toBe("bp 404");
    expect((await app.testClient().get("/nowhere")).text).toBe("app 404");
  });

  it("refuses a blueprint name twice and changes after registration", () => {
    const app = quietApp();
    const bp = new Blueprint("bp");
    bp.get("/a", function a() {
      return "a";
    });
    app.registerBlueprint(bp);
    expect(() => app.registerBlueprint(bp)).toThrow(/already registered for this blueprint/);
    expect(() => bp.get("/b", () => "b")).toThrow(/can no longer be called on the blueprint/);
    app.registerBlueprint(bp, { name: "bp2", urlPrefix: "/two" });
    expect(app.urlMap().map((r) => `${r.endpoint} ${r.rule}`)).toEqual(["bp.a /a", "bp2.a /two/a"]);
  });

  it("refuses dots in blueprint names and endpoints", () => {
    expect(() => new Blueprint("a.b")).toThrow(/dot/);
    const bp = new Blueprint("ok");
    expect(() => bp.get("/x", { endpoint: "a.b" }, () => "x")).toThrow(/dot/);
  });
});

describe("hooks and errors", () => {
  it("lets a before hook short-circuit the view", async () => {
    const app = quietApp();
    const view = vi.fn(() => "secret");
    app.beforeRequest(() => (request.args.get("token") === "ok" ? undefined : ["denied", 401]));
    app.get("/secret", view);
    expect((await app.testClient().get("/secret")).status).toBe(401);
    expect(view).not.toHaveBeenCalled();
    expect((await app.testClient().get("/secret?token=ok")).text).toBe("secret");
  });

  it("awaits async hooks and turns a failing after hook into a 500", async () => {
    const app = quietApp();
    app.beforeRequest(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return request.path === "/blocked" ? ["blocked", 403] : undefined;
    });
    app.afterRequest(async (res) => {
      await Promise.resolve();
      if (request.path === "/broken") throw new Error("after hook broke");
      res.headers.set("X-After", "yes");
      return res;
    });
    app.get("/open", () => "open");
    app.get("/blocked", () => "never");
    app.get("/broken", () => "broken");
    const client = app.testClient();
    const open = await client.get("/open");
    expect([open.status, open.text, open.headers.get("x-after")]).toEqual([200, "open", "yes"]);
    expect(await client.get("/blocked").then((r) => [r.status, r.text])).toEqual([403, "blocked"]);
    expect((await client.get("/broken")).status).toBe(500);
  });

  it("awaits thenables that are not native promises", async () => {
    const app = quietApp();
    app.get("/thenable", () => ({ then: (resolve: (v: unknown) => void) => resolve({ via: "thenable" }) }) as never);
    expect((await app.testClient().get("/thenable")).json).toEqual({ via: "thenable" });
  });

  it("runs hooks registered after the routes they apply to", async () => {
    const app = quietApp();
    app.get("/", () => "view");
    app.beforeRequest(() => "from the hook");
    expect((await app.testClient().get("/")).text).toBe("from the hook");
  });

  it("lets after hooks change the response and g carry data between hooks", async () => {
    const app = quietApp();
    app.beforeRequest(() => {
      g.user = "ada";
    });
    app.afterRequest((res) => {
      res.headers.set("X-User", String(g.user));
      return res;
    });
    app.get("/", () => "hi");
    const res = await fetch(`${await listen(app)}/`);
    expect(res.headers.get("x-user")).toBe("ada");
  });

  it("handles errors by status code and by class, most specific class first", async () => {
    class AppError extends Error {}
    class PaymentError extends AppError {}
    const app = quietApp();
    app.errorHandler(AppError, (e) => [{ kind: "app", message: e.message }, 400]);
    app.errorHandler(PaymentError, (e) => [{ kind: "payment", message: e.message }, 402]);
    app.errorHandler(HTTPException, (e) => [{ kind: "http", code: e.code }, e.code]);
    app.get("/app", () => {
      throw new AppError("boom");
    });
    app.get("/pay", () => {
      throw new PaymentError("card declined");
    });
    app.get("/teapot", () => abort(418));
    const client = app.testClient();
    expect(await client.get("/app").then((r) => [r.status, r.json])).toEqual([400, { kind: "app", message: "boom" }]);
    expect(await client.get("/pay").then((r) => [r.status, r.json])).toEqual([402, { kind: "payment", message: "card declined" }]);
    expect(await client.get("/teapot").then((r) => [r.status, r.json])).toEqual([418, { kind: "http", code: 418 }]);
    expect(await client.get("/missing").then((r) => [r.status, r.json])).toEqual([404, { kind: "http", code: 404 }]);
  });

  it("turns an uncaught error into a logged 500 and keeps serving", async () => {
    const app = quietApp();
    const errors: unknown[] = [];
    app.teardownRequest((error) => void errors.push(error));
    app.get("/boom", () => {
      throw new Error("kaput");
    });
    app.get("/async-boom", async () => {
      await Promise.resolve();
      throw new Error("later");
    });
    app.get("/ok", () => "ok");
    const base = await listen(app);
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("Internal Server Error");
    expect((await fetch(`${base}/async-boom`)).status).toBe(500);
    expect(await (await fetch(`${base}/ok`)).text()).toBe("ok");
    expect(app.logger.error).toHaveBeenCalledWith("Exception on /boom [GET]", expect.any(Error));
    expect(errors.map((e) => (e as Error | undefined)?.message)).toEqual(["kaput", "later", undefined]);
  });

  it("passes the original error to a 500 handler and survives a failing one", async () => {
    const app = quietApp();
    app.errorHandler(500, (e: HTTPException) => `handled: ${String((e as { originalException?: unknown }).originalException)}`);
    app.get("/boom", () => {
      throw new Error("kaput");
    });
    const res = await app.testClient().get("/boom");
    expect(res.text).toBe("handled: Error: kaput");
    const other = quietApp();
    other.errorHandler(500, () => {
      throw new Error("handler broke");
    });
    other.get("/boom", () => {
      throw new Error("kaput");
    });
    expect((await other.testClient().get("/boom")).status).toBe(500);
  });

  it("shows the debug page for uncaught errors in debug mode", async () => {
    const app = quietApp();
    app.debug = true;
    app.get("/boom", function explode() {
      throw new TypeError("no <script> here");
    });
    const res = await app.testClient().get("/boom");
    expect(res.status).toBe(500);
    expect(res.text).toContain("TypeError");
    expect(res.text).toContain("no &lt;script&gt; here");
  });

  it("answers JSON error pages to clients that prefer JSON", async () => {
    const app = quietApp();
    const res = await app.testClient().get("/missing", { headers: { accept: "application/json" } });
    expect(res.json).toMatchObject({ code: 404, name: "Not Found" });
    const html = await app.testClient().get("/missing", { headers: { accept: "text/html,application/json;q=0.9" } });
    expect(html.text).toContain("<h1>Not Found</h1>");
  });

  it("reports a view that returns nothing as a 500 with Flask's explanation", async () => {
    const app = quietApp();
    app.get("/none", (() => undefined) as never);
    expect((await app.testClient().get("/none")).status).toBe(500);
    expect(app.logger.error).toHaveBeenCalledWith("Exception on /none [GET]", expect.objectContaining({ message: expect.stringContaining("did not return a valid response") }));
  });

  it("lets errorHandler(NotFound) catch routing 404s", async () => {
    const app = quietApp();
    app.errorHandler(NotFound, () => new Response("custom", { status: 404 }));
    expect((await app.testClient().get("/x")).text).toBe("custom");
  });
});

describe("the request context", () => {
  it("keeps request, g and currentApp right across await", async () => {
    const app = quietApp();
    app.get("/slow/<int:n>", async ({ n }) => {
      g.n = n;
      await new Promise((resolve) => setTimeout(resolve, (5 - n) * 3));
      await Promise.resolve();
      return { n: g.n, path: request.path, q: request.args.get("q"), same: currentApp === currentApp && currentApp.name };
    });
    const base = await listen(app);
    const results = await Promise.all([1, 2, 3, 4].map((n) => fetch(`${base}/slow/${n}?q=${n}`).then((r) => r.json())));
    expect(results).toEqual([1, 2, 3, 4].map((n) => ({ n, path: `/slow/${n}`, q: String(n), same: "app" })));
    const viaClient = await Promise.all([1, 2, 3].map((n) => app.testClient().get(`/slow/${n}?q=${n}`)));
    expect(viaClient.map((r) => r.json)).toEqual([1, 2, 3].map((n) => ({ n, path: `/slow/${n}`, q: String(n), same: "app" })));
  });

  it("says 'Working outside of request context' outside a request", () => {
    expect(() => request.path).toThrow(/Working outside of request context/);
    expect(() => g.x).toThrow(/Working outside of application context/);
    expect(() => currentApp.name).toThrow(/Working outside of application context/);
    const app = quietApp();
    expect(app.appContext(() => currentApp.name)).toBe("app");
    expect(() => app.appContext(() => request.path)).toThrow(/Working outside of request context/);
  });

  it("builds a request context for tests with testRequestContext", () => {
    const app = quietApp();
    app.get("/search", function search() {
      return "s";
    });
    const seen = app.testRequestContext("/search?q=vial&tag=a&tag=b", {}, () => [request.args.get("q"), request.args.getAll("tag"), request.endpoint]);
    expect(seen).toEqual(["vial", ["a", "b"], "search"]);
  });
});

describe("listen", () => {
  it("binds 127.0.0.1 on a free port and closes", async () => {
    const app = quietApp();
    app.get("/", () => "up");
    const server: ListeningServer = await app.listen({ port: 0 });
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(await (await fetch(server.url)).text()).toBe("up");
    await app.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe("the static route", () => {
  const files: Record<string, string> = { "/site/static/css/site.css": "body{}", "/site/secret.txt": "secret" };
  const reader = {
    stat: async (path: string) => (path in files ? { size: (files[path] as string).length, mtimeMs: 1_700_000_000_000, isFile: true } : undefined),
    read: async (path: string) => new TextEncoder().encode(files[path] ?? ""),
    readText: async (path: string) => files[path] ?? "",
    readTextSync: (path: string) => files[path],
    mtimeSync: () => undefined,
  };

  it("serves files from static/ under /static with caching headers, never outside it", async () => {
    const app = new Vial({ root: "/site", files: reader });
    const base = await listen(app);
    const css = await fetch(`${base}/static/css/site.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toBe("body{}");
    const etag = css.headers.get("etag") as string;
    expect((await fetch(`${base}/static/css/site.css`, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(`${base}/static/..%2fsecret.txt`)).status).toBe(404);
    expect((await app.testClient().get("/static/%2e%2e/secret.txt")).status).toBe(404);
    expect(app.urlMap()[0]).toEqual({ endpoint: "static", methods: ["GET"], rule: "/static/<path:filename>" });
  });

  it("serves a blueprint's static folder under its prefix", async () => {
    const app = new Vial({ root: "/site", files: reader, staticFolder: null });
    const admin = new Blueprint("admin", { urlPrefix: "/admin", root: "/site", staticFolder: "static" });
    admin.get("/", function home() {
      return urlFor(".static", { filename: "css/site.css" });
    });
    app.registerBlueprint(admin);
    const client = app.testClient();
    expect((await client.get("/admin/")).text).toBe("/admin/static/css/site.css");
    expect((await client.get("/admin/static/css/site.css")).text).toBe("body{}");
    expect((await client.get("/admin/static/..%2fsecret.txt")).status).toBe(404);
  });

  it("follows staticUrlPath and can be turned off", async () => {
    const app = new Vial({ root: "/site", files: reader, staticUrlPath: "/assets" });
    expect((await app.testClient().get("/assets/css/site.css")).text).toBe("body{}");
    const none = new Vial({ root: "/site", files: reader, staticFolder: null });
    expect(none.urlMap()).toEqual([]);
  });
});
