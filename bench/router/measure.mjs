// Measures one router on one table in a fresh process (run with --expose-gc): heap held by the built
// router, then the time per lookup over a mixed list of hits and a miss. Prints one JSON line.
// Usage: node --expose-gc bench/router/measure.mjs <adapter-id> <100|10000> [windows] [window-ms]
//
// After 100 ms of warm-up, `windows` windows of `window-ms` ms of CPU time each (5 × 40 by default): a
// window's time per lookup is its CPU time (user + system, all threads, so the GC's helpers count) over
// its lookups, and the median window is kept. CPU time, because the wall clock also counts the time other
// processes hold the core: on a shared 2-core machine it read from 1× to over 6× the CPU time. The wall
// clock is reported too (`wallNsPerLookup`): on a quiet machine the two agree.
import { isDeepStrictEqual } from "node:util";
import { routerAdapters } from "./adapters.mjs";
import { tables } from "./routes.mjs";

const [adapterId, size, windows = "5", windowMs = "40"] = process.argv.slice(2);
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
function pass() {
  for (let i = 0; i < lookups.length; i++) if (lookup(lookups[i].method, lookups[i].path) !== null) hits++;
}

const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

// Passes between two reads of the clocks (the CPU clock is a system call): about half a millisecond of
// them, so reading costs nothing measurable and a window overshoots its length by about 1% at most.
let batch = 1;
function run(ms) {
  const cpuStarted = process.cpuUsage();
  const wallStarted = performance.now();
  let passes = 0;
  let cpu = 0;
  while (cpu < ms) {
    for (let i = 0; i < batch; i++) pass();
    passes += batch;
    cpu = cpuMs(cpuStarted);
  }
  return { count: passes * lookups.length, cpu, wall: performance.now() - wallStarted };
}

const warmup = run(100);
batch = Math.max(1, Math.floor((warmup.count / lookups.length / warmup.cpu) * 0.5));
const measured = Array.from({ length: Number(windows) }, () => run(Number(windowMs)));
const median = (values) => values.toSorted((a, b) => a - b)[values.length >> 1];
const count = measured.reduce((sum, w) => sum + w.count, 0);

process.stdout.write(
  JSON.stringify({
    cpuNsPerLookup: median(measured.map((w) => (w.cpu * 1e6) / w.count)),
    wallNsPerLookup: median(measured.map((w) => (w.wall * 1e6) / w.count)),
    heapKiB: heapBytes / 1024,
    buildMs,
    lookups: count,
    hits,
  }) + "\n",
);
