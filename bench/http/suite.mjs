// The HTTP suite: each server alone in its own process, verified, then loaded case by case with autocannon.
import { join } from "node:path";
import { freePort, runJsonScript, startServer } from "../lib/process.mjs";
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
];

/**
 * Runs every selected server through every HTTP case.
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runHttpSuite(ctx) {
  const rowsByCase = new Map(httpCases.map((c) => [c.id, []]));
  const skipped = [];
  const failures = [];
  const selected = servers.filter((s) => ctx.only.servers === undefined || ctx.only.servers.includes(s.id));

  for (const server of selected) {
    const prepared = server.prepare();
    if (!prepared.ok) {
      ctx.log(`http: SKIP ${server.label}: ${prepared.reason}`);
      skipped.push({ subject: server.id, label: server.label, reason: prepared.reason });
      continue;
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const { file, args } = prepared.command(port);
    let running;
    try {
      running = await startServer({ file, args, env: { PORT: String(port) }, baseUrl: baseUrl + "/" });
    } catch (error) {
      const message = `${server.label} did not start: ${error.message}`;
      ctx.log(`http: FAIL ${message}`);
      failures.push(message);
      continue;
    }
    try {
      const verdict = await verifyServer(baseUrl, httpCases);
      for (const problem of verdict.probes) {
        ctx.log(`http: FAIL ${server.label}: ${problem}`);
        failures.push(`${server.label}: ${problem}`);
      }
      for (const c of httpCases) {
        const problems = verdict.byCase.get(c.id) ?? [];
        if (problems.length > 0) {
          const message = `${server.label} answers ${c.method} ${c.path} wrongly, so it is not measured there:\n  ${problems.join("\n  ")}`;
          ctx.log(`http: FAIL ${message}`);
          failures.push(message);
          rowsByCase.get(c.id).push({ subject: server.id, label: server.label, values: {}, failed: problems.join("; ") });
          continue;
        }
        const summary = await measure(ctx, baseUrl, c);
        ctx.log(
          `http: ${server.label.padEnd(32)} ${c.id.padEnd(7)} ${String(Math.round(summary.requestsPerSecond)).padStart(7)} req/s` +
            `  p50 ${summary.latencyP50Ms} ms  p99 ${summary.latencyP99Ms} ms` +
            (summary.failedRequests > 0 ? `  errors ${summary.errors} timeouts ${summary.timeouts} non-2xx ${summary.non2xx}` : ""),
        );
        rowsByCase.get(c.id).push({ subject: server.id, label: server.label, values: summary });
      }
    } finally {
      await running.stop();
    }
  }

  const cases = httpCases.map((c) => ({
    id: `http-${c.id}`,
    title: c.title,
    description: c.description,
    baseline: "vial",
    ratioOf: { key: "requestsPerSecond", higherIsBetter: true, label: "Vial ÷ peer" },
    columns,
    rows: rowsByCase.get(c.id),
    targets: targetsByCase[c.id],
  }));
  return { cases, skipped, failures };
}

async function measure(ctx, baseUrl, c) {
  const summary = await runJsonScript(loadScript, [
    JSON.stringify({
      url: baseUrl + c.path,
      method: c.method,
      headers: c.headers,
      body: c.body,
      connections: ctx.settings.connections,
      warmupSeconds: ctx.settings.warmupSeconds,
      durationSeconds: ctx.settings.durationSeconds,
    }),
  ]);
  return { ...summary, failedRequests: summary.errors + summary.timeouts + summary.non2xx };
}
