import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CheckThread } from "./check-thread.js";

let scratch: string;
let thread: CheckThread;

/** A stand-in worker: answers an empty list, or dies when asked to check the root "crash". */
const fakeWorker = `import { parentPort } from "node:worker_threads";
parentPort.on("message", (request) => {
  if (request.root === "crash") process.exit(3);
  parentPort.postMessage({ id: request.id, diagnostics: [{ path: request.files[0], line: 1, column: 1, severity: "error", message: "seen", source: "typescript" }] });
});
`;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "vial-check-thread-"));
  await writeFile(join(scratch, "worker.mjs"), fakeWorker);
  thread = new CheckThread(join(scratch, "worker.mjs"));
});

afterEach(async () => {
  await thread.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe("CheckThread", () => {
  it("fails the check with a clear error when the worker dies, and starts a new worker for the next one", async () => {
    await expect(thread.check({ root: "crash", runtimeDir: "", files: ["app.ts"], changed: [] })).rejects.toThrow("The TypeScript checker stopped (exit code 3).");
    expect(await thread.check({ root: "/project", runtimeDir: "", files: ["app.ts"], changed: [] })).toMatchObject([{ path: "app.ts", message: "seen" }]);
  });
});
