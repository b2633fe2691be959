/**
 * The search worker thread: runs one job at a time (a search, or Replace All's new texts) and answers
 * it. The host ends this thread when a job runs too long (a regular expression can backtrack for
 * minutes) or a newer one replaces it.
 * Bundled to dist/search/search-worker.js by scripts/build.mjs; it runs from outside the asar archive,
 * so it may import Node's built-ins only (the Studio's packages are inside the archive).
 */
import { parentPort } from "node:worker_threads";
import { toHostError } from "../../api/errors.js";
import { replaceTexts } from "./replace.js";
import { scanFiles } from "./scan.js";
import type { SearchReply, WorkerJob } from "./search-protocol.js";

parentPort?.on("message", (job: WorkerJob) => {
  (job.kind === "search" ? scanFiles(job.search) : Promise.resolve().then(() => replaceTexts(job.replace))).then(
    (result) => parentPort?.postMessage({ result } satisfies SearchReply),
    (error: unknown) => parentPort?.postMessage({ error: toHostError(error) } satisfies SearchReply),
  );
});
