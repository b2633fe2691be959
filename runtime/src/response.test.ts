import { describe, expect, it } from "vitest";
import { Response, abort, jsonify, makeResponse, redirect, request } from "./index.js";
import { serializeCookie } from "./response.js";
import { listenPerTest, quietApp } from "./__fixtures__/test-apps.js";

const listen = listenPerTest();

describe("makeResponse", () => {
  it("turns strings into HTML, objects and arrays into JSON", () => {
    expect(makeResponse("hi").contentType).toBe("text/html; charset=utf-8");
    const json = makeResponse({ a: 1 });
    expect([json.contentType, json.text]).toEqual(["application/json", '{"a":1}']);
    expect(makeResponse([1, 2, 3]).text).toBe("[1,2,3]");
    expect(makeResponse(["a", "b"]).text).toBe('["a","b"]');
    expect(makeResponse([{ name: "Ada" }, { name: "Bob" }]).text).toBe('[{"name":"Ada"},{"name":"Bob"}]');
  });

  it("streams a plain object that is iterable instead of sending it as JSON", async () => {
    const rows = {
      *[Symbol.iterator]() {
        yield "a,";
        yield "b";
      },
    };
    const lines = {
      async *[Symbol.asyncIterator]() {
        yield "x\n";
      },
    };
    const app = quietApp();
    app.get("/rows", () => rows);
    app.get("/lines", () => lines);
    const client = app.testClient();
    expect([(await client.get("/rows")).text, (await client.get("/lines")).text]).toEqual(["a,b", "x\n"]);
  });

  it("takes a tuple's items as separate arguments", () => {
    const res = makeResponse("made", 201, { "X-A": "1" });
    expect([res.status, res.text, res.headers.get("x-a")]).toEqual([201, "made", "1"]);
    expect(makeResponse({ a: 1 }, 202).status).toBe(202);
  });

  it("reads Flask's tuples", () => {
    const full = makeResponse(["made", 201, { "X-Kind": "echo" }]);
    expect([full.status, full.text, full.headers.get("x-kind")]).toEqual([201, "made", "echo"]);
    const withStatus = makeResponse([{ ok: false }, 422]);
    expect([withStatus.status, withStatus.text]).toEqual([422, '{"ok":false}']);
    const withHeaders = makeResponse(["x", { "Cache-Control": "no-store" }]);
    expect([withHeaders.status, withHeaders.headers.get("cache-control")]).toEqual([200, "no-store"]);
    const jsonWithHeaders = makeResponse([{ ok: true }, new Headers({ "X-A": "1" })]);
    expect([jsonWithHeaders.text, jsonWithHeaders.headers.get("x-a")]).toEqual(['{"ok":true}', "1"]);
  });

  it("accepts Response objects, web Responses and bytes", async () => {
    const own = new Response("x", { status: 202 });
    expect(makeResponse(own)).toBe(own);
    const web = makeResponse(new globalThis.Response("web", { status: 203, headers: { "x-a": "1" } }));
    expect([web.status, web.headers.get("x-a")]).toEqual([203, "1"]);
    expect(await web.toWeb().text()).toBe("web");
    expect(makeResponse(new TextEncoder().encode("bytes")).text).toBe("bytes");
  });

  it("refuses null, undefined and numbers with Flask's message", () => {
    expect(() => makeResponse(null as never)).toThrow(/did not return a valid response/);
    expect(() => makeResponse(undefined as never)).toThrow(/ended without a return statement/);
    expect(() => makeResponse(42 as never)).toThrow(/but it was a number/);
  });

  it("sends jsonify's values as JSON", () => {
    expect(jsonify({ a: 1 }).text).toBe('{"a":1}');
    expect(jsonify(1, 2).text).toBe("[1,2]");
    expect(jsonify().text).toBe("null");
    expect(jsonify(["a", 201]).text).toBe('["a",201]');
  });
});

describe("streaming", () => {
  it("streams async iterables over HTTP and through fetch", async () => {
    const app = quietApp();
    app.get("/stream", () => {
      async function* rows() {
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield `row ${i}\n`;
        }
      }
      return new Response(rows(), { mimetype: "text/plain" });
    });
    app.get("/gen", () =>
      (function* () {
        yield "a";
        yield new TextEncoder().encode("b");
      })(),
    );
    expect((await app.testClient().get("/stream")).text).toBe("row 0\nrow 1\nrow 2\n");
    const base = await listen(app);
    const res = await fetch(`${base}/stream`);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("row 0\nrow 1\nrow 2\n");
    expect(await (await fetch(`${base}/gen`)).text()).toBe("ab");
  });

  it("keeps the request context while a generator streams", async () => {
    const app = quietApp();
    app.get("/greet", () =>
      (async function* () {
        yield "hello ";
        await new Promise((resolve) => setTimeout(resolve, 2));
        yield request.args.get("name") ?? "nobody";
      })(),
    );
    expect((await app.testClient().get("/greet?name=ada")).text).toBe("hello ada");
    const base = await listen(app);
    const results = await Promise.all(["x", "y"].map((name) => fetch(`${base}/greet?name=${name}`).then((r) => r.text())));
    expect(results).toEqual(["hello x", "hello y"]);
  });

  it("closes the response when a stream fails halfway, and keeps serving", async () => {
    const app = quietApp();
    app.get("/broken", () =>
      (async function* () {
        yield "start";
        throw new Error("stream broke");
      })(),
    );
    app.get("/ok", () => "ok");
    const base = await listen(app);
    await expect(fetch(`${base}/broken`).then((r) => r.text())).rejects.toThrow();
    expect(await (await fetch(`${base}/ok`)).text()).toBe("ok");
  });
});

describe("cookies", () => {
  it("sets and deletes cookies with safe defaults", async () => {
    const app = quietApp();
    app.get("/set", () => {
      const res = new Response("set");
      res.setCookie("theme", "dark mode; injected=1", { maxAge: 60, httpOnly: true, sameSite: "Lax" });
      res.deleteCookie("old");
      return res;
    });
    const res = await fetch(`${await listen(app)}/set`);
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toBe("theme=dark%20mode%3B%20injected=1; Max-Age=60; HttpOnly; Path=/; SameSite=Lax");
    expect(cookies[1]).toMatch(/^old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=\/$/);
    const client = app.testClient();
    expect((await client.get("/set")).cookies).toEqual({ theme: "dark mode; injected=1", old: "" });
  });

  it("cannot be used to inject headers or attributes", () => {
    expect(serializeCookie("a", "x\r\nSet-Cookie: evil=1")).toBe("a=x%0D%0ASet-Cookie:%20evil=1; Path=/");
    expect(() => serializeCookie("bad name", "x")).toThrow(/invalid cookie name/);
    expect(() => serializeCookie("a\r\nb", "x")).toThrow(/invalid cookie name/);
    expect(() => serializeCookie("a", "x", { path: "/; Domain=evil.com" })).toThrow(/invalid cookie Path/);
    expect(() => serializeCookie("a", "x", { domain: "a.com\r\nX: 1" })).toThrow(/invalid cookie Domain/);
  });
});

describe("redirect", () => {
  it("redirects with 302 by default and the given code otherwise", async () => {
    const app = quietApp();
    app.get("/old", () => redirect("/new"));
    app.get("/moved", () => redirect("/new", 301));
    const base = await listen(app);
    const res = await fetch(`${base}/old`, { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([302, "/new"]);
    expect(await res.text()).toContain('<a href="/new">');
    expect((await fetch(`${base}/moved`, { redirect: "manual" })).status).toBe(301);
  });

  it("percent-encodes characters that could split the header", async () => {
    const res = redirect("/next\r\nSet-Cookie: evil=1\"<x>");
    expect(res.headers.get("location")).toBe("/next%0D%0ASet-Cookie:%20evil=1\"<x>");
    expect(res.text).not.toContain("<x>");
    const app = quietApp();
    app.get("/r", () => redirect(`/to?u=${"\r\nX-Evil: 1"}`));
    const real = await fetch(`${await listen(app)}/r`, { redirect: "manual" });
    expect(real.headers.get("x-evil")).toBeNull();
    expect(real.headers.get("location")).toBe("/to?u=%0D%0AX-Evil:%201");
  });
});

describe("abort and error pages", () => {
  it("throws HTTP exceptions with Werkzeug's pages", async () => {
    const app = quietApp();
    app.get("/gone", () => abort(410, "This went <away>."));
    app.get("/custom", () => abort(new Response("teapot body", { status: 418 })));
    const client = app.testClient();
    const gone = await client.get("/gone");
    expect(gone.status).toBe(410);
    expect(gone.text).toBe("<!doctype html>\n<html lang=en>\n<title>410 Gone</title>\n<h1>Gone</h1>\n<p>This went &#60;away&#62;.</p>\n");
    const asJson = await client.get("/gone", { headers: { accept: "application/json" } });
    expect(asJson.json).toEqual({ code: 410, name: "Gone", description: "This went <away>." });
    expect((await client.get("/custom")).text).toBe("teapot body");
    expect(() => abort(299)).toThrow(/no exception for 299/);
  });
});
