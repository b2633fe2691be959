// The fuzz and abuse harness: runs the fixture app (runtime/src/fuzz/__fixtures__/app.ts) as a child
// process, sends generated raw requests over TCP, checks every answer and watches the child's memory.
import { Buffer } from "node:buffer";
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import console from "node:console";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateCase } from "./generate.mjs";

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../src/fuzz/__fixtures__");
/** A framed request with no complete answer after this long is a hang. */
const DEADLINE_MS = 10_000;
/** An unframed request (the server cannot know where it ends) is abandoned after this much silence (longer for one case alone, which meets a cold server). */
const IDLE_MS = 150;
const IDLE_ALONE_MS = 2000;

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3}) [^\r\n\0]*$/;
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \t]*[^\r\n\0]*$/;

// Parses as many complete responses as `buffer` holds. `methods` tells which answer a HEAD (no body).
function parseResponses(buffer, methods, closed) {
  const responses = [];
  let offset = 0;
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n", offset, "latin1");
    if (end === -1) return { responses, offset, error: closed && offset < buffer.length ? "truncated head" : undefined };
    const lines = buffer.toString("latin1", offset, end).split("\r\n");
    const match = STATUS_LINE.exec(lines[0] ?? "");
    if (match === null) return { responses, offset, error: `bad status line ${JSON.stringify(lines[0])}` };
    const headers = new Map();
    for (const line of lines.slice(1)) {
      if (!HEADER_LINE.test(line)) return { responses, offset, error: `bad header line ${JSON.stringify(line)}` };
      const colon = line.indexOf(":");
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    const status = Number(match[1]);
    let bodyEnd = end + 4;
    const noBody = methods[responses.length] === "HEAD" || status === 204 || status === 304 || status < 200;
    if (!noBody && headers.get("transfer-encoding") === "chunked") {
      let at = bodyEnd;
      for (;;) {
        const lineEnd = buffer.indexOf("\r\n", at, "latin1");
        if (lineEnd === -1) return { responses, offset, error: closed ? "truncated chunk" : undefined };
        const size = parseInt(buffer.toString("latin1", at, lineEnd), 16);
        if (!Number.isFinite(size)) return { responses, offset, error: "bad chunk size" };
        at = lineEnd + 2 + size + 2;
        if (at > buffer.length) return { responses, offset, error: closed ? "truncated chunk" : undefined };
        if (size === 0) break;
      }
      bodyEnd = at;
    } else if (!noBody && headers.has("content-length")) {
      bodyEnd += Number(headers.get("content-length"));
      if (bodyEnd > buffer.length) return { responses, offset, error: closed ? "truncated body" : undefined };
    } else if (!noBody) {
      if (!closed) return { responses, offset };
      bodyEnd = buffer.length;
    }
    responses.push({ status, close: headers.get("connection") === "close" });
    offset = bodyEnd;
  }
}

// Sends one case on a fresh connection and waits for its answers.
function exchange(port, testCase, idleMs = IDLE_MS) {
  return new Promise((resolveOutcome) => {
    const socket = connect(port, "127.0.0.1");
    let buffer = Buffer.alloc(0);
    let settled = false;
    let idle;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(idle);
      socket.destroy();
      resolveOutcome(outcome);
    };
    const check = (closed) => {
      const { responses, error } = parseResponses(buffer, testCase.methods, closed);
      const statuses = responses.map((r) => r.status);
      if (error !== undefined) return finish({ kind: "malformed", statuses, detail: error });
      if (statuses.some((s) => s >= 500)) return finish({ kind: "server-error", statuses });
      if (testCase.framed && responses.length >= testCase.count) return finish({ kind: "ok", statuses });
      if (closed) {
        if (!testCase.framed || responses.length > 0) return finish({ kind: testCase.framed ? "ok" : "abandoned", statuses });
        return finish({ kind: "no-answer", statuses });
      }
      if (!testCase.framed) {
        clearTimeout(idle);
        idle = setTimeout(() => finish({ kind: "abandoned", statuses }), idleMs);
      }
    };
    const deadline = setTimeout(() => {
      const { responses } = parseResponses(buffer, testCase.methods, false);
      finish({ kind: testCase.framed ? "hang" : "abandoned", statuses: responses.map((r) => r.status) });
    }, DEADLINE_MS);
    socket.on("connect", () => {
      socket.write(testCase.bytes, () => check(false));
    });
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      check(false);
    });
    // The client keeps its side open so the answers, not the close, end each case (half-closing clients have their own test in node.test.ts).
    socket.on("close", () => check(true));
    socket.on("error", () => undefined);
  });
}

async function startChild(log) {
  const dir = await mkdtemp(join(tmpdir(), "vial-fuzz-"));
  const outfile = join(dir, "app.mjs");
  await build({ entryPoints: [join(FIXTURES, "app.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "error" });
  const child = fork(outfile, [], {
    execArgv: ["--expose-gc"],
    env: { ...process.env, VIAL_FUZZ_ROOT: FIXTURES, VIAL_DEBUG: "" },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const errors = [];
  child.stderr.on("data", (chunk) => {
    if (errors.length < 20) errors.push(chunk.toString());
  });
  const exited = new Promise((resolveExit) => child.once("exit", (code, signal) => resolveExit({ code, signal })));
  const [message] = await Promise.race([once(child, "message"), exited.then((exit) => Promise.reject(new Error(`the fuzz app exited at start: ${JSON.stringify(exit)} ${errors.join("")}`)))]);
  log(`fuzz app listening on 127.0.0.1:${message.port} (pid ${child.pid})`);
  return { child, port: message.port, exited, errors, dir };
}

async function memory(child) {
  child.send("memory");
  const [sample] = await once(child, "message");
  return sample;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Runs `requests` cases (or only `onlyCase`) with `concurrency` connections at once and returns the
 * figures. Never throws for findings: the caller decides what fails.
 */
export async function runFuzz({ requests = 3000, seed = Date.now() % 2 ** 31, concurrency = 16, onlyCase, log = console.log } = {}) {
  const started = performance.now();
  log(`Vial fuzz: seed ${seed}, ${onlyCase === undefined ? `${requests} cases` : `case ${onlyCase}`}, ${concurrency} connections`);
  const { child, port, exited, errors, dir } = await startChild(log);
  let crashed;
  void exited.then((exit) => (crashed = exit));
  const figures = { seed, cases: 0, requestsSent: 0, statuses: {}, outcomes: {}, failures: [], crashes: 0, memory: {} };
  const warmup = onlyCase === undefined ? Math.min(500, Math.floor(requests / 10)) : 0;
  const indexes = onlyCase === undefined ? Array.from({ length: requests }, (_, i) => i) : [onlyCase];
  let next = 0;
  const worker = async () => {
    while (next < indexes.length && crashed === undefined) {
      const index = indexes[next++];
      if (index === warmup && warmup > 0) figures.memory.start = await memory(child);
      const testCase = generateCase(seed, index);
      const outcome = await exchange(port, testCase, onlyCase === undefined ? IDLE_MS : IDLE_ALONE_MS);
      figures.cases++;
      if (indexes.length >= 20_000 && figures.cases % Math.floor(indexes.length / 10) === 0) log(`… ${figures.cases} cases, ${figures.failures.length} failures`);
      figures.requestsSent += testCase.count;
      figures.outcomes[outcome.kind] = (figures.outcomes[outcome.kind] ?? 0) + 1;
      for (const status of outcome.statuses) figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      if (!["ok", "abandoned"].includes(outcome.kind)) {
        figures.failures.push({ case: index, ...outcome, request: testCase.bytes.toString("latin1", 0, 300) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, indexes.length) }, worker));
  await sleep(50);
  if (crashed === undefined) {
    const alive = await exchange(port, { bytes: Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), count: 1, methods: ["GET"], framed: true });
    if (alive.statuses[0] !== 200) figures.failures.push({ case: "final GET /", ...alive, request: "GET /" });
    figures.memory.start ??= await memory(child);
    figures.memory.end = await memory(child);
  }
  if (crashed !== undefined) {
    figures.crashes = 1;
    figures.failures.push({ case: "server", kind: "crash", statuses: [], detail: `${JSON.stringify(crashed)} ${errors.join("").slice(0, 2000)}` });
  }
  child.kill();
  await exited;
  await rm(dir, { recursive: true, force: true });
  figures.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  figures.serverLog = errors.join("").slice(0, 2000);
  report(figures, log);
  return figures;
}

function report(figures, log) {
  const statuses = Object.entries(figures.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
  const { start, end } = figures.memory;
  log(`cases: ${figures.cases}, requests sent: ${figures.requestsSent}, in ${figures.seconds} s`);
  log(`statuses seen: ${statuses}`);
  log(`outcomes: ${Object.entries(figures.outcomes).map(([k, n]) => `${k}×${n}`).join(" ")} (abandoned = the request cannot end, by design)`);
  log(`crashes: ${figures.crashes}`);
  if (start && end) {
    log(`memory after GC: rss ${mb(start.rss)} → ${mb(end.rss)}, heap ${mb(start.heapUsed)} → ${mb(end.heapUsed)}; peak rss ${mb(end.maxRss)}`);
  }
  log(`failures: ${figures.failures.length}`);
  for (const failure of figures.failures.slice(0, 10)) {
    log(`  case ${failure.case}: ${failure.kind} ${failure.detail ?? ""} statuses=[${failure.statuses}] request=${JSON.stringify(failure.request)}`);
    if (typeof failure.case === "number") log(`    reproduce: node runtime/fuzz/run.mjs --seed ${figures.seed} --case ${failure.case}`);
  }
}
