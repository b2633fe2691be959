// `npm run bench`: runs every registered suite, prints ratio tables, writes results/latest.json + latest.md.
// Usage: node bench/run.mjs [--only http,router,templates] [--servers vial,fastify,...] [--cases text,json,...]
//                           [--settle 0.5] [--warmup 0.5] [--duration 1.5] [--rounds 2] [--connections 50]
// A run narrowed by --only, --servers or --cases writes results/partial.* instead, so latest.* always holds a full run.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runExportSuite } from "./export/suite.mjs";
import { runHttpSuite } from "./http/suite.mjs";
import { renderMarkdown, renderText, targetStatus } from "./lib/report.mjs";
import { runPreviewSuite } from "./preview/suite.mjs";
import { runRouterSuite } from "./router/suite.mjs";
import { runTemplateSuite } from "./templates/suite.mjs";

/**
 * The suite registry. To add a case (the Studio's edit→preview latency, an export's start time), add one
 * entry whose `run(ctx)` resolves to `{ cases: CaseResult[], skipped?, failures? }` (see lib/report.mjs):
 * each case is a table of rows keyed by subject, with the metric its ratios use and optional targets.
 */
const suites = [
  { id: "http", title: "HTTP throughput and latency (autocannon)", run: runHttpSuite },
  { id: "router", title: "Router lookups: Vial against find-my-way", run: runRouterSuite },
  { id: "templates", title: "Template rendering: Vial against Nunjucks (and Jinja2)", run: runTemplateSuite },
  { id: "preview", title: "Studio edit→preview: save a code change, see the new response", run: runPreviewSuite },
  { id: "export", title: "Exported app: start to first response (node scripts/start.mjs)", run: runExportSuite },
];

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    servers: { type: "string" },
    cases: { type: "string" },
    settle: { type: "string", default: "0.5" },
    warmup: { type: "string", default: "0.5" },
    duration: { type: "string", default: "1.5" },
    rounds: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
  },
});
const list = (value) => (value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter(Boolean));
const only = { suites: list(flags.only), servers: list(flags.servers), cases: list(flags.cases) };
const unknown = (only.suites ?? []).filter((id) => !suites.some((s) => s.id === id));
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(", ")}; known: ${suites.map((s) => s.id).join(", ")}`);
  process.exit(2);
}
const settings = {
  settleSeconds: flags.settle === "0" ? 0 : positive("settle", flags.settle),
  warmupSeconds: positive("warmup", flags.warmup),
  durationSeconds: positive("duration", flags.duration),
  rounds: Math.round(positive("rounds", flags.rounds)),
  connections: positive("connections", flags.connections),
};

const startedAt = new Date();
const loadAverageStart = loadavg().map((n) => Number(n.toFixed(2)));
const ctx = { settings, only, log: (line) => console.log(line) };
const report = {
  schema: 1,
  startedAt: startedAt.toISOString(),
  finishedAt: "",
  elapsedSeconds: 0,
  partial: Object.values(only).some((filter) => filter !== undefined),
  argv: process.argv.slice(2),
  machine: {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    loadAverageStart,
    loadAverageEnd: [],
  },
  settings,
  cases: [],
  skipped: [],
  failures: [],
  targets: [],
  /** Wall-clock seconds per suite, so a run over its time budget shows where the time went. */
  suiteSeconds: {},
};

for (const suite of suites.filter((s) => only.suites === undefined || only.suites.includes(s.id))) {
  console.log(`\n== ${suite.title}`);
  const suiteStart = Date.now();
  try {
    const result = await suite.run(ctx);
    report.cases.push(...result.cases);
    report.skipped.push(...(result.skipped ?? []));
    report.failures.push(...(result.failures ?? []));
  } catch (error) {
    console.error(`bench: suite ${suite.id} failed: ${error.stack ?? error}`);
    report.failures.push(`suite ${suite.id} failed: ${error.message ?? error}`);
  }
  report.suiteSeconds[suite.id] = Math.round((Date.now() - suiteStart) / 100) / 10;
  console.log(`(${suite.id}: ${report.suiteSeconds[suite.id]} s)`);
}

const finishedAt = new Date();
report.finishedAt = finishedAt.toISOString();
report.elapsedSeconds = Math.round((finishedAt - startedAt) / 100) / 10;
report.machine.loadAverageEnd = loadavg().map((n) => Number(n.toFixed(2)));
report.targets = targetStatus(report.cases);

console.log(renderText(report));
const resultsDir = join(import.meta.dirname, "results");
const stem = report.partial ? "partial" : "latest";
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, `${stem}.json`), JSON.stringify(report, null, 2) + "\n");
writeFileSync(join(resultsDir, `${stem}.md`), renderMarkdown(report));
console.log(`\nbench: ${report.elapsedSeconds} s; wrote bench/results/${stem}.json and ${stem}.md`);
if (report.failures.length > 0) {
  console.error(`bench: ${report.failures.length} failure(s), see above`);
  process.exitCode = 1;
}

function positive(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`bench: --${name} must be a positive number, got "${text}"`);
    process.exit(2);
  }
  return value;
}
