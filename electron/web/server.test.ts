import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { InvokeResponse, MethodName, RequestOf } from "../api/contract.js";

const repoRoot = join(import.meta.dirname, "..", "..");
// Inside the repo, so the bundle's packages (ws, chokidar) resolve from its node_modules.
const buildDir = join(repoRoot, "node_modules", ".cache", `vial-server-test-${process.pid}`);
const serverEntry = join(buildDir, "server.js");
const readyLine = /^Vial Studio is ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32})$/;

let scratch: string;
const running = new Set<ChildProcess>();

interface Started {
  child: ChildProcess;
  base: string;
  token: string;
  stdout: string[];
  exited: Promise<number | null>;
}

function startServer(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [serverEntry, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => {
    running.delete(child);
    resolve(code);
  }));
  const stdout: string[] = [];
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      stdout.push(line);
      const match = readyLine.exec(line);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}`, token: match[2] ?? "", stdout, exited });
    });
  });
}

async function invoke<M extends MethodName>(server: Started, method: M, request: RequestOf<M>): Promise<InvokeResponse<M>> {
  const response = await fetch(`${server.base}/api/invoke`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Vial-Token": server.token },
    body: JSON.stringify({ method, request }),
  });
  return (await response.json()) as InvokeResponse<M>;
}

beforeAll(async () => {
  // As scripts/build.mjs builds it: split, so what the host imports on first use stays out of startup.
  await build({
    entryPoints: { server: join(repoRoot, "electron/web/server.ts") },
    bundle: true,
    platform: "node",
    format: "esm",
    splitting: true,
    packages: "external",
    outdir: buildDir,
    logLevel: "silent",
  });
});

/** The packages a bundle file imports before it runs: its static imports, followed through its own chunks. */
function staticPackages(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom "([^"]+)";/gms)) {
    if (!specifier) continue;
    if (specifier.startsWith("./")) for (const name of staticPackages(join(buildDir, specifier), seen)) packages.add(name);
    else packages.add(specifier);
  }
  return packages;
}

afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

afterEach(async () => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

function freshFolders(): { userData: string; project: string } {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-server-")));
  const project = join(scratch, "my-app");
  mkdirSync(join(project, "templates"), { recursive: true });
  writeFileSync(join(project, "notes.txt"), "on disk");
  return { userData: join(scratch, "user-data"), project };
}

describe("node dist/web/server.js", () => {
  it("prints exactly the ready line, and stops cleanly on SIGTERM", async () => {
    const { userData, project } = freshFolders();
    const server = await startServer(["--user-data", userData, "--project", project]);
    expect(server.stdout).toHaveLength(1);
    expect(await invoke(server, "projects.current", {})).toEqual({ ok: true, result: { project: { dir: project, name: "my-app" } } });
    expect(await invoke(server, "studio.info", {})).toMatchObject({ ok: true, result: { mode: "web" } });
    expect(await invoke(server, "dialogs.openFolder", {})).toMatchObject({ ok: false, error: { code: "unsupported" } });
    const bounds = { x: 0, y: 0, width: 10, height: 10 };
    expect(await invoke(server, "preview.show", { url: "http://127.0.0.1:5000/", bounds })).toMatchObject({ ok: false, error: { code: "unsupported" } });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 30_000);

  it("starts without the TypeScript compiler and loads it for the first route index", async () => {
    const packages = staticPackages(serverEntry);
    expect(packages).toContain("chokidar");
    expect(packages).not.toContain("typescript");

    const { userData, project } = freshFolders();
    writeFileSync(join(project, "app.ts"), 'import { Vial } from "vial";\nexport const app = new Vial();\napp.get("/", function index() { return "hi"; });\n');
    const server = await startServer(["--user-data", userData, "--project", project]);
    expect(await invoke(server, "routes.index", {})).toMatchObject({ ok: true, result: { routes: [{ rule: "/", endpoint: "index" }] } });
  }, 30_000);

  it("refuses bad arguments with a message and exit code 2", async () => {
    freshFolders();
    const child = spawn(process.execPath, [serverEntry, "--port", "nope"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be a number");
  }, 30_000);

  it("keeps an unsaved buffer through kill -9 and gives it back, with the project, on the next start", async () => {
    const { userData, project } = freshFolders();
    const first = await startServer(["--user-data", userData, "--project", project]);
    const read = await invoke(first, "files.read", { path: "notes.txt" });
    if (!read.ok) throw new Error(read.error.message);
    expect(await invoke(first, "buffers.save", { path: "notes.txt", content: "typed but not saved", baseMtimeMs: read.result.mtimeMs })).toMatchObject({ ok: true });
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startServer(["--user-data", userData]);
    expect(await invoke(second, "projects.current", {})).toMatchObject({ ok: true, result: { project: { dir: project } } });
    expect(await invoke(second, "buffers.list", {})).toMatchObject({
      ok: true,
      result: { buffers: [{ path: "notes.txt", content: "typed but not saved", baseMtimeMs: read.result.mtimeMs }] },
    });
    expect(readFileSync(join(project, "notes.txt"), "utf8")).toBe("on disk");
  }, 30_000);

  it("leaves the old or the new file, never a broken one, when killed in the middle of a save", async () => {
    const { userData, project } = freshFolders();
    const size = 9 * 1024 * 1024;
    const oldContent = "o".repeat(size);
    const newContent = "n".repeat(size);
    writeFileSync(join(project, "big.txt"), oldContent);
    const server = await startServer(["--user-data", userData, "--project", project]);
    const saving = invoke(server, "files.write", { path: "big.txt", content: newContent }).catch(() => undefined);
    let sawTemp = false;
    for (let i = 0; i < 20_000 && !sawTemp; i++) {
      sawTemp = readdirSync(project).some((name) => name.endsWith(".vial-tmp"));
      if (!sawTemp) await new Promise((resolve) => setImmediate(resolve));
    }
    server.child.kill("SIGKILL");
    await server.exited;
    await saving;

    expect(sawTemp).toBe(true);
    const onDisk = readFileSync(join(project, "big.txt"), "utf8");
    expect(onDisk === oldContent || onDisk === newContent).toBe(true);
  }, 60_000);
});
