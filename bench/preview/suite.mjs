// The preview suite: the Studio's edit→preview time. A starter project runs under the real app host
// (file watcher, esbuild, child process, same port); each round saves a code change to disk the way the
// editor does, and a client that reloads when the host says the app changed (as the preview pane does)
// waits for the new text. The time from the write to that response is the edit→preview time.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const repo = join(import.meta.dirname, "../..");
const childEntry = join(repo, "dist/app-host/app-child.js");
const runtimeEntry = join(repo, "runtime/dist/index.js");
const starters = ["website", "blank"];
const saves = 20;
/** A pause between saves, as a person typing leaves: the app host uses it to fork its warm spare child. */
const pauseMs = 750;
const targetP50Ms = 150;

/**
 * Bundles the app host's service (TypeScript) so this plain-Node script can drive it; the bundle goes
 * under node_modules/.cache so its packages (chokidar, esbuild) resolve from the repo.
 */
async function loadAppHost() {
  const outfile = join(repo, "node_modules/.cache/vial-bench/app-host.mjs");
  await build({
    stdin: {
      contents: `export { AppHostService } from "./electron/host/app-host/service.ts";\nexport { HostEvents } from "./electron/host/events.ts";\n`,
      resolveDir: repo,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return import(pathToFileURL(outfile).href);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Resolves with the status once `accept(status)` holds, from the host's events. */
function statusWhere(events, accept, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching app status within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = events.subscribe((message) => {
      if (message.event !== "appHost.status" || !accept(message.payload)) return;
      clearTimeout(timer);
      stop();
      resolve(message.payload);
    });
  });
}

async function measureStarter(appHost, scratch, starter, log) {
  const dir = join(scratch, starter);
  await cp(join(repo, "resources/starters", starter), dir, { recursive: true });
  const events = new appHost.HostEvents();
  const service = new appHost.AppHostService({ events, runtimeDir: join(repo, "runtime"), childEntry });
  try {
    const running = statusWhere(events, (s) => s.state === "running" || s.state === "error");
    await service.open(dir);
    const first = await running;
    if (first.state !== "running") throw new Error(`the ${starter} starter does not run: ${first.error?.message ?? "unknown error"}`);
    const source = await readFile(join(dir, "app.ts"), "utf8");
    const times = [];
    const restarts = [];
    let revision = first.revision;
    for (let i = 0; i < saves; i++) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const marker = `bench-${i}`;
      const changed = statusWhere(events, (s) => s.revision > revision || s.state === "error");
      const started = performance.now();
      // Saved as the Studio's editor saves: a temp file renamed over the original.
      await writeFile(join(dir, ".app.ts.vial-tmp"), `${source}\napp.get("/__bench", () => "${marker}");\n`);
      await rename(join(dir, ".app.ts.vial-tmp"), join(dir, "app.ts"));
      const status = await changed;
      if (status.state === "error") throw new Error(`save ${i} broke the app: ${status.error?.message}`);
      revision = status.revision;
      const text = await (await fetch(`${status.url}/__bench`)).text();
      if (text !== marker) throw new Error(`save ${i}: expected "${marker}", the app answered "${text.slice(0, 80)}"`);
      times.push(performance.now() - started);
      restarts.push(status.lastRestartMs);
    }
    times.sort((a, b) => a - b);
    restarts.sort((a, b) => a - b);
    const values = { p50: percentile(times, 50), p95: percentile(times, 95), restartP50: percentile(restarts, 50) };
    log(`preview: ${starter.padEnd(8)} edit→preview p50 ${values.p50.toFixed(1)} ms, p95 ${values.p95.toFixed(1)} ms (${saves} saves)`);
    return values;
  } finally {
    await service.dispose();
  }
}

/**
 * @param {import("../lib/report.mjs").SuiteContext} ctx
 * @returns {Promise<import("../lib/report.mjs").SuiteResult>}
 */
export async function runPreviewSuite(ctx) {
  for (const [file, step] of [[childEntry, "electron"], [runtimeEntry, "runtime"]]) {
    if (!existsSync(file)) return { cases: [], failures: [`preview: ${file} is missing: build it (node scripts/build.mjs --only ${step})`] };
  }
  const scratch = await mkdtemp(join(tmpdir(), "vial-bench-preview-"));
  const rows = [];
  const failures = [];
  try {
    const appHost = await loadAppHost();
    for (const starter of starters) {
      try {
        const values = await measureStarter(appHost, scratch, starter, ctx.log);
        rows.push({ subject: starter, label: `${starter} starter`, values });
      } catch (error) {
        ctx.log(`preview: FAIL ${starter}: ${error.message}`);
        failures.push(`preview ${starter}: ${error.message}`);
        rows.push({ subject: starter, label: `${starter} starter`, values: {}, failed: error.message });
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const measured = rows.filter((row) => row.failed === undefined);
  const verdicts = measured.map((row) => `${row.label}: p50 ${row.values.p50.toFixed(1)} ms ${row.values.p50 < targetP50Ms ? "meets" : "MISSES"} the ${targetP50Ms} ms target`);
  return {
    cases: [
      {
        id: "preview-edit",
        title: "Edit→preview: save a code change, see the new response",
        description: `A starter under the Studio's app host; ${saves} saves of app.ts, ${pauseMs} ms apart, each timed from the write to disk to the changed response (file watcher, esbuild, restart on the same port, the reload the preview makes).`,
        baseline: starters[0],
        ratioOf: { key: "p50", higherIsBetter: false, label: "ratio" },
        columns: [
          { key: "p50", label: "p50 ms", digits: 1 },
          { key: "p95", label: "p95 ms", digits: 1 },
          { key: "restartP50", label: "restart p50 ms", digits: 0 },
        ],
        rows,
        notes: verdicts,
      },
    ],
    failures,
  };
}
