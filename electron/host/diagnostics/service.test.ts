import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../api/contract.js";
import { createProject, runtimeDir } from "../app-host/test-projects.js";
import { HostEvents } from "../events.js";
import { buildWorker } from "../test-support/build-worker.js";
import { DiagnosticsService } from "./service.js";

const startersDir = join(import.meta.dirname, "../../../resources/starters");

let workerDir: string;
let workerEntry: string;
let scratch: string;
let events: HostEvents;
let service: DiagnosticsService;

beforeAll(async () => {
  // Built as scripts/build.mjs builds it, inside node_modules so the bundle finds `typescript` there.
  const cache = join(import.meta.dirname, "../../../node_modules/.cache");
  await mkdir(cache, { recursive: true });
  workerDir = await mkdtemp(join(cache, "vial-check-worker-"));
  workerEntry = join(workerDir, "check-worker.mjs");
  await buildWorker(join(import.meta.dirname, "check-worker.ts"), workerEntry);
});

afterAll(async () => {
  await rm(workerDir, { recursive: true, force: true });
});

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "vial-diagnostics-"));
  events = new HostEvents();
  service = new DiagnosticsService({ events, runtimeDir, workerEntry, debounceMs: 20 });
});

afterEach(async () => {
  await service.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** Resolves with the next published diagnostics that satisfy `until`. */
function nextDiagnostics(until: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  return new Promise((resolve) => {
    const stop = events.subscribe((message) => {
      if (message.event !== "diagnostics.changed" || !until(message.payload.diagnostics)) return;
      stop();
      resolve(message.payload.diagnostics);
    });
  });
}

const validApp = `import { Vial } from "vial";

export const app = new Vial({ root: import.meta.dirname });

app.get("/", function index() {
  return "hello";
});
`;

// The first check of a project parses Node's and Vial's declarations: seconds on a busy machine.
describe("TypeScript diagnostics", { timeout: 30_000 }, () => {
  it("resolves vial to the Studio's runtime and finds nothing wrong in a valid app", async () => {
    const dir = await createProject(scratch, { "app.ts": validApp, "package.json": '{"type":"module"}' });
    await service.open(dir);
    expect(service.list()).toEqual([]);
  });

  it("reports a type error at its line and column, and clears it once fixed", async () => {
    const broken = `${validApp}\nconst port: number = "eight";\n`;
    const dir = await createProject(scratch, { "app.ts": broken });
    await service.open(dir);
    expect(service.list()).toEqual([
      { path: "app.ts", line: 9, column: 7, severity: "error", message: "Type 'string' is not assignable to type 'number'.", source: "typescript" },
    ]);

    const cleared = nextDiagnostics((diagnostics) => diagnostics.length === 0);
    await writeFile(join(dir, "app.ts"), validApp);
    expect(await cleared).toEqual([]);
    expect(service.list()).toEqual([]);
  });

  it("checks a file again when a file it imports changes", async () => {
    const dir = await createProject(scratch, {
      "app.ts": `import { greeting } from "./lib/greet.js";\n\nexport const length: number = greeting.length;\n`,
      "lib/greet.ts": `export const greeting = "hello";\n`,
    });
    await service.open(dir);
    expect(service.list()).toEqual([]);

    // A save may be seen half-written first (an empty file); wait for the check of the whole file.
    const found = nextDiagnostics((diagnostics) => diagnostics.some((diagnostic) => diagnostic.line === 3));
    await writeFile(join(dir, "lib/greet.ts"), `export const greeting = 42;\n`);
    expect((await found).map(({ path, line, column }) => ({ path, line, column }))).toEqual([{ path: "app.ts", line: 3, column: 40 }]);
  });

  it("reports an import of a missing project file", async () => {
    const dir = await createProject(scratch, { "app.ts": `import { nothing } from "./missing.js";\n\nexport const app = nothing;\n` });
    await service.open(dir);
    expect(service.list()).toMatchObject([{ path: "app.ts", line: 1, column: 25, source: "typescript", message: expect.stringContaining("./missing.js") }]);
  });
});

describe("the project's tsconfig.json", { timeout: 30_000 }, () => {
  const implicitAny = `export function twice(value) {\n  return value * 2;\n}\n`;

  it("sets what is reported, and a change to it checks the project again", async () => {
    const dir = await createProject(scratch, { "app.ts": implicitAny, "tsconfig.json": `{\n  // loose on purpose\n  "compilerOptions": { "strict": false }\n}\n` });
    await service.open(dir);
    expect(service.list()).toEqual([]);

    const strict = nextDiagnostics((diagnostics) => diagnostics.length > 0);
    await writeFile(join(dir, "tsconfig.json"), `{ "compilerOptions": { "strict": true } }\n`);
    expect((await strict).map(({ path, line, column, message }) => ({ path, line, column, message }))).toEqual([
      { path: "app.ts", line: 1, column: 23, message: "Parameter 'value' implicitly has an 'any' type." },
    ]);
  });

  it("is reported at its line when it is broken, and the code is still checked", async () => {
    const dir = await createProject(scratch, {
      "app.ts": `export const port: number = "eight";\n`,
      "tsconfig.json": `{\n  "compilerOptions": {\n    "target": "es1999"\n  }\n  "include": ["*.ts"]\n}\n`,
    });
    await service.open(dir);
    expect(service.list().map(({ path, line, message }) => ({ path, line, message }))).toEqual([
      { path: "app.ts", line: 1, message: "Type 'string' is not assignable to type 'number'." },
      { path: "tsconfig.json", line: 3, message: expect.stringContaining("Argument for '--target' option must be") },
      { path: "tsconfig.json", line: 5, message: "',' expected." },
    ]);
  });

  it("cannot take `vial` away from the Studio's runtime", async () => {
    const dir = await createProject(scratch, {
      "app.ts": validApp,
      "tsconfig.json": `{ "compilerOptions": { "paths": { "vial": ["./nowhere.ts"] }, "noEmit": false, "outDir": "out", "composite": true } }\n`,
    });
    await service.open(dir);
    expect(service.list()).toEqual([]);
  });
});

describe("template diagnostics", { timeout: 30_000 }, () => {
  it("reports an unclosed block with the template's file and line", async () => {
    const dir = await createProject(scratch, {
      "app.ts": validApp,
      "templates/index.html": "<h1>Items</h1>\n<ul>\n{% for item in items %}\n  <li>{{ item }}</li>\n</ul>\n",
      "templates/ok.html": "{% if user %}{{ user.name }}{% endif %}\n",
    });
    await service.open(dir);
    expect(service.list()).toMatchObject([
      { path: "templates/index.html", severity: "error", source: "template", message: expect.stringContaining("'endfor'") },
    ]);
    expect(service.list()[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("reports a bad expression at its line and column, and clears it once fixed", async () => {
    const dir = await createProject(scratch, { "app.ts": validApp, "items/templates/items/list.html": "<p>\n{{ total + }}\n</p>\n" });
    await service.open(dir);
    expect(service.list()).toEqual([
      { path: "items/templates/items/list.html", line: 2, column: 12, severity: "error", message: "unexpected 'end of print statement'", source: "template" },
    ]);

    const cleared = nextDiagnostics((diagnostics) => diagnostics.length === 0);
    await writeFile(join(dir, "items/templates/items/list.html"), "<p>\n{{ total + 1 }}\n</p>\n");
    expect(await cleared).toEqual([]);
  });

  it("leaves an unknown filter to render time, since the app may register it", async () => {
    const dir = await createProject(scratch, { "app.ts": validApp, "templates/price.html": "{{ price | money }}\n" });
    await service.open(dir);
    expect(service.list()).toEqual([]);
  });

  it("picks up a template created after the project opened", async () => {
    const dir = await createProject(scratch, { "app.ts": validApp });
    await service.open(dir);
    const found = nextDiagnostics((diagnostics) => diagnostics.length > 0);
    await mkdir(join(dir, "templates"));
    await writeFile(join(dir, "templates", "new.html"), "{% if %}");
    expect(await found).toMatchObject([{ path: "templates/new.html", source: "template" }]);
  });
});

describe("the starters", { timeout: 30_000 }, () => {
  it("have no diagnostics at all", async () => {
    const starters = (await readdir(startersDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(starters.length).toBeGreaterThanOrEqual(3);
    for (const starter of starters) {
      const dir = join(scratch, starter);
      await cp(join(startersDir, starter), dir, { recursive: true });
      await service.open(dir);
      expect({ starter, diagnostics: service.list() }).toEqual({ starter, diagnostics: [] });
    }
  }, 60_000);
});

describe("closing the Studio", () => {
  it("does not wait for a check in progress", async () => {
    // A checker that takes the request and never answers, as a check of a huge project would.
    const asked = join(scratch, "asked");
    const stuckEntry = join(scratch, "stuck-worker.mjs");
    await writeFile(
      stuckEntry,
      `import { writeFileSync } from "node:fs";\nimport { parentPort } from "node:worker_threads";\n` +
        `parentPort.on("message", () => writeFileSync(${JSON.stringify(asked)}, "yes"));\n`,
    );
    const stuck = new DiagnosticsService({ events, runtimeDir, workerEntry: stuckEntry, debounceMs: 20 });
    const dir = await createProject(scratch, { "app.ts": validApp });
    void stuck.open(dir);
    await expect.poll(() => readdir(scratch)).toContain("asked");
    await stuck.dispose();
  });
});
