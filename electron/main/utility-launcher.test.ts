import { fork, spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import type { ForkOptions } from "electron";
import { afterEach, describe, expect, it } from "vitest";
import { AppSupervisor } from "../host/app-host/supervisor.js";
import { createProject, parentPortBootstrap, runtimeDir, until, useChildScratch } from "../host/app-host/test-projects.js";
import { utilityProcessLauncher } from "./utility-launcher.js";

/**
 * Electron's utility process stood in for by a Node fork: the same members (`pid`, `stdout`, `stderr`,
 * `postMessage`, `kill`, `message` and `exit` events), and a child that sees a `process.parentPort`.
 */
class FakeUtilityProcess extends EventEmitter {
  constructor(readonly child: ChildProcess) {
    super();
    child.on("message", (message) => this.emit("message", message));
    child.on("exit", (code) => this.emit("exit", code ?? 1));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  get stdout() {
    return this.child.stdout;
  }
  get stderr() {
    return this.child.stderr;
  }
  postMessage(message: unknown): void {
    this.child.send(message as object);
  }
  /** Electron's kill is a SIGTERM. */
  kill(): boolean {
    return this.child.kill("SIGTERM");
  }
}

const scratch = useChildScratch("vial-utility-launcher-");
const started: ChildProcess[] = [];
const supervisors: AppSupervisor[] = [];

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((app) => app.dispose()));
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}, 30_000);

async function fakeUtilityProcess() {
  const bootstrap = await parentPortBootstrap(scratch.dir, scratch.childEntry);
  const forks: Array<{ modulePath: string; args: string[] | undefined; options: ForkOptions | undefined }> = [];
  const utility = {
    fork(modulePath: string, args?: string[], options?: ForkOptions) {
      forks.push({ modulePath, args, options });
      const child = fork(bootstrap.entry, [], {
        cwd: options?.cwd,
        env: { ...(options?.env as Record<string, string>), ...bootstrap.env },
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      });
      started.push(child);
      return new FakeUtilityProcess(child) as unknown as Electron.UtilityProcess;
    },
  };
  return { utility, forks };
}

const home = `import { Vial } from "vial";
export const app = new Vial({ root: import.meta.dirname });
app.get("/", () => "hello from the app");
app.get("/loop", () => { while (true) {} });
app.get("/exit", () => process.exit(3));
`;

async function get(url: string | null, path: string): Promise<string> {
  const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
  return response.text();
}

describe("utilityProcessLauncher", { timeout: 30_000 }, () => {
  it("runs the user's app through utilityProcess.fork with piped output, its own name and no Node flags", async () => {
    const { utility, forks } = await fakeUtilityProcess();
    const projectRoot = await createProject(scratch.dir, { "app.ts": home });
    const app = new AppSupervisor({ projectRoot, runtimeDir, childEntry: scratch.childEntry, launcher: utilityProcessLauncher(utility), hangTimeoutMs: 1500 });
    supervisors.push(app);
    const status = await app.start();
    expect(status.state).toBe("running");
    expect(await get(status.url, "/")).toBe("hello from the app");

    const first = forks[0];
    expect(first?.modulePath).toBe(scratch.childEntry);
    expect(first?.options).toMatchObject({ cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], serviceName: "Vial app" });
    expect(first?.options?.execArgv).toBeUndefined();
    expect(first?.options?.env).toMatchObject({ VIAL_DEBUG: "1" });
    expect(Object.values(first?.options?.env ?? {}).every((value) => typeof value === "string")).toBe(true);

    await expect(get(status.url, "/loop")).rejects.toThrow();
    const hang = await until(() => app.problems().find((problem) => problem.kind === "hang"));
    expect(hang.location).toBeUndefined();
    const recovered = await until(() => (app.status().state === "running" && app.status().revision > status.revision ? app.status() : undefined));
    expect(await get(recovered.url, "/")).toBe("hello from the app");

    await expect(get(recovered.url, "/exit")).rejects.toThrow();
    const stopped = await until(() => (app.status().state === "error" ? app.status() : undefined));
    expect(stopped.error).toMatchObject({ kind: "exit", location: { file: "app.ts", line: 5 } });
  });

  it("kills with SIGKILL by pid, so a process that ignores SIGTERM dies too", async () => {
    const stubborn = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); process.send?.('up'); setInterval(() => {}, 1000);"], {
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    started.push(stubborn);
    await new Promise((resolve) => stubborn.once("message", resolve));
    const utility = { fork: () => new FakeUtilityProcess(stubborn) as unknown as Electron.UtilityProcess };
    const child = utilityProcessLauncher(utility).launch({ entry: scratch.childEntry, cwd: scratch.dir, env: {} });
    const signal = new Promise((resolve) => stubborn.once("exit", (_code, sig) => resolve(sig)));
    child.kill();
    expect(await signal).toBe("SIGKILL");
    expect(await child.exited).toEqual({ code: 1, signal: null });
  });

  it("does not signal a pid once its process is gone (the number may belong to another process by then)", async () => {
    const fake = new EventEmitter() as EventEmitter & { pid: number; stdout: null; stderr: null; kill: () => boolean };
    Object.assign(fake, { pid: 4242, stdout: null, stderr: null, kill: () => true });
    const signalled: number[] = [];
    const launcher = utilityProcessLauncher({ fork: () => fake as unknown as Electron.UtilityProcess }, (pid) => void signalled.push(pid));
    const child = launcher.launch({ entry: scratch.childEntry, cwd: scratch.dir, env: {} });
    child.kill();
    expect(signalled).toEqual([4242]);
    fake.emit("exit", 0);
    await child.exited;
    child.kill();
    expect(signalled).toEqual([4242]);
    expect(launcher.inspectable).toBe(false);
  });
});
