// The router suite: Vial's routers and find-my-way on the 100- and 10,000-route tables, each measurement
// in a fresh process, best of two interleaved rounds.
import { join } from "node:path";
import { runJsonScript } from "../lib/process.mjs";
import { bestOfRounds } from "../lib/rounds.mjs";
import { routerAdapters } from "./adapters.mjs";

const measureScript = join(import.meta.dirname, "measure.mjs");
const rounds = 2;
const metric = { key: "nsPerLookup", higherIsBetter: false };

const columns = [
  { key: "nsPerLookup", label: "ns/lookup", digits: 1 },
  { key: "lookupsPerSecond", label: "lookups/s", digits: 0 },
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
  for (const size of ["100", "10000"]) {
    const best = await bestOfRounds(adapters, rounds, metric, (adapter) =>
      runJsonScript(measureScript, [adapter.id, size, "0.5"], { nodeArgs: ["--expose-gc"] }),
    );
    const rows = [];
    for (const adapter of adapters) {
      const outcome = best.get(adapter);
      if (outcome.error !== undefined) {
        ctx.log(`router: FAIL ${adapter.label} on ${size} routes: ${outcome.error.message}`);
        failures.push(`router ${adapter.label} on ${size} routes: ${outcome.error.message}`);
        rows.push({ subject: adapter.id, label: adapter.label, values: {}, failed: outcome.error.message });
        continue;
      }
      const { values } = outcome;
      ctx.log(`router: ${adapter.label.padEnd(24)} ${size.padStart(5)} routes ${values.nsPerLookup.toFixed(1).padStart(11)} ns/lookup  ${Math.round(values.heapKiB)} KiB`);
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
      ratioOf: { key: "nsPerLookup", higherIsBetter: false, label: "Vial ÷ peer (speed)" },
      columns,
      rows,
    });
  }
  return { cases, failures };
}
