/**
 * The search worker thread: runs one job at a time and answers it. The host ends this thread when a
 * search runs too long (a regular expression can backtrack for minutes) or a newer search replaces it.
 * Bundled to dist/search/search-worker.js by scripts/build.mjs; it runs from outside the asar archive,
 * so it may import Node's built-ins only (the Studio's packages are inside the archive).
 */
import { parentPort } from "node:worker_threads";
import { toHostError } from "../../api/errors.js";
import { scanFiles } from "./scan.js";
import type { SearchJob, SearchReply } from "./search-protocol.js";

parentPort?.on("message", (job: SearchJob) => {
  scanFiles(job).then(
    (result) => parentPort?.postMessage({ result } satisfies SearchReply),
    (error: unknown) => parentPort?.postMessage({ error: toHostError(error) } satisfies SearchReply),
  );
});
