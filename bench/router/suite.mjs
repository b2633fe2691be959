// The router suite: Vial's routers and find-my-way on the 100- and 10,000-route tables, each measurement
// in a fresh process (see measure.mjs), best of three interleaved rounds.
import { join } from "node:path";
import { runJsonScript } from "../lib/process.mjs";
import { bestOfRounds } from "../lib/rounds.mjs";
import { routerAdapters } from "./adapters.mjs";

const measureScript = join(import.meta.dirname, "measure.mjs");
const rounds = 3;
// Not measured on the 10,000-route table: the compiled router. Its one regex for the rules under /api
// holds all 5,800 dynamic rules, and compiling it took about 18 s of every process, only to show again
// that a lookup there costs about a millisecond (thousands of times the trie).
const tables = { 100: () => true, 10000: (adapter) => adapter.id !== "vial-compiled" };
const metric = { key: "cpuNsPerLookup", higherIsBetter: false };

const columns = [
  { key: "cpuNsPerLookup", label: "CPU ns/lookup", digits: 1 },
  { key: "wallNsPerLookup", label: "wall ns/lookup", digits: 1 },
  { key: "heapKiB", label: "heap KiB", digits: 0 },
  { key: "buildMs", label: "build ms", digits: 1 },
];

/**
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runRouterSuite(ctx) {
  let adapters;
  try {
    adapters = await routerAdapters();
  } catch (error) {
    ctx.log(`router: SKIP Vial: ${error.message}`);
    return { cases: [], skipped: [{ subject: "vial-router", label: "Vial router", reason: error.message }] };
  }
  const failures = [];
  const cases = [];
  const baseline = adapters[0];
  for (const [size, measured] of Object.entries(tables)) {
    const subjects = adapters.filter(measured);
    const best = await bestOfRounds(subjects, rounds, metric, (adapter) =>
      runJsonScript(measureScript, [adapter.id, size], { nodeArgs: ["--expose-gc"] }),
    );
    const rows = [];
    for (const adapter of subjects) {
      const outcome = best.get(adapter);
      if (outcome.error !== undefined) {
        ctx.log(`router: FAIL ${adapter.label} on ${size} routes: ${outcome.error.message}`);
        failures.push(`router ${adapter.label} on ${size} routes: ${outcome.error.message}`);
        rows.push({ subject: adapter.id, label: adapter.label, values: {}, failed: outcome.error.message });
        continue;
      }
      const { values } = outcome;
      ctx.log(`router: ${adapter.label.padEnd(24)} ${size.padStart(5)} routes ${values.cpuNsPerLookup.toFixed(1).padStart(11)} CPU ns/lookup  ${Math.round(values.heapKiB)} KiB`);
      rows.push({ subject: adapter.id, label: adapter.label, values, rounds: outcome.rounds });
    }
    cases.push({
      id: `router-${size}`,
      title: `Router: ${Number(size).toLocaleString("en-US")} routes`,
      description:
        size === "100"
          ? "A realistic table (site pages plus a GitHub-style API, 100 method+path pairs); 10 lookups: static, 1 to 3 params, a non-GET, a miss."
          : "The 100-route table mounted 100 times under /api/m<k>; the same 10 lookups in modules 0, 57 and 99.",
      baseline: baseline.id,
      ratioOf: { key: "cpuNsPerLookup", higherIsBetter: false, label: "Vial ÷ peer (speed, CPU)" },
      columns,
      rows,
    });
  }
  return { cases, failures };
}
