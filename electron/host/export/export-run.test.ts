import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { AppHostService } from "../app-host/service.js";
import { createDispatch, createHandlers, type Dispatch } from "../dispatch.js";
import { HostEvents } from "../events.js";
import { Workspace } from "../workspace.js";

const repoRoot = join(import.meta.dirname, "../../..");
let scratch: string;
let workspace: Workspace;
let dispatch: Dispatch;

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-export-run-")));
  const events = new HostEvents();
  workspace = new Workspace({ userDataDir: join(scratch, "user-data"), events });
  dispatch = createDispatch(
    createHandlers({
      workspace,
      appHost: new AppHostService({ events, runtimeDir: join(scratch, "none"), childEntry: join(scratch, "none.js") }),
      shell: { mode: "web", openFolderDialog: async () => null, openExternal: async () => undefined, showPreview: async () => undefined, hidePreview: async () => undefined },
      version: "0.0.0",
      startersDir: join(repoRoot, "resources/starters"),
      defaultProjectsDir: join(scratch, "projects"),
      exportSources: { runtimeDir: join(repoRoot, "runtime"), templatesDir: join(repoRoot, "resources/export") },
    }),
  );
});

afterEach(async () => {
  await workspace.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

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
