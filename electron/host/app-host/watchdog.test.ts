import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Watchdog } from "./watchdog.js";

describe("Watchdog", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
  });

  afterEach(() => {
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
});
