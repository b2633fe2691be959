// The template suite: Vial's engine against Nunjucks (and Jinja2 when python3 has it) on page.html,
// each render run in a fresh process, best of three interleaved rounds.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nunjucks from "nunjucks";
import { runJsonScript } from "../lib/process.mjs";
import { bestOfRounds } from "../lib/rounds.mjs";

const renderScript = join(import.meta.dirname, "render.mjs");
const pythonScript = join(import.meta.dirname, "render.py");
const vialEngine = join(import.meta.dirname, "../../runtime/dist/templating/index.js");
const seconds = "1";
const rounds = 3;
const metric = { key: "rendersPerSecond", higherIsBetter: true };

const engines = [
  { subject: "vial", label: "Vial templates", run: () => runJsonScript(renderScript, ["vial", seconds]) },
  { subject: "nunjucks", label: "Nunjucks 3", run: () => runJsonScript(renderScript, ["nunjucks", seconds]) },
  { subject: "jinja2", label: "Jinja2 (CPython)", run: runJinja2 },
];

/**
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runTemplateSuite(ctx) {
  const failures = [];
  const skipped = [];
  const available = engines.filter((engine) => {
    const reason = unavailable(engine.subject);
    if (reason === undefined) return true;
    ctx.log(`templates: SKIP ${engine.label}: ${reason}`);
    skipped.push({ subject: engine.subject, label: engine.label, reason });
    return false;
  });
  const best = await bestOfRounds(available, rounds, metric, (engine) => engine.run());
  const rows = [];
  for (const engine of available) {
    const outcome = best.get(engine);
    if (outcome.error !== undefined) {
      ctx.log(`templates: FAIL ${engine.label}: ${outcome.error.message}`);
      failures.push(`templates ${engine.label}: ${outcome.error.message}`);
      rows.push({ subject: engine.subject, label: engine.label, values: {}, failed: outcome.error.message });
      continue;
    }
    ctx.log(`templates: ${engine.label.padEnd(16)} ${Math.round(outcome.values.rendersPerSecond)} renders/s`);
    rows.push({ subject: engine.subject, label: engine.label, values: outcome.values, rounds: outcome.rounds });
  }
  const outputBytes = Buffer.byteLength(
    new nunjucks.Environment(new nunjucks.FileSystemLoader(import.meta.dirname), { autoescape: true }).render(
      "page.html",
      JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/page.json"), "utf8")),
    ),
  );
  return {
    cases: [
      {
        id: "templates-render",
        title: "Template render: page.html",
        description: `The /page template alone (extends, 100-row loop, include, autoescape; ${outputBytes} bytes out), looked up and rendered per iteration. Every engine's output is checked byte for byte first.`,
        baseline: "vial",
        ratioOf: { key: "rendersPerSecond", higherIsBetter: true, label: "Vial ÷ peer" },
        columns: [
          { key: "rendersPerSecond", label: "renders/s", digits: 0 },
          { key: "usPerRender", label: "µs/render", digits: 1 },
        ],
        rows,
        targets: { nunjucks: 1.5 },
      },
    ],
    failures,
    skipped,
  };
}

function unavailable(subject) {
  if (subject === "vial" && !existsSync(vialEngine)) {
    return "runtime/dist/templating/index.js is missing: build the runtime (node scripts/build.mjs --only runtime)";
  }
  if (subject === "jinja2") {
    const probe = spawnSync("python3", ["-c", "import jinja2"], { encoding: "utf8" });
    if (probe.error) return `python3 not runnable: ${probe.error.message}`;
    if (probe.status !== 0) return (probe.stderr ?? "").trim().split("\n").at(-1) ?? "python3 cannot import jinja2";
  }
  return undefined;
}

async function runJinja2() {
  const run = spawnSync("python3", [pythonScript, seconds], { encoding: "utf8", timeout: 60_000 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error((run.stderr ?? "").trim());
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}
