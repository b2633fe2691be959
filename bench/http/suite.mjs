// The HTTP suite: each server alone in its own process, verified, then loaded case by case with autocannon.
import { join } from "node:path";
import { cpuSeconds } from "../lib/cpu.mjs";
import { freePort, runJsonScript, startServer } from "../lib/process.mjs";
import { bestOfRounds } from "../lib/rounds.mjs";
import { httpCases } from "./cases.mjs";
import { servers } from "./servers.mjs";
import { verifyServer } from "./verify.mjs";

const loadScript = join(import.meta.dirname, "load.mjs");

/** Issue 4's targets: Vial's req/s divided by the peer's must reach at least this. */
const frameworkTargets = { fastify: 1.0, "node-http": 0.9, express: 3, flask: 10 };
const targetsByCase = { text: frameworkTargets, json: frameworkTargets, params: frameworkTargets, page: { fastify: 1.0 }, echo: {} };

const columns = [
  { key: "requestsPerSecond", label: "req/s", digits: 0 },
  { key: "latencyP50Ms", label: "p50 ms", digits: 0 },
  { key: "latencyP99Ms", label: "p99 ms", digits: 0 },
  { key: "failedRequests", label: "errors", digits: 0 },
  { key: "cpuMicrosPerRequest", label: "CPU µs/req", digits: 1 },
  { key: "cpuCores", label: "cores used", digits: 2 },
];

/**
 * Verifies every selected server on every case, then measures case by case. Within a case the servers run
 * back to back, `rounds` times, forward then backward, so the numbers a ratio divides are taken close
 * together in time; each server keeps its best round (the least disturbed by other work on the machine).
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runHttpSuite(ctx) {
  const skipped = [];
  const failures = [];
  const runnable = [];
  for (const server of servers.filter((s) => ctx.only.servers === undefined || ctx.only.servers.includes(s.id))) {
    const prepared = server.prepare();
    if (prepared.ok) {
      runnable.push({ ...server, command: prepared.command });
    } else {
      ctx.log(`http: SKIP ${server.label}: ${prepared.reason}`);
      skipped.push({ subject: server.id, label: server.label, reason: prepared.reason });
    }
  }

  // One process per server for the whole run, as a deployment runs: started and verified up front, then
  // idle (using no CPU) while the others are measured.
  const running = new Map();
  const wrong = new Map();
  try {
    for (const server of [...runnable]) {
      let verdict;
      try {
        const started = await startOne(server);
        running.set(server, started);
        verdict = await verifyServer(started.baseUrl, httpCases);
      } catch (error) {
        const message = `${server.label} did not start: ${error.message}`;
        ctx.log(`http: FAIL ${message}`);
        failures.push(message);
        runnable.splice(runnable.indexOf(server), 1);
        continue;
      }
      for (const problem of verdict.probes) {
        ctx.log(`http: FAIL ${server.label}: ${problem}`);
        failures.push(`${server.label}: ${problem}`);
      }
      for (const [caseId, problems] of verdict.byCase) {
        if (problems.length === 0) continue;
        const message = `${server.label} answers ${caseId} wrongly, so it is not measured there:\n  ${problems.join("\n  ")}`;
        ctx.log(`http: FAIL ${message}`);
        failures.push(message);
        wrong.set(`${server.id} ${caseId}`, problems.join("; "));
      }
    }
    ctx.log(`http: ${runnable.length} server(s) verified on ${httpCases.length} cases`);
    await settle(ctx, runnable, running, wrong);
    const cases = await measureCases(ctx, runnable, running, wrong, failures);
    return { cases, skipped, failures };
  } finally {
    await Promise.all([...running.values()].map((started) => started.stop()));
  }
}

/**
 * Loads every server on every case once, unmeasured, before any case is measured. In a run without it
 * every Node server read 10–30% more CPU per request on the first cases measured than on later ones,
 * by different amounts per framework. The likely cause: a fresh V8 heap starts with a small young
 * generation and grows it under load, and until then pays for more minor collections (a profile
 * counted half as many for a server whose heap had grown).
 */
async function settle(ctx, runnable, running, wrong) {
  if (ctx.settings.settleSeconds === 0) return;
  for (const server of runnable) {
    for (const c of httpCases.filter((c) => !wrong.has(`${server.id} ${c.id}`))) {
      await runJsonScript(loadScript, [JSON.stringify({ ...loadJob(ctx, running.get(server).baseUrl, c), warmupSeconds: 0, durationSeconds: ctx.settings.settleSeconds })]);
    }
  }
  ctx.log(`http: every server settled (${ctx.settings.settleSeconds} s of load per case, not measured)`);
}

/** Measures case by case; see runHttpSuite. */
async function measureCases(ctx, runnable, running, wrong, failures) {
  const cases = [];
  const selectedCases = httpCases.filter((c) => ctx.only.cases === undefined || ctx.only.cases.includes(c.id));
  for (const [index, c] of selectedCases.entries()) {
    const measurable = runnable.filter((server) => !wrong.has(`${server.id} ${c.id}`));
    const best = await bestOfRounds(
      measurable,
      ctx.settings.rounds,
      { key: "requestsPerSecond", higherIsBetter: true },
      async (server) => {
        const { baseUrl, pid } = running.get(server);
        const summary = await measure(ctx, baseUrl, pid, c);
        ctx.log(
          `http: ${c.id.padEnd(7)} ${server.label.padEnd(32)} ${String(Math.round(summary.requestsPerSecond)).padStart(7)} req/s` +
            `  p50 ${summary.latencyP50Ms} ms  p99 ${summary.latencyP99Ms} ms` +
            (summary.cpuMicrosPerRequest === undefined ? "" : `  ${summary.cpuMicrosPerRequest.toFixed(1)} CPU µs/req on ${summary.cpuCores.toFixed(2)} cores`) +
            (summary.failedRequests > 0 ? `  errors ${summary.errors} timeouts ${summary.timeouts} non-2xx ${summary.non2xx}` : ""),
        );
        return summary;
      },
      { alternate: index % 2 === 1 },
    );
    const rows = runnable.map((server) => {
      const problem = wrong.get(`${server.id} ${c.id}`);
      if (problem !== undefined) return { subject: server.id, label: server.label, values: {}, failed: problem };
      const outcome = best.get(server);
      if (outcome.error === undefined) return { subject: server.id, label: server.label, values: outcome.values, rounds: outcome.rounds };
      const message = `${server.label} on ${c.id}: ${outcome.error.message}`;
      ctx.log(`http: FAIL ${message}`);
      failures.push(message);
      return { subject: server.id, label: server.label, values: {}, failed: outcome.error.message };
    });
    cases.push({
      id: `http-${c.id}`,
      title: c.title,
      description: c.description,
      baseline: "vial",
      ratioOf: { key: "requestsPerSecond", higherIsBetter: true, label: "Vial ÷ peer" },
      alsoRatioOf: { key: "cpuMicrosPerRequest", higherIsBetter: false, label: "Vial ÷ peer (CPU)" },
      columns,
      rows,
      targets: targetsByCase[c.id],
    });
  }
  return cases;
}

/** Starts the server on a free port; resolves once it answers. */
async function startOne(server) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { file, args } = server.command(port);
  const started = await startServer({ file, args, env: { PORT: String(port) }, baseUrl: baseUrl + "/" });
  return { baseUrl, pid: started.child.pid, stop: started.stop };
}

/** What load.mjs runs for case `c`: the run's settings, the case's request. */
function loadJob(ctx, baseUrl, c) {
  return {
    url: baseUrl + c.path,
    method: c.method,
    headers: c.headers,
    body: c.body,
    connections: ctx.settings.connections,
    warmupSeconds: ctx.settings.warmupSeconds,
    durationSeconds: ctx.settings.durationSeconds,
  };
}

/** One autocannon run, plus the server's CPU time over the measured part (not the warm-up). */
async function measure(ctx, baseUrl, pid, c) {
  let cpuAtStart;
  const summary = await runJsonScript(loadScript, [JSON.stringify(loadJob(ctx, baseUrl, c))], {
    onLine: (line) => {
      if (line === "measuring") cpuAtStart = cpuSeconds(pid);
    },
  });
  const cpuAtEnd = cpuSeconds(pid);
  const cpu = cpuAtStart === undefined || cpuAtEnd === undefined ? {} : {
    cpuMicrosPerRequest: ((cpuAtEnd - cpuAtStart) * 1e6) / summary.requestsTotal,
    cpuCores: (cpuAtEnd - cpuAtStart) / summary.durationSeconds,
  };
  return { ...summary, ...cpu, failedRequests: summary.errors + summary.timeouts + summary.non2xx };
}
