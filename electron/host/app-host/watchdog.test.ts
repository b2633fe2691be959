import { describe, expect, it } from "vitest";
import { Watchdog } from "./watchdog.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Watchdog", () => {
  it("stays quiet while heartbeats arrive", async () => {
    let stuck = 0;
    const dog = new Watchdog({ timeoutMs: 100, onStuck: () => stuck++ });
    dog.start();
    for (let i = 0; i < 10; i++) {
      await sleep(20);
      dog.beat();
    }
    dog.stop();
    expect(stuck).toBe(0);
  });

  it("calls onStuck once when the heartbeats stop", async () => {
    const calls: number[] = [];
    const dog = new Watchdog({ timeoutMs: 50, onStuck: (silent) => calls.push(silent) });
    dog.start();
    await sleep(300);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThanOrEqual(50);
  });
});
