import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkFlags } from "./project-config.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "vial-tsconfig-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("checkFlags", () => {
  it("is empty for a project without tsconfig.json", () => {
    expect(checkFlags(dir)).toEqual({});
  });

  it("keeps only the checking flags, following extends, comments and trailing commas", async () => {
    await writeFile(join(dir, "base.json"), `{ "compilerOptions": { "strict": false, "noUnusedLocals": true } }`);
    await writeFile(
      join(dir, "tsconfig.json"),
      `{\n  "extends": "./base.json",\n  // the editor ignores emit options\n  "compilerOptions": { "noUnusedLocals": false, "noUncheckedIndexedAccess": true, "outDir": "out", "declaration": true, },\n}\n`,
    );
    expect(checkFlags(dir)).toEqual({ strict: false, noUnusedLocals: false, noUncheckedIndexedAccess: true });
  });
});
