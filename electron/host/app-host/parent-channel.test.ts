import { fork, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { parentChannel, type ParentPortLike, type ParentProcess } from "./parent-channel.js";
import type { ChildMessage, ParentMessage } from "./protocol.js";

/** Electron's `process.parentPort` over a real MessagePort: messages arrive wrapped as `{ data }`. */
function electronParentPort(port: MessagePort): ParentPortLike {
  const emitter = new EventEmitter();
  port.on("message", (data: unknown) => emitter.emit("message", { data }));
  return {
    on: (event, listener) => emitter.on(event, listener),
    postMessage: (message) => port.postMessage(message),
  };
}

const start: ParentMessage = { type: "start", bundleUrl: "file:///p/.vial/build/app.mjs", port: 5000, host: "127.0.0.1" };
const ports: MessagePort[] = [];

afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

describe("parentChannel in an Electron utility process", () => {
  it("sends and receives over process.parentPort, unwrapping each message's data", async () => {
    const { port1: host, port2: child } = new MessageChannel();
    ports.push(host, child);
    const proc = Object.assign(new EventEmitter(), { parentPort: electronParentPort(child) }) as ParentProcess;
    const channel = parentChannel(proc);
    expect(channel.kind).toBe("utility");

    const fromChild = new Promise<unknown>((resolve) => host.once("message", resolve));
    channel.send({ type: "warm" });
    expect(await fromChild).toEqual({ type: "warm" });

    const toChild = new Promise<ParentMessage>((resolve) => channel.onMessage(resolve));
    host.postMessage(start);
    expect(await toChild).toEqual(start);
  });
});

describe("parentChannel in a forked child", () => {
  let dir: string | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child?.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    child = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("uses process.send and exits its app when the parent's IPC channel closes", async () => {
    dir = await mkdtemp(join(tmpdir(), "vial-parent-channel-"));
    const source = join(dir, "child.ts");
    const entry = join(dir, "child.mjs");
    await writeFile(
      source,
      `import { parentChannel } from ${JSON.stringify(join(import.meta.dirname, "parent-channel.ts"))};
const parent = parentChannel(process);
parent.onParentGone(() => process.exit(7));
parent.onMessage((message) => parent.send({ type: "ready", port: message.port, urlMap: [{ endpoint: parent.kind, methods: [], rule: "/" }] }));
setInterval(() => undefined, 1000);
`,
    );
    await build({ entryPoints: [source], outfile: entry, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
    child = fork(entry, [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const forked = child;
    const reply = await new Promise<ChildMessage>((resolve) => {
      forked.once("message", resolve);
      forked.send(start);
    });
    expect(reply).toEqual({ type: "ready", port: 5000, urlMap: [{ endpoint: "fork", methods: [], rule: "/" }] });
    const exitCode = new Promise<number | null>((resolve) => forked.once("exit", resolve));
    forked.disconnect();
    expect(await exitCode).toBe(7);
  });

  it("treats Electron's null parentPort (main process) as no port", () => {
    const proc = Object.assign(new EventEmitter(), { parentPort: null }) as ParentProcess;
    expect(parentChannel(proc).kind).toBe("fork");
  });
});
