import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { AppSupervisor } from "./supervisor.js";
import { createProject, parentPortLauncher, runtimeDir, until, useChildScratch } from "./test-projects.js";
import type { AppStatus } from "./types.js";

const execFileAsync = promisify(execFile);
const scratch = useChildScratch("vial-app-host-");
const running: AppSupervisor[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.dispose()));
}, 30_000);

const home = `import { Vial } from "vial";
export const app = new Vial({ root: import.meta.dirname });
let hits = 0;
app.get("/", () => "hello from the app");
app.get("/count", () => String(++hits));
app.get("/loop", () => { while (true) {} });
app.get("/exit", () => process.exit(3));
`;

function project(files: Record<string, string>): Promise<string> {
  return createProject(scratch.dir, files);
}

function supervise(projectRoot: string, hangTimeoutMs?: number, startTimeoutMs?: number): AppSupervisor {
  const app = new AppSupervisor({
    projectRoot,
    runtimeDir,
    childEntry: scratch.childEntry,
    ...(hangTimeoutMs ? { hangTimeoutMs } : {}),
    ...(startTimeoutMs ? { startTimeoutMs } : {}),
  });
  running.push(app);
  return app;
}

async function get(status: AppStatus, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${status.url}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, text: await response.text() };
}

/** Saves a file the way the editor does and waits until the app host has acted on it. */
async function save(app: AppSupervisor, dir: string, name: string, content: string): Promise<AppStatus> {
  await writeFile(join(dir, name), content);
  return app.fileChanged(name);
}

// Real child processes on a shared machine: generous limits, never timing assertions.
describe("AppSupervisor", { timeout: 30_000 }, () => {
  it("runs the project's app in a child process on a 127.0.0.1 port, and cleans up after itself", async () => {
    const dir = await project({ "app.ts": home });
    const app = supervise(dir);
    const status = await app.start();
    expect(status.state).toBe("running");
    expect(status.url).toBe(`http://127.0.0.1:${status.port}`);
    expect(await get(status, "/")).toEqual({ status: 200, text: "hello from the app" });
    const bundle = join(dir, ".vial/build", `studio-${process.pid}.mjs`);
    expect(existsSync(bundle)).toBe(true);
    await app.dispose();
    expect(existsSync(bundle)).toBe(false);
    await expect(get(status, "/")).rejects.toThrow();
  });

  it("picks up a static file change without restarting", async () => {
    const dir = await project({ "app.ts": home, "static/site.css": "body { color: red }" });
    const app = supervise(dir);
    const status = await app.start();
    expect((await get(status, "/static/site.css")).text).toBe("body { color: red }");
    expect((await get(status, "/count")).text).toBe("1");
    const after = await save(app, dir, "static/site.css", "body { color: blue }");
    expect(after.revision).toBe(status.revision + 1);
    expect((await get(status, "/static/site.css")).text).toBe("body { color: blue }");
    expect((await get(status, "/count")).text).toBe("2");
  });

  it("picks up a template change without restarting (the runtime reloads templates in debug mode)", async () => {
    const dir = await project({
      "app.ts": `${home}import { renderTemplate } from "vial";\napp.get("/page", () => renderTemplate("page.html", { who: "world" }));\n`,
      "templates/page.html": "<p>Hello {{ who }}</p>",
    });
    const app = supervise(dir);
    const status = await app.start();
    expect((await get(status, "/page")).text).toBe("<p>Hello world</p>");
    expect((await get(status, "/count")).text).toBe("1");
    const after = await save(app, dir, "templates/page.html", "<p>Goodbye {{ who }}</p>");
    expect(after.revision).toBe(status.revision + 1);
    expect((await get(status, "/page")).text).toBe("<p>Goodbye world</p>");
    expect((await get(status, "/count")).text).toBe("2");
  });

  it("reports a handler's exception and a template error as problems with file:line, the app still running", async () => {
    const dir = await project({
      "app.ts": `${home}import { renderTemplate } from "vial";
app.get("/boom", () => {
  throw new Error("handler failed");
});
app.get("/bad", () => renderTemplate("bad.html"));
`,
      "templates/bad.html": "<p>ok</p>\n{{ missing() }}\n",
    });
    const app = supervise(dir);
    const status = await app.start();
    expect((await get(status, "/boom")).status).toBe(500);
    const thrown = await until(() => app.problems().find((p) => p.kind === "request"));
    expect(thrown).toMatchObject({ message: "handler failed", location: { file: "app.ts", line: 10 } });
    expect((await get(status, "/bad")).status).toBe(500);
    const template = await until(() => app.problems().find((p) => p.location?.file === "templates/bad.html"));
    expect(template.location?.line).toBe(2);
    expect(app.status()).toMatchObject({ state: "running", error: null });
    expect((await get(status, "/")).text).toBe("hello from the app");
    await get(status, "/boom");
    await until(() => (app.problems().filter((p) => p.kind === "request").length === 2 ? true : undefined));

    await save(app, dir, "templates/bad.html", "<p>fixed</p>\n");
    expect(app.problems()).toEqual([]);
    expect((await get(status, "/bad")).text).toBe("<p>fixed</p>");
  });

  it("restarts on a code change and keeps the port", async () => {
    const dir = await project({ "app.ts": home });
    const app = supervise(dir);
    const first = await app.start();
    expect((await get(first, "/count")).text).toBe("1");
    const second = await save(app, dir, "app.ts", home.replace("hello from the app", "hello again"));
    expect(second.state).toBe("running");
    expect(second.port).toBe(first.port);
    expect(second.lastRestartMs).not.toBeNull();
    expect((await get(second, "/")).text).toBe("hello again");
    expect((await get(second, "/count")).text).toBe("1");
    await until(() => app.status().lastReloadMs ?? undefined);
  });

  it("reports an exception at import with file:line, then recovers on the next save", async () => {
    const dir = await project({ "app.ts": home, "src/boom.ts": `export const x = 1;\n\nthrow new Error("boom at import");\n` });
    const app = supervise(dir);
    const broken = await save(app, dir, "app.ts", `import "./src/boom.js";\n${home}`).catch(() => app.status());
    expect(broken.state).toBe("stopped");
    const status = await app.start();
    expect(status.state).toBe("error");
    expect(status.error).toMatchObject({ kind: "import", location: { file: "src/boom.ts", line: 3 } });
    expect(status.error?.message).toContain("boom at import");
    expect(app.problems()).toHaveLength(1);
    const fixed = await save(app, dir, "src/boom.ts", "export const x = 1;\n");
    expect(fixed.state).toBe("running");
    expect(fixed.error).toBeNull();
    expect(app.problems()).toEqual([]);
    expect((await get(fixed, "/")).text).toBe("hello from the app");
  });

  it("reports a syntax error with esbuild's file:line and keeps the Studio side alive", async () => {
    const dir = await project({ "app.ts": home });
    const app = supervise(dir);
    await app.start();
    const broken = await save(app, dir, "app.ts", home.replace('let hits = 0;', 'let hits = ;'));
    expect(broken.state).toBe("error");
    expect(broken.error).toMatchObject({ kind: "compile", location: { file: "app.ts", line: 3 } });
    expect(broken.error?.detail).toContain("let hits = ;");
    const fixed = await save(app, dir, "app.ts", home);
    expect((await get(fixed, "/")).text).toBe("hello from the app");
  });

  it("kills and restarts an app stuck in an endless loop", async () => {
    const app = supervise(await project({ "app.ts": home }), 1500);
    const status = await app.start();
    await expect(get(status, "/loop")).rejects.toThrow();
    const problem = await until(() => app.problems().find((p) => p.kind === "hang"));
    expect(problem.message).toContain("GET /loop");
    expect(problem.location).toMatchObject({ file: "app.ts", line: 6 });
    expect(app.output().filter((line) => line.text.includes("Debugger"))).toEqual([]);
    const recovered = await until(() => (app.status().state === "running" && app.status().revision > status.revision ? app.status() : undefined));
    expect(recovered.port).toBe(status.port);
    expect((await get(recovered, "/")).text).toBe("hello from the app");
  });

  it("reports an endless loop while loading and waits for the next save", async () => {
    const dir = await project({ "app.ts": `while (true) {}\n${home}` });
    const app = supervise(dir, 1500);
    const status = await app.start();
    expect(status.state).toBe("error");
    expect(status.error).toMatchObject({ kind: "hang", location: { file: "app.ts", line: 1 } });
    expect(status.error?.message).toContain("while loading");
    const fixed = await save(app, dir, "app.ts", home);
    expect((await get(fixed, "/")).text).toBe("hello from the app");
  });

  it("reports process.exit with where it was called, and starts again on the next save", async () => {
    const dir = await project({ "app.ts": home });
    const app = supervise(dir);
    const status = await app.start();
    await expect(get(status, "/exit")).rejects.toThrow();
    const stopped = await until(() => (app.status().state === "error" ? app.status() : undefined));
    expect(stopped.error).toMatchObject({ kind: "exit", location: { file: "app.ts", line: 7 } });
    expect(stopped.error?.message).toContain("process.exit(3)");
    const again = await save(app, dir, "app.ts", home);
    expect(again.state).toBe("running");
    expect((await get(again, "/")).text).toBe("hello from the app");
  });

  it("gives up on an app that never starts listening, and keeps one that did", async () => {
    const dir = await project({ "app.ts": `await new Promise(() => {});\n${home}` });
    const app = supervise(dir, undefined, 1500);
    const stuck = await app.start();
    expect(stuck.state).toBe("error");
    expect(stuck.error?.message).toContain("did not start listening");
    const fixed = await save(app, dir, "app.ts", home);
    expect(fixed.state).toBe("running");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(app.status().state).toBe("running");
    expect((await get(fixed, "/")).text).toBe("hello from the app");
  });

  it("moves to another port when its port is taken, and says so", async () => {
    const app = supervise(await project({ "app.ts": home }));
    const first = await app.start();
    await app.stop();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port ?? 0, "127.0.0.1", resolve));
    try {
      const moved = await app.start();
      expect(moved.state).toBe("running");
      expect(moved.port).not.toBe(first.port);
      expect(app.problems()).toEqual([expect.objectContaining({ kind: "port", severity: "warning" })]);
      expect(app.problems()[0]?.message).toContain(String(first.port));
      expect((await get(moved, "/")).text).toBe("hello from the app");
    } finally {
      blocker.close();
    }
  });

  it("streams the request log and the app's output", async () => {
    const dir = await project({
      "app.ts": `${home}import { request } from "vial";\napp.post("/echo", () => request.form.get("name") ?? "");\nconsole.log("app says hi");\n`,
    });
    const app = supervise(dir);
    const status = await app.start();
    await get(status, "/");
    await get(status, "/missing?q=1");
    const entries = await until(() => (app.requests().length >= 2 ? app.requests() : undefined));
    expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ["GET", "/", 200],
      ["GET", "/missing?q=1", 404],
    ]);
    expect(entries[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(entries[0]?.responseBody).toBe("hello from the app");
    await fetch(`${status.url}/echo`, { method: "POST", body: new URLSearchParams({ name: "Ada" }) });
    const posted = await until(() => app.requests().find((entry) => entry.path === "/echo"));
    expect(posted).toMatchObject({ method: "POST", status: 200, requestBody: "name=Ada", responseBody: "Ada" });
    await until(() => app.output().find((line) => line.stream === "stdout" && line.text === "app says hi"));
  });
});

describe("the app's child process", { timeout: 30_000 }, () => {
  it("exits when the Studio process that forked it dies", async () => {
    const dir = await project({ "app.ts": home });
    const script = join(scratch.dir, "studio.mjs");
    await writeFile(
      script,
      `import { fork } from "node:child_process";
const child = fork(${JSON.stringify(scratch.childEntry)}, [], {
  cwd: ${JSON.stringify(dir)},
  env: { ...process.env, VIAL_STUDIO_RUNTIME_URL: ${JSON.stringify(pathToFileURL(join(runtimeDir, "dist/index.js")).href)} },
  stdio: ["ignore", "ignore", "ignore", "ipc"],
});
child.on("message", (m) => { if (m.type === "warm") { console.log(child.pid); process.exit(0); } });
`,
    );
    const { stdout } = await execFileAsync(process.execPath, [script]);
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await until(() => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });
  });
});

// The packaged Studio runs the child as an Electron utility process: messages over process.parentPort,
// last words on stderr, no inspector. The same faults must still reach the user.
describe("AppSupervisor with a launcher shaped like Electron's utility process", { timeout: 30_000 }, () => {
  async function superviseWithPort(projectRoot: string, hangTimeoutMs?: number): Promise<{ app: AppSupervisor; launches: () => number }> {
    const launcher = await parentPortLauncher(scratch.dir, scratch.childEntry);
    const app = new AppSupervisor({ projectRoot, runtimeDir, childEntry: scratch.childEntry, launcher, ...(hangTimeoutMs ? { hangTimeoutMs } : {}) });
    running.push(app);
    return { app, launches: () => launcher.launches };
  }

  it("runs the app through the launcher it was given", async () => {
    const { app, launches } = await superviseWithPort(await project({ "app.ts": home }));
    const status = await app.start();
    expect(status.state).toBe("running");
    expect((await get(status, "/")).text).toBe("hello from the app");
    expect(launches()).toBeGreaterThan(0);
  });

  it("reports process.exit with where it was called (last words on stderr), and keeps them out of the output", async () => {
    const { app } = await superviseWithPort(await project({ "app.ts": home }));
    const status = await app.start();
    await expect(get(status, "/exit")).rejects.toThrow();
    const stopped = await until(() => (app.status().state === "error" ? app.status() : undefined));
    expect(stopped.error).toMatchObject({ kind: "exit", location: { file: "app.ts", line: 7 } });
    expect(stopped.error?.message).toContain("process.exit(3)");
    expect(app.output().filter((line) => line.text.includes("last-words"))).toEqual([]);
  });

  it("restarts an app stuck in an endless loop, saying the line is unknown without an inspector", async () => {
    const { app } = await superviseWithPort(await project({ "app.ts": home }), 1500);
    const status = await app.start();
    await expect(get(status, "/loop")).rejects.toThrow();
    const problem = await until(() => app.problems().find((p) => p.kind === "hang"));
    expect(problem.message).toContain("GET /loop");
    expect(problem.location).toBeUndefined();
    expect(app.output().some((line) => line.text.includes("line of the loop is not known"))).toBe(true);
    const recovered = await until(() => (app.status().state === "running" && app.status().revision > status.revision ? app.status() : undefined));
    expect((await get(recovered, "/")).text).toBe("hello from the app");
  });
});
