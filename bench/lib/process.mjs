// Child processes for the bench: free ports, waiting for a server, running a script that prints JSON.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free loopback port (bound, read, released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server process and resolves once it answers HTTP on `baseUrl` (any status).
 * Rejects with the process's stderr when it exits first or stays silent for `timeoutMs`.
 */
export async function startServer({ file, args, env, baseUrl, timeoutMs = 20_000 }) {
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = false;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  const deadline = Date.now() + timeoutMs;
  while (!exited) {
    try {
      const response = await fetch(baseUrl, { signal: globalThis.AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return { child, stderr: () => stderr, stop: () => stop(child, exit) };
    } catch {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop(child, exit);
  throw new Error(`${file} ${args.join(" ")} ${exited ? "exited" : "did not answer in time"}:\n${stderr.trim()}`);
}

async function stop(child, exit) {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exit;
  clearTimeout(timer);
}

/**
 * Runs `node <script> ...args` and parses the last stdout line as JSON; `onLine` sees each earlier line
 * as it arrives.
 */
export function runJsonScript(script, args, { nodeArgs = [], timeoutMs = 120_000, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      const start = stdout.length;
      stdout += chunk;
      if (onLine === undefined) return;
      const firstNewline = stdout.lastIndexOf("\n", start - 1) + 1;
      const complete = stdout.slice(firstNewline, stdout.lastIndexOf("\n") + 1);
      for (const line of complete.split("\n").slice(0, -1)) if (line.length > 0) onLine(line);
    });
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`${script} failed (${signal ?? code}):\n${stderr.trim()}`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${script} printed no JSON result:\n${stdout.slice(-500)}\n${stderr.trim()}`));
      }
    });
  });
}
