import { describe, expect, it } from "vitest";
import { runFuzz } from "../../fuzz/harness.mjs";

// The short form of `npm run test:fuzz`: a few thousand generated requests against the fixture app in
// a child process. A failure prints its seed and case; `node runtime/fuzz/run.mjs --seed S --case I` replays it.
describe("the fuzz and abuse suite (short form)", () => {
  it("answers every generated request with a well-formed non-5xx response, never crashes and keeps its heap flat", { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const figures = await runFuzz({ requests: 2000, concurrency: 8, log: (line) => lines.push(line) });
    console.log(lines.join("\n"));
    expect(figures.crashes).toBe(0);
    expect(figures.failures).toEqual([]);
    expect(figures.cases).toBe(2000);
    expect(Object.keys(figures.statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    expect(Number(figures.statuses["400"] ?? 0)).toBeGreaterThan(0);
    const { start, end } = figures.memory;
    expect((end?.heapUsed ?? Infinity) - (start?.heapUsed ?? 0)).toBeLessThan(16 * 1024 * 1024);
  });
});
