/**
 * Test support for the app host's tests: a child entry built from the current source, throwaway
 * projects, and the Studio's real runtime.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";
import { nodeForkLauncher, type AppChildLauncher } from "./launcher.js";

/** The Studio's runtime package; its dist/ is built by scripts/build.mjs before the tests run. */
export const runtimeDir = join(import.meta.dirname, "../../../runtime");

/** Bundles child/app-child.ts into `dir` (as scripts/build.mjs does for dist/app-host) and returns its path. */
export async function buildChildEntry(dir: string): Promise<string> {
  const outfile = join(dir, "app-child.js");
  await build({
    entryPoints: [join(import.meta.dirname, "child/app-child.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return outfile;
}

/** A test file's scratch folder and the child entry built into it. */
export interface ChildScratch {
  readonly dir: string;
  readonly childEntry: string;
}

/**
 * Registers, in the calling test file, a scratch folder named `prefix…` in the OS temp folder, made
 * with the child entry built into it before the file's first test and removed after its last. The
 * fields are filled when the tests run: read them in hooks and tests, not when the file loads.
 */
export function useChildScratch(prefix: string): ChildScratch {
  const scratch = { dir: "", childEntry: "" };
  beforeAll(async () => {
    scratch.dir = await mkdtemp(join(tmpdir(), prefix));
    scratch.childEntry = await buildChildEntry(scratch.dir);
  }, 60_000);
  afterAll(() => rm(scratch.dir, { recursive: true, force: true }));
  return scratch;
}

/**
 * Polls `read` every 25 ms until it gives something other than `undefined`, and returns that; fails
 * after 15 s. For state a child process reaches in its own time (tests never assert how fast).
 */
export async function until<T>(read: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("timed out waiting");
}

/** Writes a project folder with the given files under `parent`. */
export async function createProject(parent: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(parent, "project-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Environment variable naming the real child entry (a file URL) for the bootstrap below. */
const realEntryEnv = "VIAL_TEST_CHILD_URL";

/**
 * A script for a Node fork that gives the child entry a `process.parentPort` shaped like Electron's
 * (messages wrapped as `{ data }`) over the fork's IPC, then runs it: the child takes the same paths
 * as in a utility process (no last-words pipe, no disconnect). Fork `entry` with `env` added.
 */
export async function parentPortBootstrap(dir: string, childEntry: string): Promise<{ entry: string; env: Record<string, string> }> {
  const entry = join(dir, "parent-port-bootstrap.mjs");
  await writeFile(
    entry,
    `import { EventEmitter } from "node:events";
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on("message", (data) => port.emit("message", { data }));
process.parentPort = port;
await import(process.env.${realEntryEnv});
`,
  );
  return { entry, env: { [realEntryEnv]: pathToFileURL(childEntry).href } };
}

/**
 * A launcher shaped like Electron's utility process, for the tests: the child runs behind
 * {@link parentPortBootstrap} and the hang locator is off. `launches` counts the children it started.
 */
export async function parentPortLauncher(dir: string, childEntry: string): Promise<AppChildLauncher & { launches: number }> {
  const bootstrap = await parentPortBootstrap(dir, childEntry);
  const launcher = {
    inspectable: false,
    launches: 0,
    launch: (spec: Parameters<AppChildLauncher["launch"]>[0]) => {
      launcher.launches += 1;
      return nodeForkLauncher.launch({ ...spec, entry: bootstrap.entry, env: { ...spec.env, ...bootstrap.env } });
    },
  };
  return launcher;
}
