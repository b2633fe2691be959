import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Vial, request } from "./index.js";
import type { ListeningServer } from "./adapter/node.js";
import { MultiDict, parseCookies } from "./request.js";

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function makeApp(): Vial {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.get("/args", () => ({ q: request.args.get("q") ?? null, tags: request.args.getAll("tag"), page: request.args.get("page", 1, Number) }));
  app.get("/info", () => ({
    method: request.method,
    path: request.path,
    fullPath: request.fullPath,
    url: request.url,
    host: request.host,
    agent: request.headers.get("x-agent"),
    header: request.header("X-Agent") ?? null,
    cookie: request.cookies.get("flavour") ?? null,
    remoteAddr: request.remoteAddr ?? null,
  }));
  app.post("/json", () => ({ got: request.json as object }));
  app.post("/silent", () => ({ got: request.getJson({ silent: true }) ?? "nothing" }));
  app.post("/form", () => ({ name: request.form.get("name") ?? null, tags: request.form.getAll("tag") }));
  app.post("/upload", async () => {
    const file = request.files.get("file");
    return { title: request.form.get("title") ?? null, file: file?.name ?? null, text: file ? await file.text() : null };
  });
  app.post("/data", () => ({ size: request.data.byteLength, text: request.getData() }));
  return app;
}

async function listen(app: Vial): Promise<string> {
  const server = await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  return server.url;
}

describe("query, headers and cookies", () => {
  it("parses args as a multi-dict with defaults and converters", async () => {
    const client = makeApp().testClient();
    expect((await client.get("/args?q=a%20b&tag=x&tag=y&page=3")).json).toEqual({ q: "a b", tags: ["x", "y"], page: 3 });
    expect((await client.get("/args?page=oops")).json).toEqual({ q: null, tags: [], page: 1 });
    expect((await client.get("/args?q=%zz")).json).toMatchObject({ q: "%zz" });
  });

  it("exposes method, path, url, headers, cookies and the client address over HTTP", async () => {
    const base = await listen(makeApp());
    const res = await fetch(`${base}/info?x=1`, { headers: { "X-Agent": "test", Cookie: "flavour=oat%20meal; other=1" } });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ method: "GET", path: "/info", fullPath: "/info?x=1", agent: "test", header: "test", cookie: "oat meal", remoteAddr: "127.0.0.1" });
    expect(body.url).toBe(`${base}/info?x=1`);
  });

  it("parses Basic and Bearer authorization, ignoring malformed headers", async () => {
    const app = makeApp();
    app.get("/auth", () => ({ auth: request.authorization ?? null }));
    const client = app.testClient();
    const basic = `Basic ${btoa("ada:pa:ss")}`;
    expect((await client.get("/auth", { headers: { authorization: basic } })).json).toEqual({ auth: { type: "basic", username: "ada", password: "pa:ss" } });
    expect((await client.get("/auth", { headers: { authorization: "Bearer abc.def" } })).json).toEqual({ auth: { type: "bearer", token: "abc.def" } });
    for (const bad of ["Basic !!!", `Basic ${btoa("nocolon")}`, "Digest x", "Bearer"]) {
      expect((await client.get("/auth", { headers: { authorization: bad } })).json).toEqual({ auth: null });
    }
  });

  it("parses cookie headers leniently", () => {
    const cookies = parseCookies('a=1; b="quoted"; c=%E0%A4%A; =skip; d');
    expect(cookies.toObject()).toEqual({ a: "1", b: "quoted", c: "%E0%A4%A" });
    const dict = new MultiDict([["k", "1"], ["k", "2"]]);
    expect([dict.get("k"), dict.getAll("k"), dict.has("x"), [...dict]]).toEqual(["1", ["1", "2"], false, [["k", "1"], ["k", "2"]]]);
  });
});

describe("bodies", () => {
  it("parses JSON and answers malformed JSON with 400", async () => {
    const app = makeApp();
    const client = app.testClient();
    expect((await client.post("/json", { json: { a: [1, 2] } })).json).toEqual({ got: { a: [1, 2] } });
    const bad = await client.post("/json", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Failed to decode JSON object");
    expect((await client.post("/json", { body: "{}", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await client.post("/silent", { body: "{nope", headers: { "content-type": "application/json" } })).json).toEqual({ got: "nothing" });
    const real = await fetch(`${await listen(app)}/json`, { method: "POST", body: "[1,", headers: { "content-type": "application/json" } });
    expect(real.status).toBe(400);
  });

  it("parses urlencoded forms", async () => {
    const app = makeApp();
    expect((await app.testClient().post("/form", { form: { name: "Ada", tag: ["a", "b"] } })).json).toEqual({ name: "Ada", tags: ["a", "b"] });
    const real = await fetch(`${await listen(app)}/form`, { method: "POST", body: new URLSearchParams("name=Grace&tag=c") });
    expect(await real.json()).toEqual({ name: "Grace", tags: ["c"] });
  });

  it("parses multipart forms with files", async () => {
    const app = makeApp();
    const res = await app.testClient().post("/upload", { form: { title: "cat", file: new File(["meow"], "cat.txt", { type: "text/plain" }) } });
    expect(res.json).toEqual({ title: "cat", file: "cat.txt", text: "meow" });
    const form = new FormData();
    form.append("title", "dog");
    form.append("file", new File(["woof"], "dog.txt"));
    const real = await fetch(`${await listen(app)}/upload`, { method: "POST", body: form });
    expect(await real.json()).toEqual({ title: "dog", file: "dog.txt", text: "woof" });
  });

  it("answers a malformed multipart body with 400", async () => {
    const res = await makeApp().testClient().post("/upload", { body: "garbage", headers: { "content-type": "multipart/form-data; boundary=xyz" } });
    expect(res.status).toBe(400);
  });

  it("gives the raw bytes as data", async () => {
    const res = await makeApp().testClient().post("/data", { body: "héllo", headers: { "content-type": "application/octet-stream" } });
    expect(res.json).toEqual({ size: 6, text: "héllo" });
  });
});

describe("MAX_CONTENT_LENGTH", () => {
  function limited(): Vial {
    const app = makeApp();
    app.config.MAX_CONTENT_LENGTH = 16;
    return app;
  }

  it("answers 413 for a declared Content-Length over the limit, before reading", async () => {
    const app = limited();
    expect((await app.testClient().post("/data", { body: "x".repeat(17) })).status).toBe(413);
    expect((await app.testClient().post("/data", { body: "x".repeat(16) })).json).toEqual({ size: 16, text: "x".repeat(16) });
    const real = await fetch(`${await listen(app)}/data`, { method: "POST", body: "y".repeat(1000) });
    expect(real.status).toBe(413);
  });

  it("answers 413 for a chunked body that grows past the limit", async () => {
    const app = limited();
    const base = await listen(app);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/data`, { method: "POST", headers: { "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      let sent = 0;
      const pump = (): void => {
        if (sent >= 20) return void req.end();
        sent++;
        req.write("0123456789");
        setTimeout(pump, 1);
      };
      pump();
    });
    expect(status).toBe(413);
    expect((await fetch(`${base}/args?q=still-up`).then((r) => r.json())) as object).toMatchObject({ q: "still-up" });
    const small = await fetch(`${base}/data`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("tiny"));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(await small.json()).toEqual({ size: 4, text: "tiny" });
  });
});

describe("form and JSON limits", () => {
  function limitedApp(config: Record<string, unknown>): Vial {
    const app = makeApp();
    app.config.fromObject(config);
    return app;
  }

  function multipart(fields: number, size = 1): FormData {
    const form = new FormData();
    for (let i = 0; i < fields; i++) form.append(`f${i}`, "v".repeat(size));
    return form;
  }

  it("answers 413 past MAX_FORM_PARTS for multipart and urlencoded forms, over HTTP", async () => {
    const base = await listen(limitedApp({ MAX_FORM_PARTS: 5 }));
    expect((await fetch(`${base}/upload`, { method: "POST", body: multipart(6) })).status).toBe(413);
    expect((await fetch(`${base}/upload`, { method: "POST", body: multipart(5) })).status).toBe(200);
    const many = new URLSearchParams(Array.from({ length: 6 }, (_, i): [string, string] => [`k${i}`, "v"]));
    expect((await fetch(`${base}/form`, { method: "POST", body: many })).status).toBe(413);
  });

  it("answers 413 for a form field over MAX_FORM_MEMORY_SIZE, files excepted", async () => {
    const base = await listen(limitedApp({ MAX_FORM_MEMORY_SIZE: 100 }));
    expect((await fetch(`${base}/upload`, { method: "POST", body: multipart(1, 101) })).status).toBe(413);
    expect((await fetch(`${base}/form`, { method: "POST", body: new URLSearchParams({ name: "n".repeat(200) }) })).status).toBe(413);
    const withFile = new FormData();
    withFile.append("title", "small");
    withFile.append("file", new File(["x".repeat(1000)], "big.txt"));
    expect(await (await fetch(`${base}/upload`, { method: "POST", body: withFile })).json()).toMatchObject({ title: "small", file: "big.txt" });
  });

  it("answers JSON nested deeper than MAX_JSON_DEPTH with 400, and parses up to it", async () => {
    const app = limitedApp({ MAX_JSON_DEPTH: 512 });
    const base = await listen(app);
    const post = (body: string): Promise<globalThis.Response> => fetch(`${base}/json`, { method: "POST", body, headers: { "content-type": "application/json" } });
    const deep = await post(`${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    expect([deep.status, await deep.text()]).toEqual([400, expect.stringContaining("MAX_JSON_DEPTH")]);
    const objects = await post(`${'{"a":'.repeat(600)}1${"}".repeat(600)}`);
    expect(objects.status).toBe(400);
    const inString = await post(JSON.stringify({ text: "[".repeat(2000) }));
    expect(inString.status).toBe(200);
    const limit = await post(`${"[".repeat(511)}${"]".repeat(511)}`);
    expect(limit.status).toBe(200);
    const wide = await post(JSON.stringify(Array.from({ length: 600 }, (_, i) => ({ i, tags: [i] }))));
    expect([wide.status, ((await wide.json()) as { got: unknown[] }).got.length]).toEqual([200, 600]);
  });
});
