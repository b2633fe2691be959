/**
 * Export, end to end: each starter is exported with `scripts/export.mjs` (what `npm run export` runs),
 * installed with `npm install --offline --no-audit --no-fund` (only npm's cache on this machine: the
 * Studio's own `npm ci` put esbuild and Vial's other dependencies there), started with `npm start`, and
 * asked the same requests as the Studio's preview (the app host running the same starter): every answer
 * must match.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, realpath, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostEvents } from "../../electron/host/events.js";
import { AppHostService } from "../../electron/host/app-host/service.js";

const repoRoot = join(import.meta.dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Call {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Send the cookie the previous answer set. */
  withCookie?: boolean;
}

interface Answer {
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  body: string;
}

const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { "Content-Type": "application/json" } });
const form = (body: string) => ({ body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });

// The requests of each starter's own test, in an order that leaves both servers in the same state.
const calls: Record<string, Call[]> = {
  blank: [
    { method: "GET", path: "/" },
    { method: "HEAD", path: "/" },
    { method: "GET", path: "/nope" },
  ],
  "rest-api": [
    { method: "GET", path: "/" },
    { method: "GET", path: "/api/items/" },
    { method: "GET", path: "/api/items/?done=false" },
    { method: "GET", path: "/api/items/2" },
    { method: "POST", path: "/api/items/", ...json({ title: "  Ship it " }) },
    { method: "PATCH", path: "/api/items/3", ...json({ done: true }) },
    { method: "PUT", path: "/api/items/3", ...json({ title: "Shipped", done: true }) },
    { method: "DELETE", path: "/api/items/3" },
    { method: "GET", path: "/api/items/3" },
    { method: "POST", path: "/api/items/", ...json({ done: true }) },
    { method: "POST", path: "/api/items/", body: "{oops", headers: { "Content-Type": "application/json" } },
    { method: "DELETE", path: "/api/items/" },
    { method: "GET", path: "/nope" },
  ],
  website: [
    { method: "GET", path: "/" },
    { method: "GET", path: "/about" },
    { method: "GET", path: "/contact" },
    { method: "GET", path: "/static/style.css" },
    { method: "POST", path: "/contact", ...form("name=Ada&message=") },
    { method: "POST", path: "/contact", ...form("name=%3Cb%3EAda%3C%2Fb%3E&message=Hello") },
    { method: "GET", path: "/contact", withCookie: true },
    { method: "GET", path: "/nope" },
  ],
};

function send(origin: string, call: Call, cookie: string | undefined): Promise<Answer & { cookie: string | undefined }> {
  const url = new URL(call.path, origin);
  const headers = { ...call.headers, ...(call.withCookie && cookie ? { Cookie: cookie } : {}) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: call.method, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        const setCookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
        // Both servers run on 127.0.0.1 with different ports: an absolute URL must differ only there.
        const local = (text: string | undefined) => text?.replaceAll(url.host, "HOST");
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers["content-type"],
          location: local(res.headers.location),
          body: local(body) ?? "",
          cookie: setCookie,
        });
      });
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

async function answers(origin: string, list: Call[]): Promise<Answer[]> {
  const result: Answer[] = [];
  let cookie: string | undefined;
  for (const call of list) {
    const { cookie: set, ...answer } = await send(origin, call, cookie);
    if (set !== undefined) cookie = set;
    result.push(answer);
  }
  return result;
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

interface Started {
  child: ChildProcess;
  origin: string;
  output: () => string;
  startedInMs: number;
}

/** `npm start -- ...` in its own process group, resolved once the server prints where it runs. */
async function npmStart(cwd: string, args: string[]): Promise<Started> {
  const began = performance.now();
  const child = spawn(npm, ["start", "--", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, npm_config_update_notifier: "false" } });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 400; attempt++) {
    const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match?.[1]) return { child, origin: match[1], output: () => output, startedInMs: performance.now() - began };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  stop(child);
  throw new Error(`npm start did not start the exported app:\n${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

async function previewUrl(appHost: AppHostService): Promise<string> {
  for (let attempt = 0; attempt < 800; attempt++) {
    const status = appHost.status();
    if (status.state === "running" && status.url) return status.url;
    if (status.state === "error") throw new Error(`the preview failed: ${JSON.stringify(status.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the preview did not start");
}

async function filesUnder(root: string, rel = ""): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await filesUnder(root, path)));
    else files.push(path);
  }
  return files;
}

let scratch: string;
const events = new HostEvents();
let appHost: AppHostService;

beforeAll(async () => {
  for (const built of ["runtime/dist/cli/main.js", "dist/app-host/app-child.js"]) {
    if (!existsSync(join(repoRoot, built))) throw new Error(`${built} is missing: run \`node scripts/build.mjs\` first.`);
  }
  scratch = await realpath(await mkdtemp(join(tmpdir(), "vial-export-e2e-")));
  appHost = new AppHostService({ events, runtimeDir: join(repoRoot, "runtime"), childEntry: join(repoRoot, "dist/app-host/app-child.js") });
});

afterAll(async () => {
  await appHost.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe.each(["blank", "rest-api", "website"])("the exported %s starter", (starter) => {
  it("installs offline, starts with npm start, and answers as the Studio's preview does", async () => {
    const project = join(scratch, starter);
    await cp(join(repoRoot, "resources/starters", starter), project, { recursive: true });
    await appHost.open(project);
    const previewOrigin = await previewUrl(appHost);
    const preview = await answers(previewOrigin, calls[starter] ?? []);
    // The preview marks template tags for its inspect tool, but only in pages a browser loads.
    const inspected = await send(previewOrigin, { method: "GET", path: "/", headers: { "Sec-Fetch-Dest": "iframe" } }, undefined);
    await appHost.close();
    if (starter === "website") expect(inspected.body).toContain(`<h1 data-vial-src="templates/index.html:5">`);

    const dest = join(scratch, `${starter}-export`);
    await run(process.execPath, [join(repoRoot, "scripts/export.mjs"), project, dest], repoRoot);
    const exported = await filesUnder(dest);
    expect(exported.some((path) => path.includes("node_modules"))).toBe(false);
    for (const path of exported) {
      const text = await readFile(join(dest, path), "utf8");
      for (const machinePath of [repoRoot, scratch]) expect(text.includes(machinePath), `${path} contains ${machinePath}`).toBe(false);
    }

    await run(npm, ["install", "--offline", "--no-audit", "--no-fund"], dest);
    expect(existsSync(join(dest, "dist/server.js"))).toBe(true);

    // rest-api keeps its items in memory, which each worker has its own copy of; the others keep state
    // only in signed cookies, so any worker can answer any request.
    const workers = starter === "rest-api" ? 1 : 2;
    const server = await npmStart(dest, ["--port", "0", "--workers", String(workers)]);
    try {
      expect(server.output()).toContain(`with ${workers} worker${workers === 1 ? "" : "s"}`);
      console.log(`exported ${starter}: npm start answered its ready line after ${Math.round(server.startedInMs)} ms`);
      expect(await answers(server.origin, calls[starter] ?? [])).toEqual(preview);
      const page = await send(server.origin, { method: "GET", path: "/", headers: { "Sec-Fetch-Dest": "document" } }, undefined);
      expect(page.body).not.toMatch(/data-vial-src|data-vial-studio/);
      if (starter === "website") expect(page.body).toContain("<h1>Welcome to your new website</h1>");
    } finally {
      await stop(server.child);
    }
  });
});
