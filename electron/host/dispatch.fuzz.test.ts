/**
 * Bad input gets a clear error, never a crash or a file outside the project: every method of the
 * contract is called with generated garbage (seeded, so a failure replays the same way).
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { methodNames } from "../api/validate.js";
import { createTestHost, type TestHost } from "./test-support/test-host.js";

const hostErrorCodes = new Set([
  "bad-request",
  "unknown-method",
  "no-project",
  "outside-project",
  "not-found",
  "exists",
  "conflict",
  "not-a-directory",
  "is-a-directory",
  "not-empty",
  "permission-denied",
  "too-large",
  "unsupported",
]);

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nastyStrings = ["", ".", "..", "../", "../../etc/passwd", "/etc/passwd", "C:\\Windows", "a\0b", "%2e%2e/x", "~", "~/x", "templates/../../x", "x".repeat(5000), "ünïcödé/ファイル.txt", "app.ts", "templates", " ", "\n", "__proto__", "constructor"];
const fieldNames = ["path", "from", "to", "dir", "name", "starter", "parentDir", "content", "kind", "expectedMtimeMs", "baseMtimeMs", "url", "title", "theme", "fontSize", "window", "layout", "bounds", "reload", "__proto__"];

function garbage(next: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  switch (Math.floor(next() * (depth > 2 ? 5 : 7))) {
    case 0:
      return pick(nastyStrings);
    case 1:
      return pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, 65536, 80]);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(["file", "dir", "dark", "http://127.0.0.1:5000/", "javascript:alert(1)", "file:///etc/passwd"]);
    case 4:
      return undefined;
    case 5:
      return Array.from({ length: Math.floor(next() * 3) }, () => garbage(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(fieldNames), garbage(next, depth + 1)]));
  }
}

let host: TestHost;
let project: string;

beforeAll(() => {
  host = createTestHost("vial-fuzz-");
  project = join(host.scratch, "project");
  mkdirSync(join(project, "templates"), { recursive: true });
  writeFileSync(join(project, "app.ts"), "app");
  mkdirSync(join(host.scratch, "starters", "blank"), { recursive: true });
  writeFileSync(join(host.scratch, "starters", "blank", "package.json"), "{}");
});

afterAll(() => host.dispose());

describe("dispatch under garbage", () => {
  it("answers every generated call with a result or a known HostError, and writes nothing outside the project", async () => {
    const next = random(20261126);
    const calls = 4000;
    for (let i = 0; i < calls; i++) {
      const method = next() < 0.05 ? String(garbage(next)) : (methodNames[Math.floor(next() * methodNames.length)] ?? "studio.info");
      // Keep the project open for most calls so file methods get past `no-project`.
      if (host.workspace.project === null && next() < 0.9) await host.workspace.open(project);
      if (method === "projects.open" || method === "projects.create") continue;
      const reply = await host.dispatch(method, garbage(next));
      if (!reply.ok) {
        expect(hostErrorCodes.has(reply.error.code), `${method}: ${reply.error.code} ${reply.error.message}`).toBe(true);
        expect(typeof reply.error.message).toBe("string");
      }
    }
    expect(readdirSync(host.scratch).sort()).toEqual(["project", "starters", "user-data"]);
  }, 120_000);
});
