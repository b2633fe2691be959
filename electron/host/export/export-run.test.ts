import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Dispatch } from "../dispatch.js";
import { createTestHost, type TestHost } from "../test-support/test-host.js";

const repoRoot = join(import.meta.dirname, "../../..");
let host: TestHost;
let scratch: string;
let dispatch: Dispatch;

beforeEach(() => {
  host = createTestHost("vial-export-run-", {
    startersDir: join(repoRoot, "resources/starters"),
    exportSources: { runtimeDir: join(repoRoot, "runtime"), templatesDir: join(repoRoot, "resources/export") },
  });
  ({ scratch, dispatch } = host);
});

afterEach(() => host.dispose());

it("exports the open project through the contract, and answers bad requests with HostErrors", async () => {
  expect(await dispatch("export.run", { dest: join(scratch, "out") })).toMatchObject({ ok: false, error: { code: "no-project" } });
  mkdirSync(join(scratch, "shop"));
  writeFileSync(join(scratch, "shop", "app.ts"), 'import { Vial } from "vial";\nexport const app = new Vial();\n');
  await dispatch("projects.open", { dir: join(scratch, "shop") });

  expect(await dispatch("export.run", { dest: "out" })).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("full path") } });
  expect(await dispatch("export.run", { dest: join(scratch, "out"), force: "yes" })).toMatchObject({ ok: false, error: { code: "bad-request" } });

  const reply = await dispatch("export.run", { dest: join(scratch, "out") });
  expect(reply).toMatchObject({ ok: true, result: { dest: join(scratch, "out"), files: expect.arrayContaining(["app.ts", "package.json", "vendor/vial/package.json"]) } });
  expect(readFileSync(join(scratch, "out", "app.ts"), "utf8")).toContain("new Vial()");

  expect(await dispatch("export.run", { dest: join(scratch, "out") })).toMatchObject({ ok: false, error: { code: "not-empty" } });
  expect(await dispatch("export.run", { dest: join(scratch, "out"), force: true })).toMatchObject({ ok: true });
  expect(existsSync(join(scratch, "shop", "vendor"))).toBe(false);
});
