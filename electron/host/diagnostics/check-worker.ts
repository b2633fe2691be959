/**
 * The TypeScript checker's thread: building the first program of a project parses Node's and Vial's
 * declarations (hundreds of milliseconds of synchronous work), which must not stall the host.
 * Bundled to dist/diagnostics/check-worker.js by scripts/build.mjs.
 */
import { parentPort } from "node:worker_threads";
import type { CheckReply, CheckRequest } from "./check-protocol.js";
import { TypeScriptChecker } from "./typescript-checker.js";

let checker: { root: string; instance: TypeScriptChecker } | undefined;

function check(request: CheckRequest): CheckReply {
  if (checker?.root !== request.root) {
    checker?.instance.dispose();
    checker = { root: request.root, instance: new TypeScriptChecker(request.root, request.runtimeDir) };
  }
  checker.instance.setFiles(request.files);
  checker.instance.changed(request.changed);
  return { id: request.id, diagnostics: [...checker.instance.check().values()].flat() };
}

parentPort?.on("message", (request: CheckRequest) => {
  let reply: CheckReply;
  try {
    reply = check(request);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
