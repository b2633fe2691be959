// Measures one router on one table in a fresh process (run with --expose-gc): heap held by the built
// router, then nanoseconds per lookup over a mixed list of hits and a miss. Prints one JSON line.
// Usage: node --expose-gc bench/router/measure.mjs <adapter-id> <100|10000> <seconds>
import { isDeepStrictEqual } from "node:util";
import { routerAdapters } from "./adapters.mjs";
import { tables } from "./routes.mjs";

const [adapterId, size, seconds = "1"] = process.argv.slice(2);
const adapter = (await routerAdapters()).find((a) => a.id === adapterId);
const table = tables[size];
if (adapter === undefined || table === undefined) throw new Error(`unknown router "${adapterId}" or table size "${size}"`);

globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const buildStarted = performance.now();
const lookup = adapter.build(table.routes);
lookup("GET", "/");
const buildMs = performance.now() - buildStarted;
globalThis.gc();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;

for (const { method, path, params } of table.lookups) {
  const found = lookup(method, path);
  const comparable = found === null ? null : { ...found };
  if (!isDeepStrictEqual(comparable, params)) {
    throw new Error(`${adapter.label} on ${size} routes: ${method} ${path} gave ${JSON.stringify(comparable)}, expected ${JSON.stringify(params)}`);
  }
}

const { lookups } = table;
let hits = 0;
function loop(ms) {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < lookups.length; i++) if (lookup(lookups[i].method, lookups[i].path) !== null) hits++;
    }
    count += 50 * lookups.length;
    elapsed = performance.now() - started;
  }
  return { count, elapsed };
}
loop(Number(seconds) * 300);
const { count, elapsed } = loop(Number(seconds) * 1000);

process.stdout.write(
  JSON.stringify({
    nsPerLookup: (elapsed * 1e6) / count,
    lookupsPerSecond: (count * 1000) / elapsed,
    heapKiB: heapBytes / 1024,
    buildMs,
    lookups: count,
    hits,
  }) + "\n",
);
