// The template suite: Vial's engine against Nunjucks (and Jinja2 when python3 has it) on bench/templates/page.html.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nunjucks from "nunjucks";
import { runJsonScript } from "../lib/process.mjs";

const renderScript = join(import.meta.dirname, "render.mjs");
const pythonScript = join(import.meta.dirname, "render.py");
const seconds = "2";
const vialEngine = join(import.meta.dirname, "../../runtime/dist/templating/index.js");

/**
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runTemplateSuite(ctx) {
  const rows = [];
  const failures = [];
  const skipped = [];
  for (const [subject, label] of [["vial", "Vial templates"], ["nunjucks", "Nunjucks 3"]]) {
    if (subject === "vial" && !existsSync(vialEngine)) {
      const reason = "runtime/dist/templating/index.js is missing: build the runtime (node scripts/build.mjs --only runtime)";
      ctx.log(`templates: SKIP ${label}: ${reason}`);
      skipped.push({ subject, label, reason });
      continue;
    }
    try {
      const values = await runJsonScript(renderScript, [subject, seconds]);
      ctx.log(`templates: ${label.padEnd(16)} ${Math.round(values.rendersPerSecond)} renders/s`);
      rows.push({ subject, label, values });
    } catch (error) {
      ctx.log(`templates: FAIL ${label}: ${error.message}`);
      failures.push(`templates ${label}: ${error.message}`);
      rows.push({ subject, label, values: {}, failed: error.message });
    }
  }
  const jinja = runJinja2();
  if (jinja.ok) {
    ctx.log(`templates: Jinja2           ${Math.round(jinja.values.rendersPerSecond)} renders/s`);
    rows.push({ subject: "jinja2", label: "Jinja2 (CPython)", values: jinja.values });
  } else {
    ctx.log(`templates: SKIP Jinja2: ${jinja.reason}`);
    skipped.push({ subject: "jinja2", label: "Jinja2", reason: jinja.reason });
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

function runJinja2() {
  const run = spawnSync("python3", [pythonScript, seconds], { encoding: "utf8", timeout: 60_000 });
  if (run.error) return { ok: false, reason: `python3 not runnable: ${run.error.message}` };
  if (run.status !== 0) return { ok: false, reason: (run.stderr ?? "").trim().split("\n").at(-1) ?? "python3 failed" };
  return { ok: true, values: JSON.parse(run.stdout.trim().split("\n").at(-1)) };
}
