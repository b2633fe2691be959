// Instructions per request of one Node server, counted by valgrind's callgrind: unlike req/s or CPU time,
// the count barely moves when other work loads the machine (about ±2% between runs), so it can tell a
// runtime change worth 5% apart on a shared machine. Slow (valgrind runs the server ~50× slower): a run
// takes a few minutes.
// Usage: node bench/instructions.mjs [--server vial] [--case text] [--requests 2000] [--warmup 12000] [--connections 50]
// Counts the server's main thread only (JIT compilation and GC helper threads vary from run to run), over
// `--requests` requests sent after `--warmup` others. The warm-up must be long enough for V8 to optimize the
// hot code: after 2,000 requests a framework's own code still ran unoptimized and counted 2-3× too much.
// Compare builds by running it before and after a change.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { httpCases } from "./http/cases.mjs";
import { servers } from "./http/servers.mjs";
import { freePort, startServer } from "./lib/process.mjs";

const { values: flags } = parseArgs({
  options: {
    server: { type: "string", default: "vial" },
    case: { type: "string", default: "text" },
    requests: { type: "string", default: "2000" },
    warmup: { type: "string", default: "12000" },
    connections: { type: "string", default: "50" },
  },
});
const server = servers.find((s) => s.id === flags.server);
const httpCase = httpCases.find((c) => c.id === flags.case);
if (server === undefined || httpCase === undefined || server.id === "flask") {
  console.error(`instructions: --server must be a Node server (${servers.filter((s) => s.id !== "flask").map((s) => s.id).join(", ")}); --case one of ${httpCases.map((c) => c.id).join(", ")}`);
  process.exit(2);
}
if (spawnSync("valgrind", ["--version"]).status !== 0 || spawnSync("callgrind_control", ["-h"]).error !== undefined) {
  console.error("instructions: needs valgrind (with callgrind_control) on PATH");
  process.exit(1);
}
const prepared = server.prepare();
if (!prepared.ok) {
  console.error(`instructions: ${server.label} cannot run: ${prepared.reason}`);
  process.exit(1);
}

const outDir = mkdtempSync(join(tmpdir(), "vial-callgrind-"));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const { file, args } = prepared.command(port);
const valgrindArgs = ["--tool=callgrind", "--smc-check=all-non-file", "--separate-threads=yes", "--dump-instr=no", `--callgrind-out-file=${join(outDir, "cg.%p")}`, file, ...args];
const running = await startServer({ file: "valgrind", args: valgrindArgs, env: { PORT: String(port) }, baseUrl: baseUrl + "/", timeoutMs: 180_000 });
const load = (amount) =>
  autocannon({ url: baseUrl + httpCase.path, method: httpCase.method, headers: httpCase.headers, body: httpCase.body, connections: Number(flags.connections), amount, timeout: 60 });
let measured;
try {
  await load(Number(flags.warmup));
  const pid = String(running.child.pid);
  execFileSync("callgrind_control", ["--zero", pid], { stdio: "ignore" });
  measured = await load(Number(flags.requests));
  execFileSync("callgrind_control", ["--dump", pid], { stdio: "ignore" });
} finally {
  await running.stop();
}

// The dump taken after zeroing is part 1; thread 01 is the main thread (the one running JavaScript).
const dump = readdirSync(outDir).find((name) => name.endsWith(".1-01"));
const total = dump === undefined ? undefined : /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(outDir, dump), "utf8"))?.[1];
rmSync(outDir, { recursive: true, force: true });
const failed = measured.errors + measured.timeouts + measured.non2xx;
if (total === undefined || measured.requests.total === 0 || failed > 0) {
  console.error(`instructions: no usable count (dump ${dump ?? "missing"}, ${measured.requests.total} requests, ${failed} failed)`);
  process.exit(1);
}
const perRequest = Number(total) / measured.requests.total;
console.log(`${server.label} ${httpCase.method} ${httpCase.path}: ${(perRequest / 1000).toFixed(1)} k instructions per request (main thread, ${measured.requests.total} requests, ${flags.connections} connections)`);
