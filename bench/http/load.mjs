// Runs in its own process so the load generator never shares an event loop with the harness:
// one warm-up run (discarded), a `measuring` line, then the measured run; prints its summary as one JSON line.
// Usage: node bench/http/load.mjs '{"url":"http://127.0.0.1:PORT/json","method":"GET","warmupSeconds":2,...}'
import autocannon from "autocannon";

const job = JSON.parse(process.argv[2] ?? "{}");

function run(seconds) {
  return autocannon({
    url: job.url,
    method: job.method,
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    // autocannon checks its deadline once per sample: at its default of 1 s a 0.5 s run lasted 1 s and a
    // 1.5 s run 2 s. Samples of 100 ms keep runs within 0.1 s of the duration asked for.
    sampleInt: 100,
  });
}

if (job.warmupSeconds > 0) await run(job.warmupSeconds);
// Tells the harness to read the server's CPU time: the measured run starts now.
process.stdout.write("measuring\n");
const result = await run(job.durationSeconds);

const summary = {
  // Completed requests over the measured wall time (finer than autocannon's mean of 1-second buckets).
  requestsPerSecond: result.requests.total / result.duration,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMeanMs: result.latency.average,
  latencyMaxMs: result.latency.max,
  requestsTotal: result.requests.total,
  bytesPerSecond: result.throughput.total / result.duration,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  resets: result.resets,
  durationSeconds: result.duration,
  connections: result.connections,
};
process.stdout.write(JSON.stringify(summary) + "\n");
