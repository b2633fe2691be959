// CPU time used by a process and its descendants (Linux /proc), so a server's cost per request can be
// measured apart from how much of the shared CPU it happened to get.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const ticksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100;

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15).
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU seconds of `pid` and every live descendant (gunicorn's worker under its master).
 * @returns {number | undefined} undefined where /proc is not available
 * @example const before = cpuSeconds(child.pid);
 */
export function cpuSeconds(pid) {
  const own = stat(pid);
  if (own === undefined) return undefined;
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s === undefined) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), { pid: Number(entry), ticks: s.ticks }]);
  }
  let ticks = own.ticks;
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      ticks += child.ticks;
      queue.push(child.pid);
    }
  }
  return ticks / ticksPerSecond;
}
