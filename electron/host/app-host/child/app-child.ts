/**
 * Runs inside the child process the supervisor launches (bundled to dist/app-host/app-child.js): a
 * Node fork, or an Electron utility process in the packaged Studio (see ../parent-channel.ts). It
 * preloads the Vial runtime while idle, then on `start` imports the user's compiled bundle, hooks the
 * request log onto the runtime's signals and listens. It sends a heartbeat so a stuck event loop is
 * noticed, and reports every way the user's code can fail before the process goes away.
 */
import { writeSync } from "node:fs";
import { parentChannel } from "../parent-channel.js";
import { injectInspector, type InspectableApp, type InspectableRuntime } from "../inspector.js";
import { heartbeatEnv, inspectEnv, lastWordsFd, lastWordsPrefix, runtimeUrlEnv, type ChildMessage, type FaultMessage, type ParentMessage } from "../protocol.js";
import { observeRequests, type RuntimeModule, type VialApp } from "../request-signals.js";
import { warmUp, type WarmUpRuntime } from "../warm-up.js";

// Stack traces point into the user's TypeScript (the bundle has a linked source map). Enabled here
// rather than by --enable-source-maps, which Electron's fork does not pass on to the child.
process.setSourceMapsEnabled(true);

const realExit = process.exit.bind(process);
const parent = parentChannel(process);

function send(message: ChildMessage): void {
  parent.send(message);
}

/** Written synchronously so it reaches the supervisor even when the process exits right after. */
function lastWords(message: FaultMessage): void {
  try {
    if (parent.kind === "fork") writeSync(lastWordsFd, `${JSON.stringify(message)}\n`);
    else writeSync(2, `${lastWordsPrefix}${JSON.stringify(message)}\n`);
  } catch {
    send(message);
  }
}

function describe(thrown: unknown): { message: string; stack?: string } {
  if (thrown instanceof Error) return { message: thrown.message, stack: thrown.stack ?? `${thrown.name}: ${thrown.message}` };
  return { message: String(thrown) };
}

function die(kind: FaultMessage["kind"], message: string, stack?: string): never {
  lastWords(stack === undefined ? { type: "fault", kind, message } : { type: "fault", kind, message, stack });
  return realExit(1);
}

process.exit = ((code?: number | string | null) => {
  const numeric = code === undefined || code === null ? 0 : Number(code);
  const stack = new Error(`process.exit(${numeric})`).stack;
  lastWords({ type: "fault", kind: "exit", message: `The app called process.exit(${numeric}).`, code: numeric, ...(stack ? { stack } : {}) });
  return realExit(numeric);
}) as typeof process.exit;

process.on("uncaughtException", (error) => {
  const { message, stack } = describe(error);
  die("crash", message, stack);
});

setInterval(() => send({ type: "heartbeat" }), Number(process.env[heartbeatEnv] ?? 250));

const runtimeUrl = process.env[runtimeUrlEnv];
if (runtimeUrl === undefined) die("import", `The app host did not say where the Vial runtime is (${runtimeUrlEnv}).`);
const runtimeLoading = import(runtimeUrl) as Promise<RuntimeModule>;
runtimeLoading.then(
  async (runtime) => {
    await warmUp(runtime as WarmUpRuntime);
    observeRequests(runtime, send);
    send({ type: "warm" });
  },
  (error: unknown) => die("import", `The Vial runtime failed to load: ${describe(error).message}`, describe(error).stack),
);

function isVialApp(value: unknown): value is VialApp {
  const candidate = value as Partial<VialApp> | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.fetch === "function" && typeof candidate.listen === "function";
}

async function start(message: ParentMessage): Promise<void> {
  const runtime = await runtimeLoading;
  let module: Record<string, unknown>;
  try {
    module = (await import(message.bundleUrl)) as Record<string, unknown>;
  } catch (error) {
    const { message: text, stack } = describe(error);
    die("import", text, stack);
  }
  const app = isVialApp(module["app"]) ? module["app"] : isVialApp(module["default"]) ? module["default"] : undefined;
  if (app === undefined) {
    die("export", "The entry file does not export a Vial app: add `export const app = new Vial({ root: import.meta.dirname })` (or `export default app`).");
  }
  if (process.env[inspectEnv] === "1") injectInspector(app as VialApp & InspectableApp, runtime as InspectableRuntime);
  try {
    const server = await app.listen({ port: message.port, host: message.host });
    send({ type: "ready", port: server.port, urlMap: app.urlMap?.() ?? [] });
  } catch (error) {
    const { message: text, stack } = describe(error);
    const inUse = (error as { code?: unknown }).code === "EADDRINUSE";
    die(inUse ? "port" : "listen", inUse ? `Port ${message.port} on ${message.host} is already in use by another program.` : text, stack);
  }
}

// The Studio went away (even killed outright): the app must not outlive it holding the port.
parent.onParentGone(() => realExit(0));

parent.onMessage((message) => {
  if (message.type === "start") void start(message);
});
