import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Each starter is copied to a temp folder, given node_modules/vial (a link to this repo's runtime),
// and served by the real `vial run` on a free port: exactly what a user gets after creating a project.
const startersDir = fileURLToPath(new URL(".", import.meta.url));
const runtimeDir = fileURLToPath(new URL("../../runtime/", import.meta.url));
const bin = join(runtimeDir, "bin", "vial.js");
// Starting a project spawns node and esbuild; requests may wait on a busy machine.
const SLOW = { timeout: 30_000 };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
}

interface Started {
  dir: string;
  port: number;
  child: ChildProcess;
  output: () => string;
}

async function startStarter(name: string): Promise<Started> {
  if (!existsSync(join(runtimeDir, "dist", "cli", "main.js"))) {
    throw new Error("runtime/dist is missing: run `node scripts/build.mjs --only runtime` first.");
  }
  const dir = await mkdtemp(join(tmpdir(), `vial-starter-${name}-`));
  await cp(join(startersDir, name), dir, { recursive: true });
  await mkdir(join(dir, "node_modules"));
  await symlink(runtimeDir, join(dir, "node_modules", "vial"), "dir");
  const child = spawn(process.execPath, [bin, "run", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 300; attempt++) {
    const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    if (match) return { dir, port: Number(match[1]), child, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`the ${name} starter did not start:\n${output}`);
}

async function stopStarter(started: Started | undefined): Promise<void> {
  if (!started) return;
  if (started.child.exitCode === null) {
    const exited = new Promise((resolve) => started.child.once("exit", resolve));
    started.child.kill("SIGTERM");
    await exited;
  }
  await rm(started.dir, { recursive: true, force: true });
}

function call(port: number, method: string, path: string, opts: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: opts.headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

function sendJson(port: number, method: string, path: string, value: unknown): Promise<Reply> {
  return call(port, method, path, { body: JSON.stringify(value), headers: { "Content-Type": "application/json" } });
}

describe.each(["blank", "rest-api", "website"])("the %s starter", (name) => {
  it("is a complete project as the Studio and `vial run` expect it", async () => {
    const pkg = JSON.parse(await readFile(join(startersDir, name, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      private: true,
      type: "module",
      scripts: { dev: "vial run --reload", start: "vial run" },
      dependencies: { vial: expect.any(String) },
    });
    for (const entry of ["app.ts", "templates", "static", ".gitignore", "README.md"]) expect(existsSync(join(startersDir, name, entry))).toBe(true);
  });
});

describe("the blank starter", SLOW, () => {
  let app: Started | undefined;
  beforeAll(async () => {
    app = await startStarter("blank");
  }, 60_000);
  afterAll(() => stopStarter(app));

  it("answers its one route with HTML and unknown paths with 404", async () => {
    const port = app?.port ?? 0;
    const home = await call(port, "GET", "/");
    expect(home.status).toBe(200);
    expect(home.headers["content-type"]).toContain("text/html");
    expect(home.body).toContain("<h1>Hello from Vial!</h1>");
    expect((await call(port, "GET", "/nope")).status).toBe(404);
  });
});

describe("the rest-api starter", SLOW, () => {
  let app: Started | undefined;
  beforeAll(async () => {
    app = await startStarter("rest-api");
  }, 60_000);
  afterAll(() => stopStarter(app));
  const port = () => app?.port ?? 0;

  it("describes itself at / with its endpoints", async () => {
    const index = await call(port(), "GET", "/");
    expect(index.status).toBe(200);
    expect(index.json).toMatchObject({ name: "Items API" });
    const endpoints = (index.json as { endpoints: { endpoint: string }[] }).endpoints.map((route) => route.endpoint);
    expect(endpoints).toEqual(expect.arrayContaining(["index", "items.list", "items.detail", "items.create", "items.update", "items.remove"]));
  });

  it("lists, filters and reads items", async () => {
    const list = await call(port(), "GET", "/api/items/");
    expect(list.status).toBe(200);
    expect(list.json).toEqual([
      { id: 1, title: "Read the Vial docs", done: true },
      { id: 2, title: "Build an API", done: false },
    ]);
    expect(((await call(port(), "GET", "/api/items/?done=false")).json as unknown[]).length).toBe(1);
    expect((await call(port(), "GET", "/api/items/2")).json).toEqual({ id: 2, title: "Build an API", done: false });
  });

  it("creates, updates and deletes an item", async () => {
    const created = await sendJson(port(), "POST", "/api/items/", { title: "  Ship it " });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: 3, title: "Ship it", done: false });
    expect(created.headers["location"]).toBe("/api/items/3");

    const patched = await sendJson(port(), "PATCH", "/api/items/3", { done: true });
    expect(patched.json).toEqual({ id: 3, title: "Ship it", done: true });
    const replaced = await sendJson(port(), "PUT", "/api/items/3", { title: "Shipped", done: true });
    expect(replaced.json).toEqual({ id: 3, title: "Shipped", done: true });

    const deleted = await call(port(), "DELETE", "/api/items/3");
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe("");
    expect((await call(port(), "GET", "/api/items/3")).status).toBe(404);
  });

  it("answers every error in JSON", async () => {
    expect(await call(port(), "GET", "/api/items/99")).toMatchObject({
      status: 404,
      json: { error: "Not Found", message: "There is no item 99.", status: 404 },
    });
    expect(await sendJson(port(), "POST", "/api/items/", { done: true })).toMatchObject({
      status: 400,
      json: { error: "Bad Request", message: "title is required.", status: 400 },
    });
    expect(await sendJson(port(), "POST", "/api/items/", { title: 7 })).toMatchObject({ status: 400, json: { message: "title must be a non-empty string." } });
    expect(await sendJson(port(), "PATCH", "/api/items/1", { done: "yes" })).toMatchObject({ status: 400, json: { message: "done must be true or false." } });
    expect(await sendJson(port(), "POST", "/api/items/", [1, 2])).toMatchObject({ status: 400, json: { message: "Send a JSON object." } });
    const malformed = await call(port(), "POST", "/api/items/", { body: "{oops", headers: { "Content-Type": "application/json" } });
    expect(malformed).toMatchObject({ status: 400, json: { error: "Bad Request", status: 400 } });
    expect(await call(port(), "GET", "/nope")).toMatchObject({ status: 404, json: { error: "Not Found", status: 404 } });
    expect(await call(port(), "DELETE", "/api/items/")).toMatchObject({ status: 405, json: { error: "Method Not Allowed", status: 405 } });
  });
});

describe("the website starter", SLOW, () => {
  let app: Started | undefined;
  beforeAll(async () => {
    app = await startStarter("website");
  }, 60_000);
  afterAll(() => stopStarter(app));
  const port = () => app?.port ?? 0;

  it("renders every page from the base layout, with the stylesheet and the current page marked", async () => {
    for (const [path, heading] of [
      ["/", "Welcome to your new website"],
      ["/about", "<h1>About</h1>"],
      ["/contact", "<h1>Contact</h1>"],
    ] as const) {
      const page = await call(port(), "GET", path);
      expect(page.status).toBe(200);
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.body).toContain(heading);
      expect(page.body).toContain('<link rel="stylesheet" href="/static/style.css">');
      expect(page.body).toMatch(new RegExp(`<a href="${path}" aria-current="page">`));
      expect(page.body).toContain("Made with Vial");
    }
    expect((await call(port(), "GET", "/")).body).toContain("<h2>Templates</h2>");
  });

  it("serves its stylesheet", async () => {
    const css = await call(port(), "GET", "/static/style.css");
    expect(css.status).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.body).toContain(".flash-success");
  });

  it("re-shows the form with an error message when a field is missing", async () => {
    const form = "name=Ada&message=";
    const res = await call(port(), "POST", "/contact", { body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<li class="flash flash-error">Please fill in your name and a message.</li>');
    expect(res.body).toContain('value="Ada"');
  });

  it("flashes a thank-you once after a valid message, escaping what the visitor typed", async () => {
    const form = "name=%3Cb%3EAda%3C%2Fb%3E&message=Hello";
    const posted = await call(port(), "POST", "/contact", { body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(posted.status).toBe(302);
    expect(posted.headers["location"]).toMatch(/\/contact$/);
    const cookie = String(posted.headers["set-cookie"] ?? "").split(";")[0] ?? "";
    const shown = await call(port(), "GET", "/contact", { headers: { Cookie: cookie } });
    expect(shown.body).toContain('<li class="flash flash-success">Thanks, &lt;b&gt;Ada&lt;/b&gt;! Your message has been received.</li>');
    const cleared = String(shown.headers["set-cookie"] ?? cookie).split(";")[0] ?? "";
    const again = await call(port(), "GET", "/contact", { headers: { Cookie: cleared } });
    expect(again.body).not.toContain("Thanks,");
  });
});
