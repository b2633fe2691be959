import { EventEmitter } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createProject } from "../host/app-host/test-projects.js";

const electron = vi.hoisted(() => ({
  userData: "",
  forks: [] as Array<{ modulePath: string; options: Record<string, unknown> }>,
}));

vi.mock("electron", () => ({
  app: { isPackaged: false, getPath: () => electron.userData, getVersion: () => "0.0.0-test" },
  utilityProcess: {
    fork(modulePath: string, _args: string[], options: Record<string, unknown>) {
      electron.forks.push({ modulePath, options });
      // A process that is gone at once: enough to see which launcher the app host used.
      const child = Object.assign(new EventEmitter(), { pid: undefined, stdout: null, stderr: null, kill: () => true, postMessage: () => undefined });
      setImmediate(() => child.emit("exit", 1));
      return child;
    },
  },
  dialog: {},
  shell: {},
  session: {},
  WebContentsView: class {},
}));

const { createElectronHost } = await import("./host.js");

let scratch: string | undefined;

afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
  electron.forks.length = 0;
});

describe("createElectronHost", () => {
  it("runs the user's app through utilityProcess.fork, from the child entry in dist/app-host", async () => {
    scratch = await mkdtemp(join(tmpdir(), "vial-electron-host-"));
    electron.userData = join(scratch, "user-data");
    const project = await createProject(scratch, { "app.ts": `export const app = 1;\n` });
    const host = createElectronHost(() => undefined);
    try {
      await host.workspace.open(project);
      await vi.waitFor(() => expect(electron.forks.length).toBeGreaterThan(0), { timeout: 15_000 });
      expect(electron.forks[0]?.modulePath).toBe(join(resolve(import.meta.dirname, "../.."), "dist/app-host/app-child.js"));
      expect(electron.forks[0]?.options).toMatchObject({ cwd: project, serviceName: "Vial app" });
    } finally {
      await host.dispose();
    }
  }, 30_000);
});
