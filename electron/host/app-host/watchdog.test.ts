import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Watchdog } from "./watchdog.js";

describe("Watchdog", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("stays quiet while heartbeats arrive", () => {
    let stuck = 0;
    const dog = new Watchdog({ timeoutMs: 100, onStuck: () => stuck++ });
    dog.start();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(50);
      dog.beat();
    }
    dog.stop();
    expect(stuck).toBe(0);
  });

  it("calls onStuck once when the heartbeats stop", () => {
    const calls: number[] = [];
    const dog = new Watchdog({ timeoutMs: 100, onStuck: (silent) => calls.push(silent) });
    dog.start();
    vi.advanceTimersByTime(50);
    dog.beat();
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThanOrEqual(100);
  });

  it("does not blame the child for a stall of its own process, and still notices a real one after it", () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const calls: number[] = [];
    const dog = new Watchdog({ timeoutMs: 100, onStuck: (silent) => calls.push(silent) });
    dog.start();
    const tick = (ms: number, clockMs = ms): void => {
      now += clockMs;
      vi.advanceTimersByTime(ms);
    };
    tick(20);
    // This process was blocked for half a second: its next check runs late, before the queued beats.
    tick(20, 500);
    expect(calls).toEqual([]);
    dog.beat();
    tick(20);
    expect(calls).toEqual([]);
    for (let i = 0; i < 10; i++) tick(20);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThanOrEqual(100);
  });
});
