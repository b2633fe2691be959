import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

// These tests run the real `vial` command (runtime/bin/vial.js → runtime/dist), as a user would. Each
// starts node processes and esbuild, which takes seconds on a busy machine: hence the longer timeout.
const SLOW = { timeout: 30_000 };
const runtimeDir = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(runtimeDir, "bin", "vial.js");

interface Running {
  child: ChildProcess;
  output: () => string;
  port: number;
}

const children: ChildProcess[] = [];
const folders: string[] = [];

beforeAll(() => {
  if (!existsSync(join(runtimeDir, "dist", "cli", "main.js"))) {
    throw new Error("runtime/dist is missing: run `node scripts/build.mjs --only runtime` first.");
  }
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vial-cli-"));
  folders.push(dir);
  await mkdir(join(dir, "node_modules"));
  await symlink(runtimeDir, join(dir, "node_modules", "vial"), "dir");
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function vial(cwd: string, args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, output: () => string): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; output so far:\n${output()}`);
}

async function serve(cwd: string, args: string[]): Promise<Running> {
  const started = vial(cwd, ["run", "--port", "0", ...args]);
  const port = await waitFor(
    "the server to start",
    () => {
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(started.output());
      return match ? Number(match[1]) : undefined;
    },
    started.output,
  );
  return { child: started.child, output: started.output, port };
}

// A fresh connection per request (no keep-alive), so a refused connection shows up as an error.
function get(port: number, path = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

// A raw connection that writes `chunks` 100 ms apart and never ends its side; it reports whether the
// server closed it within 4 s and what the server sent.
function rawClient(port: number, chunks: string[]): Promise<{ closed: boolean; reply: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    let gaveUp = false;
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    const drip = setInterval(() => {
      const chunk = chunks.shift();
      if (chunk === undefined) clearInterval(drip);
      else if (!socket.destroyed) socket.write(chunk);
    }, 100);
    const cap = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, 4000);
    socket.on("close", () => {
      clearInterval(drip);
      clearTimeout(cap);
      resolve({ closed: !gaveUp, reply });
    });
    socket.write(chunks.shift() ?? "");
  });
}

const vialApp = `import { Vial } from "vial";
import { greet } from "./lib/greet.js";

export const app = new Vial({ root: import.meta.dirname });

app.get("/", function index() {
  return greet() + " from " + import.meta.dirname;
});

app.route("/about", { methods: ["POST", "GET"] }, function about() {
  return "about";
});

app.get("/boom", function boom() {
  const items: string[] | undefined = undefined;
  return items!.join(",");
});
`;

const greetModule = (text: string) => `export const greet = (): string => ${JSON.stringify(text)};\n`;

describe("vial routes", SLOW, () => {
  it("prints the url map sorted by endpoint, without HEAD and OPTIONS", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hi") });
    const run = vial(dir, ["routes"]);
    expect(await run.exit).toBe(0);
    expect(run.output()).toBe(
      [
        "Endpoint  Methods    Rule",
        "--------  ---------  -----------------------",
        "about     GET, POST  /about",
        "boom      GET        /boom",
        "index     GET        /",
        "static    GET        /static/<path:filename>",
        "",
      ].join("\n"),
    );
    expect(await readdir(join(dir, ".vial", "build"))).toEqual([]);
  });

  it("sorts by rule and shows every method when asked; rejects an unknown sort", async () => {
    const dir = await project({ "src/app.ts": vialApp, "src/lib/greet.ts": greetModule("hi") });
    const run = vial(dir, ["routes", "--sort", "rule", "--all-methods"]);
    expect(await run.exit).toBe(0);
    expect(run.output().split("\n").slice(2, 6)).toEqual([
      "index     GET, HEAD, OPTIONS        /",
      "about     GET, HEAD, OPTIONS, POST  /about",
      "boom      GET, HEAD, OPTIONS        /boom",
      "static    GET, HEAD, OPTIONS        /static/<path:filename>",
    ]);
    const bad = vial(dir, ["routes", "--sort", "size"]);
    expect(await bad.exit).toBe(2);
    expect(bad.output()).toContain("--sort must be one of endpoint, methods, rule, match");
  });

  it("says where it looked when there is no app, and what to export when the module has none", async () => {
    const empty = await project({});
    const missing = vial(empty, ["routes"]);
    expect(await missing.exit).toBe(1);
    expect(missing.output()).toContain("looked for app.ts, app.js, src/app.ts, src/app.js");
    expect(missing.output()).not.toContain("    at ");
    const noExport = await project({ "server.ts": "export const nothing = 1;\n" });
    const run = vial(noExport, ["routes", "--app", "server.ts"]);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain("server.ts does not export a Vial app");
  });
});

describe("vial run", SLOW, () => {
  it("serves the app and logs each request like Werkzeug", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hello") });
    const server = await serve(dir, []);
    expect(await get(server.port, "/?x=1")).toEqual({ status: 200, body: `hello from ${dir}` });
    expect((await get(server.port, "/nope")).status).toBe(404);
    await waitFor("the log lines", () => (server.output().includes('"GET /nope HTTP/1.1" 404 -') ? true : undefined), server.output);
    expect(server.output()).toMatch(/127\.0\.0\.1 - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] "GET \/\?x=1 HTTP\/1\.1" 200 -/);
  });

  it.each([[[]], [["--reload"]]])("applies the app's header limits (args %j)", async (args) => {
    const dir = await project({ "app.ts": `${vialApp}app.config.MAX_HEADER_SIZE = 2048;\n`, "lib/greet.ts": greetModule("hi") });
    const server = await serve(dir, args);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, path: "/", agent: false, headers: { "x-big": "a".repeat(4096) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(431);
    expect((await get(server.port)).status).toBe(200);
  });

  it.each([[[]], [["--reload"]]])("applies the app's slow-client timeouts and body limit (args %j)", async (args) => {
    const limits = "app.config.HEADERS_TIMEOUT = 0.5;\napp.config.REQUEST_TIMEOUT = 1;\napp.config.KEEP_ALIVE_TIMEOUT = 0.3;\napp.config.MAX_CONTENT_LENGTH = 10;\n";
    const dir = await project({ "app.ts": vialApp + limits, "lib/greet.ts": greetModule("hi") });
    const server = await serve(dir, args);
    // Each client waits at most 4 s to be dropped: less than Node's own defaults (5 s keep-alive, 60 s
    // headers), so a server that ignores the app's settings still holds these connections open by then.
    const [halfLine, trickle, idle, big] = await Promise.all([
      rawClient(server.port, ["GET / HT"]),
      rawClient(server.port, ["GET / HTTP/1.1\r\nHost: x\r\n", ...Array.from({ length: 30 }, (_, i) => `X-Drip-${i}: 1\r\n`)]),
      rawClient(server.port, ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"]),
      rawClient(server.port, ["POST /about HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"]),
    ]);
    expect({ halfLine, trickle, idle, big }).toEqual({
      halfLine: { closed: true, reply: expect.stringMatching(/^HTTP\/1\.1 408 /) },
      trickle: { closed: true, reply: expect.stringMatching(/^HTTP\/1\.1 408 /) },
      idle: { closed: true, reply: expect.stringMatching(/^HTTP\/1\.1 200 [\s\S]*from /) },
      big: { closed: true, reply: expect.stringMatching(/^HTTP\/1\.1 413 /) },
    });
  });

  it("shows the debug page with the TypeScript file, line and code with --debug, and nothing of it without", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hello") });
    const debug = await serve(dir, ["--debug"]);
    expect(debug.output()).toContain("Debug mode: on");
    expect(debug.output()).not.toContain("WARNING");
    const page = await get(debug.port, "/boom");
    expect(page.status).toBe(500);
    expect(page.body).toContain("<h1>TypeError</h1>");
    expect(page.body).toMatch(new RegExp(`${dir.replaceAll("/", "\\/")}\\/app\\.ts:16:\\d+`));
    expect(page.body).toContain('<tr class="current"><td class="ln">16</td><td><pre>  return items!.join(&quot;,&quot;);</pre>');

    const quiet = await serve(dir, []);
    const plain = await get(quiet.port, "/boom");
    expect(plain.status).toBe(500);
    expect(plain.body).not.toContain("app.ts");
    expect(plain.body).not.toContain("TypeError");
  });

  it("shows the template name and line on the debug page for a template that throws", async () => {
    const dir = await project({
      "app.ts": `import { Vial, renderTemplate } from "vial";
export const app = new Vial({ root: import.meta.dirname });
app.get("/", function index() {
  return renderTemplate("page.html", { user: undefined });
});
`,
      "templates/page.html": "<h1>Profile</h1>\n<p>{{ user.name }}</p>\n",
    });
    const debug = await serve(dir, ["--debug"]);
    const page = await get(debug.port, "/");
    expect(page.status).toBe(500);
    expect(page.body).toContain("Template <code>page.html</code>, line 2");
    expect(page.body).toContain('<td class="ln">2</td><td><pre>&lt;p&gt;{{ user.name }}&lt;/p&gt;</pre>');
    expect(page.body).toMatch(/app\.ts:4:\d+/);
  });

  it("warns when debug mode listens beyond this machine", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hello") });
    // 192.0.2.1 is a documentation address this machine does not have: the warning comes before the
    // bind fails, so the test never opens a port beyond loopback.
    const run = vial(dir, ["run", "--port", "0", "--host", "192.0.2.1", "--debug"]);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain("WARNING: debug mode is on and the server listens on 192.0.2.1");
    expect(run.output()).toContain("Cannot listen on 192.0.2.1: this machine has no such address");
  });

  it("reports a syntax error with file:line and exits", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": "export const greet = () => {\n  return 'a' +;\n};\n" });
    const run = vial(dir, ["run", "--port", "0"]);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain("lib/greet.ts:2:15: Unexpected \";\"");
  });

  it.each([[[]], [["--reload"]]])("says when the port is taken (%j)", async (extra) => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hello") });
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = vial(dir, ["run", "--port", String(port), ...extra]);
      expect(await run.exit).toBe(1);
      expect(run.output()).toContain(`Port ${port} is in use by another program`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("rejects a bad port", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("hello") });
    const run = vial(dir, ["run", "--port", "http"]);
    expect(await run.exit).toBe(2);
    expect(run.output()).toContain("--port must be a number");
  });
});

describe("vial run --reload", SLOW, () => {
  it("picks up a changed handler without ever refusing a connection", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("version one") });
    const server = await serve(dir, ["--reload"]);
    expect((await get(server.port)).body).toContain("version one");

    await writeFile(join(dir, "lib", "greet.ts"), greetModule("version two"));
    // Back-to-back requests on fresh connections through the whole restart: any refused or reset
    // connection rejects and fails the test.
    const bodies: string[] = [];
    for (let i = 0; i < 3000 && !bodies.at(-1)?.includes("version two"); i++) bodies.push((await get(server.port)).body);
    expect(bodies.at(-1)).toContain("version two");
    expect(bodies.every((body) => body.includes("version one") || body.includes("version two"))).toBe(true);
    // The log line is written right after the switch, so it may trail the first new response a little.
    await waitFor("the reload log line", () => (/Reloaded in \d+ ms \(lib\/greet\.ts changed\)/.test(server.output()) ? true : undefined), server.output);
  });

  it("keeps serving the last good version through a syntax error, and reloads once it is fixed", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("good") });
    const server = await serve(dir, ["--reload"]);
    await writeFile(join(dir, "lib", "greet.ts"), "export const greet = () => {\n  return 'bad' +;\n};\n");
    await waitFor("the compile error", () => (server.output().includes("Cannot compile") ? true : undefined), server.output);
    expect(server.output()).toContain("lib/greet.ts:2:17: Unexpected \";\"");
    expect((await get(server.port)).body).toContain("good");

    await writeFile(join(dir, "lib", "greet.ts"), greetModule("fixed"));
    await waitFor("the fixed app", async () => ((await get(server.port)).body.includes("fixed") ? true : undefined), server.output);
  });

  it("shows template edits on the next request without restarting", async () => {
    const dir = await project({
      "app.ts": `import { Vial, renderTemplate } from "vial";
export const app = new Vial({ root: import.meta.dirname });
app.get("/", () => renderTemplate("page.html", { name: "Ada" }));
`,
      "templates/page.html": "<p>Hello {{ name }}</p>\n",
    });
    const server = await serve(dir, ["--reload"]);
    expect((await get(server.port)).body).toContain("<p>Hello Ada</p>");
    await writeFile(join(dir, "templates", "page.html"), "<p>Goodbye {{ name }}</p>\n");
    await waitFor("the edited template", async () => ((await get(server.port)).body.includes("Goodbye Ada") ? true : undefined), server.output);
    expect(server.output()).not.toContain("Reloaded");
  });

  it("reports an app that throws while loading, and keeps the last good version", async () => {
    const dir = await project({ "app.ts": vialApp, "lib/greet.ts": greetModule("steady") });
    const server = await serve(dir, ["--reload"]);
    await writeFile(join(dir, "lib", "greet.ts"), 'export const greet = (): string => "x";\nthrow new Error("config missing");\n');
    await waitFor("the load error", () => (server.output().includes("Cannot load the app: config missing") ? true : undefined), server.output);
    expect(server.output()).toMatch(/lib\/greet\.ts:2:7/);
    expect((await get(server.port)).body).toContain("steady");
  });

  it("says to install packages the app imports but the project lacks", async () => {
    const dir = await project({ "app.ts": 'import left from "left-pad-not-installed";\nexport const app = left;\n' });
    const run = vial(dir, ["routes"]);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain("The app imports the package left-pad-not-installed, which is not installed: run `npm install`");
  });

  it("answers with a page that says what is broken when no version has worked yet", async () => {
    const dir = await project({ "app.ts": "export const app = {\n  fetch() {\n    return <<;\n  },\n};\n" });
    const server = await serve(dir, ["--reload"]);
    const res = await get(server.port);
    expect(res.status).toBe(500);
    expect(res.body).toContain("app.ts:3:12");
    expect(res.body).toContain("&lt;&lt;");
  });
});
