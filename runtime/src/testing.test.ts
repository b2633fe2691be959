import { describe, expect, it, vi } from "vitest";
import { Response, Vial, request } from "./index.js";

function makeApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.get("/set", () => {
    const res = new Response("set");
    res.setCookie("a", "1");
    res.setCookie("b", "two words");
    return res;
  });
  app.get("/unset", () => {
    const res = new Response("unset");
    res.deleteCookie("a");
    return res;
  });
  app.route("/echo", { methods: ["GET", "POST", "PUT", "PATCH", "DELETE"] }, function echo() {
    return {
      method: request.method,
      cookies: request.cookies.toObject(),
      query: request.args.toObject(),
      header: request.headers.get("x-test"),
      body: request.getData(),
    };
  });
  return app;
}

describe("the test client", () => {
  it("keeps cookies across requests and forgets deleted ones", async () => {
    const client = makeApp().testClient();
    const set = await client.get("/set");
    expect(set.cookies).toEqual({ a: "1", b: "two words" });
    expect(((await client.get("/echo")).json as { cookies: object }).cookies).toEqual({ a: "1", b: "two words" });
    await client.get("/unset");
    expect(((await client.get("/echo")).json as { cookies: object }).cookies).toEqual({ b: "two words" });
  });

  it("sends every method with headers, query and bodies", async () => {
    const client = makeApp().testClient();
    for (const method of ["post", "put", "patch", "delete"] as const) {
      const res = await client[method]("/echo", { headers: { "X-Test": "yes" }, query: { n: 1, tag: ["a", "b"] }, body: `${method} body` });
      expect(res.json).toEqual({ method: method.toUpperCase(), cookies: {}, query: { n: "1", tag: "a" }, header: "yes", body: `${method} body` });
    }
    const options = await client.options("/echo");
    expect(options.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  });

  it("reports text, parsed JSON (when JSON) and the final URL", async () => {
    const client = makeApp().testClient();
    const html = await client.get("/set");
    expect([html.text, html.json, html.url]).toEqual(["set", undefined, "http://localhost/set"]);
  });
});
