// Profiles one Node server under load: starts it with `node --cpu-prof`, runs one HTTP case with autocannon,
// stops it (SIGTERM → clean exit writes the profile) and prints the functions with the most self time.
// Usage: node bench/profile.mjs [--server vial] [--case text] [--seconds 8] [--connections 50]
// Profiles land in bench/results/profiles/ (git-ignored); open one in Chrome DevTools for the full picture.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { httpCases } from "./http/cases.mjs";
import { servers } from "./http/servers.mjs";
import { freePort, runJsonScript, startServer } from "./lib/process.mjs";

const { values: flags } = parseArgs({
  options: {
    server: { type: "string", default: "vial" },
    case: { type: "string", default: "text" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "50" },
    top: { type: "string", default: "30" },
  },
});
const server = servers.find((s) => s.id === flags.server);
const httpCase = httpCases.find((c) => c.id === flags.case);
if (server === undefined || httpCase === undefined || server.id === "flask") {
  console.error(`profile: --server must be a Node server (${servers.filter((s) => s.id !== "flask").map((s) => s.id).join(", ")}); --case one of ${httpCases.map((c) => c.id).join(", ")}`);
  process.exit(2);
}
const prepared = server.prepare();
if (!prepared.ok) {
  console.error(`profile: ${server.label} cannot run: ${prepared.reason}`);
  process.exit(1);
}

const repoDir = join(import.meta.dirname, "..");
const profileDir = join(import.meta.dirname, "results/profiles");
mkdirSync(profileDir, { recursive: true });
const startedAt = Date.now();
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const { file, args } = prepared.command(port);
const running = await startServer({ file, args: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...args], env: { PORT: String(port) }, baseUrl: baseUrl + "/" });
let summary;
try {
  summary = await runJsonScript(join(import.meta.dirname, "http/load.mjs"), [
    JSON.stringify({
      url: baseUrl + httpCase.path,
      method: httpCase.method,
      headers: httpCase.headers,
      body: httpCase.body,
      connections: Number(flags.connections),
      warmupSeconds: 1,
      durationSeconds: Number(flags.seconds),
    }),
  ]);
} finally {
  await running.stop();
}

const newest = readdirSync(profileDir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => join(profileDir, f))
  .filter((f) => statSync(f).mtimeMs >= startedAt)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (newest === undefined) {
  console.error("profile: the server wrote no .cpuprofile (did it exit on SIGTERM?)");
  process.exit(1);
}

console.log(`${server.label} ${httpCase.method} ${httpCase.path}: ${Math.round(summary.requestsPerSecond)} req/s under the profiler`);
console.log(`profile: ${relative(repoDir, newest)}\n`);
const { functions, files, total, idle } = selfTimes(JSON.parse(readFileSync(newest, "utf8")));
console.log(`idle ${percent(idle, total + idle).trim()} of the run; the shares below are of the busy time`);
console.log("\nself time by function:");
for (const [where, micros] of functions.slice(0, Number(flags.top))) console.log(`  ${percent(micros, total)}  ${where}`);
console.log("\nself time by file:");
for (const [where, micros] of files.slice(0, 15)) console.log(`  ${percent(micros, total)}  ${where}`);

/** Self time per function and per file, from the sampled call tree (sample counts × mean interval); idle apart. */
function selfTimes(profile) {
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const micros = (hits.get(node.id) ?? 0) * interval;
    if (micros === 0) continue;
    if (node.callFrame.functionName === "(idle)") {
      idle += micros;
      continue;
    }
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url === "" ? "(native)" : shorten(url);
    const key = `${functionName || "(anonymous)"}  ${file}${url === "" ? "" : `:${lineNumber + 1}`}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
  }
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { functions: sorted(byFunction), files: sorted(byFile), total, idle };
}

function shorten(url) {
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.startsWith(repoDir) ? relative(repoDir, path) : path;
}

function percent(part, whole) {
  return `${((part / whole) * 100).toFixed(1).padStart(5)}%`;
}
