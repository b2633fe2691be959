// The export suite: how fast an exported app starts. A starter is exported with scripts/export.mjs,
// installed with `npm install --offline` (npm's cache only) and built; each round spawns the production
// server (`node scripts/start.mjs`, what `npm start` runs) on a free port and times it from the spawn to
// the first 200 answer of `/`. npm's own start-up (a few hundred ms) is left out: a deployment runs node.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = join(import.meta.dirname, "../..");
const runtimeEntry = join(repo, "runtime/dist/index.js");
const subjects = [
  { starter: "website", workers: 1 },
  { starter: "website", workers: 2 },
  { starter: "blank", workers: 1 },
];
const rounds = 10;
const targetMs = 500;

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${output.slice(-500)}`))));
  });
}

async function exportStarter(scratch, starter) {
  const dest = join(scratch, starter);
  await run(process.execPath, [join(repo, "scripts/export.mjs"), join(repo, "resources/starters", starter), dest], repo);
  await run(process.platform === "win32" ? "npm.cmd" : "npm", ["install", "--offline", "--no-audit", "--no-fund"], dest);
  return dest;
}

/** Spawn → ready line → first 200 answer of `/`, in ms; the server is stopped before resolving. */
async function startOnce(dir, workers) {
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/start.mjs", "--port", "0", "--workers", String(workers)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const origin = await new Promise((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`no ready line within 20 s: ${output}`)), 20_000);
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /Running on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr.on("data", (chunk) => (output += chunk));
      child.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
    });
    const response = await fetch(`${origin}/`);
    await response.text();
    if (response.status !== 200) throw new Error(`/ answered ${response.status}`);
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve()));
    child.kill("SIGTERM");
    await exited;
  }
}

/**
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runExportSuite(ctx) {
  if (!existsSync(runtimeEntry)) return { cases: [], failures: [`export: ${runtimeEntry} is missing: build it (node scripts/build.mjs --only runtime)`] };
  const scratch = await mkdtemp(join(tmpdir(), "vial-bench-export-"));
  const rows = [];
  const failures = [];
  try {
    const exported = new Map();
    for (const { starter, workers } of subjects) {
      const subject = `${starter}-${workers}w`;
      const label = `${starter} starter, ${workers} worker${workers === 1 ? "" : "s"}`;
      try {
        if (!exported.has(starter)) exported.set(starter, await exportStarter(scratch, starter));
        const times = [];
        for (let i = 0; i < rounds; i++) times.push(await startOnce(exported.get(starter), workers));
        times.sort((a, b) => a - b);
        const values = { p50: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
        ctx.log(`export: ${label.padEnd(28)} start→first response p50 ${values.p50.toFixed(0)} ms (min ${values.min.toFixed(0)}, max ${values.max.toFixed(0)}, ${rounds} starts)`);
        rows.push({ subject, label, values, rounds: times });
      } catch (error) {
        ctx.log(`export: FAIL ${label}: ${error.message}`);
        failures.push(`export ${label}: ${error.message}`);
        rows.push({ subject, label, values: {}, failed: error.message });
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const measured = rows.filter((row) => row.failed === undefined);
  return {
    cases: [
      {
        id: "export-start",
        title: "Exported app: start to first response",
        description: `A starter exported and installed offline; \`node scripts/start.mjs --port 0 --workers N\` (what \`npm start\` runs) timed ${rounds} times from the spawn to the first 200 answer of /.`,
        baseline: measured[0]?.subject ?? subjects[0].starter,
        ratioOf: { key: "p50", higherIsBetter: false, label: "ratio" },
        columns: [
          { key: "p50", label: "p50 ms", digits: 0 },
          { key: "min", label: "min ms", digits: 0 },
          { key: "max", label: "max ms", digits: 0 },
        ],
        rows,
        notes: measured.map((row) => `${row.label}: p50 ${row.values.p50.toFixed(0)} ms ${row.values.p50 < targetMs ? "meets" : "MISSES"} the ${targetMs} ms target`),
      },
    ],
    failures,
  };
}
