import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SearchQuery, SearchResult } from "../../api/contract.js";
import { toHostError } from "../../api/errors.js";
import { ProjectFiles } from "../files.js";
import { buildWorker } from "../test-support/build-worker.js";
import { createTestHost } from "../test-support/test-host.js";
import { SearchThread } from "./search-thread.js";
import { searchLimits, searchProject } from "./search.js";

let scratch: string;
let root: string;
let files: ProjectFiles;
/** The worker, bundled from the current source as scripts/build.mjs bundles dist/search/search-worker.js. */
let workerDir: string;
let workerEntry: string;
let thread: SearchThread;

/** Backtracks exponentially on a line of "a"s that ends in "b": hours for 40 of them. */
const runawayPattern = "(a+)+$";
const runawayLine = `${"a".repeat(40)}b`;

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), content);
}

function search(query: Partial<SearchQuery> & { query: string }, limits = searchLimits, through = thread): Promise<SearchResult> {
  return searchProject(files, { matchCase: false, wholeWord: false, regex: false, ...query }, through, limits);
}

/** Every match as `path:line:column`, in result order. */
function places(result: SearchResult): string[] {
  return result.files.flatMap((file) => file.lines.map((line) => `${file.path}:${line.line}:${line.column}`));
}

/** The matched text of every shown range, in result order. */
function matchedTexts(result: SearchResult): string[] {
  return result.files.flatMap((file) => file.lines.flatMap((line) => line.ranges.map((range) => line.text.slice(range.start, range.end))));
}

beforeAll(async () => {
  workerDir = mkdtempSync(join(tmpdir(), "vial-search-worker-"));
  workerEntry = join(workerDir, "search-worker.js");
  await buildWorker(join(import.meta.dirname, "search-worker.ts"), workerEntry);
  thread = new SearchThread({ entry: workerEntry });
});

afterAll(async () => {
  await thread.dispose();
  rmSync(workerDir, { recursive: true, force: true });
});

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-search-")));
  root = join(scratch, "site");
  write("app.ts", 'import { Vial } from "vial";\nconst app = new Vial();\napp.get("/", () => renderTemplate("index.html", { title: "Home" }));\n');
  write("templates/base.html", "<html>\n  <head><title>{% block title %}{% endblock %}</title></head>\n</html>\n");
  write("templates/index.html", '{% extends "base.html" %}\n{% block title %}Home page{% endblock %}\n');
  write("static/style.css", "body { color: black; }\n");
  files = new ProjectFiles(root, { trashDir: join(scratch, "trash") });
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("searchProject", () => {
  it("finds plain text case-insensitively, grouped per file in the explorer's order, with line, column and the line's text", async () => {
    const result = await search({ query: "TITLE" });
    expect(places(result)).toEqual(["templates/base.html:2:10", "templates/index.html:2:10", "app.ts:3:51"]);
    expect(result.files[0]?.lines[0]).toEqual({
      line: 2,
      column: 10,
      text: "<head><title>{% block title %}{% endblock %}</title></head>",
      ranges: [
        { start: 7, end: 12 },
        { start: 22, end: 27 },
        { start: 46, end: 51 },
      ],
      matches: 3,
    });
    expect(matchedTexts(result)).toEqual(["title", "title", "title", "title", "title"]);
    expect(result).toMatchObject({ truncated: false, filesSearched: 4 });
  });

  it("matches case when asked", async () => {
    expect(places(await search({ query: "Home", matchCase: true }))).toEqual(["templates/index.html:2:18", "app.ts:3:59"]);
    expect(places(await search({ query: "home", matchCase: true }))).toEqual([]);
  });

  it("matches whole words only when asked: not inside a longer word or a name with underscores", async () => {
    write("notes.txt", "Vial vials _vial vial_ vial.run (vial) Vialé");
    const result = await search({ query: "vial", wholeWord: true, include: "notes.txt" });
    expect(result.files[0]?.lines[0]?.ranges.map((range) => range.start)).toEqual([0, 23, 33]);
  });

  it("takes a regular expression, and a bad one fails with bad-request and the reason, before reading anything", async () => {
    const result = await search({ query: "\\{% (block|extends) \\w+", regex: true });
    expect(matchedTexts(result)).toEqual(["{% block title", "{% block title"]);
    expect(places(await search({ query: "{% (block", regex: false }))).toEqual([]);

    const failure = await search({ query: "{% (block", regex: true }).then(() => undefined, toHostError);
    expect(failure).toEqual({ code: "bad-request", message: "Invalid regular expression: Unterminated group." });
  });

  it("finds nothing for an empty query or a regex that only matches empty text, and never loops on it", async () => {
    expect(await search({ query: "" })).toEqual({ files: [], truncated: false, filesSearched: 0 });
    expect(places(await search({ query: "^|$|(?=a)", regex: true }))).toEqual([]);
  });

  it("leaves out the folders the explorer leaves out, binary files, files over 1 MB and links out of the project", async () => {
    for (const folder of ["node_modules/vial", ".git", ".vial", "build", "dist"]) write(`${folder}/needle.txt`, "needle");
    write("static/logo.png", Buffer.concat([Buffer.from("\x89PNG\0\0needle"), Buffer.alloc(100)]));
    write("static/big.txt", `needle\n${"x".repeat(searchLimits.maxFileBytes)}`);
    writeFileSync(join(scratch, "secret.txt"), "needle");
    symlinkSync(join(scratch, "secret.txt"), join(root, "secret.txt"));
    write("templates/needle.html", "<p>needle</p>");

    const result = await search({ query: "needle" });
    expect(places(result)).toEqual(["templates/needle.html:1:4"]);
    expect(result.filesSearched).toBe(5);
  });

  it("searches only the files the include globs name", async () => {
    expect(places(await search({ query: "title", include: "*.ts" }))).toEqual(["app.ts:3:51"]);
    expect(places(await search({ query: "title", include: "templates/index.*, app.ts" }))).toEqual(["templates/index.html:2:10", "app.ts:3:51"]);
    expect(places(await search({ query: "title", include: "templates" }))).toEqual(["templates/base.html:2:10", "templates/index.html:2:10"]);
    expect(places(await search({ query: "title", include: "**/*.css" }))).toEqual([]);
  });

  it("leaves out the files the exclude globs name, after the include globs", async () => {
    expect(places(await search({ query: "title", exclude: "templates" }))).toEqual(["app.ts:3:51"]);
    expect(places(await search({ query: "title", include: "templates", exclude: "base.*" }))).toEqual(["templates/index.html:2:10"]);
    expect(places(await search({ query: "title", exclude: " , " }))).toEqual(places(await search({ query: "title" })));
  });

  it("searches the editor's unsaved text instead of the file on disk", async () => {
    const unsaved = [{ path: "static/style.css", content: "h1 { font: title; }\n/* title */" }];
    expect(places(await search({ query: "title", include: "static", unsaved }))).toEqual(["static/style.css:1:12", "static/style.css:2:4"]);
    expect(places(await search({ query: "black", unsaved }))).toEqual([]);
  });

  it("stops at the match limit and says so, but not when the matches just fit", async () => {
    write("many.txt", "hit hit hit\nhit hit\n");
    const limits = { ...searchLimits, maxMatches: 4 };
    const capped = await search({ query: "hit" }, limits);
    expect(capped.truncated).toBe(true);
    expect(capped.files.map((file) => [file.path, file.lines.map((line) => line.matches)])).toEqual([["many.txt", [3, 1]]]);
    expect(capped.files[0]?.lines[1]?.ranges).toEqual([{ start: 0, end: 3 }]);

    const fits = await search({ query: "hit" }, { ...limits, maxMatches: 5 });
    expect(fits.truncated).toBe(false);
    expect(fits.files[0]?.lines.map((line) => line.matches)).toEqual([3, 2]);
  });

  it("cuts a long line to a preview around its first match and counts the matches cut off", async () => {
    write("min.js", `${"a".repeat(500)}needle${"b".repeat(500)}needle`);
    const line = (await search({ query: "needle" })).files[0]?.lines[0];
    expect(line).toMatchObject({ line: 1, column: 501, matches: 2 });
    expect(line?.text).toBe(`…${"a".repeat(20)}needle${"b".repeat(174)}…`);
    expect(line?.ranges).toEqual([{ start: 21, end: 27 }]);
  });

  it("answers a few thousand files quickly enough to search as the user types", async () => {
    for (let folder = 0; folder < 30; folder++) {
      for (let file = 0; file < 100; file++) write(`src/f${folder}/m${file}.ts`, `export const value${file} = ${file};\n`.repeat(20));
    }
    const result = await search({ query: "value7", wholeWord: true });
    expect(result.filesSearched).toBe(3004);
    expect(result.files).toHaveLength(30);
  });
});

describe("a search that runs away", () => {
  it("is stopped at its time limit with an error to show under the box, and the next search answers", async () => {
    write("log.txt", `${runawayLine}\n`);
    const quick = new SearchThread({ entry: workerEntry, timeoutMs: 300 });
    try {
      const failure = await search({ query: runawayPattern, regex: true }, searchLimits, quick).then(() => undefined, toHostError);
      expect(failure).toEqual({ code: "bad-request", message: "The search took longer than 0.3 s and was stopped: simplify the pattern or the files to include." });
      expect(places(await search({ query: "title", include: "*.ts" }, searchLimits, quick))).toEqual(["app.ts:3:51"]);
    } finally {
      await quick.dispose();
    }
  });

  it("leaves the host answering saves meanwhile, and a newer search replaces it at once", async () => {
    write("log.txt", `${runawayLine}\n`);
    // A limit far past the test's own: only replacing the runaway search can free the worker in time.
    const patient = new SearchThread({ entry: workerEntry, timeoutMs: 600_000 });
    const host = createTestHost("vial-search-runaway-", { search: patient });
    try {
      await host.workspace.open(root);
      let runawayAnswered = false;
      const runaway = host.dispatch("files.search", { query: runawayPattern, matchCase: false, wholeWord: false, regex: true }).finally(() => {
        runawayAnswered = true;
      });
      expect(await host.dispatch("files.write", { path: "notes.txt", content: "saved meanwhile" })).toMatchObject({ ok: true });
      expect(await host.dispatch("files.read", { path: "notes.txt" })).toMatchObject({ ok: true, result: { content: "saved meanwhile" } });
      expect(runawayAnswered).toBe(false);

      const newer = await host.dispatch("files.search", { query: "meanwhile", matchCase: false, wholeWord: false, regex: false });
      expect(newer).toMatchObject({ ok: true, result: { files: [{ path: "notes.txt" }], filesSearched: 6 } });
      expect(await runaway).toEqual({ ok: false, error: { code: "bad-request", message: "A newer search replaced this one." } });
    } finally {
      await host.dispose();
      await patient.dispose();
    }
  });
});

describe("files.search through dispatch", () => {
  it("answers a HostError envelope for a bad request, a bad regex and no open project", async () => {
    const host = createTestHost("vial-search-dispatch-", { search: thread });
    try {
      const query = { query: "(", matchCase: false, wholeWord: false, regex: true };
      expect(await host.dispatch("files.search", query)).toMatchObject({ ok: false, error: { code: "no-project" } });
      await host.workspace.open(root);
      expect(await host.dispatch("files.search", query)).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("Unterminated group") } });
      expect(await host.dispatch("files.search", { ...query, regex: "yes" })).toMatchObject({ ok: false, error: { code: "bad-request", message: "request.regex must be true or false." } });
      expect(await host.dispatch("files.search", { ...query, regex: false })).toMatchObject({ ok: true, result: { files: [{ path: "app.ts" }] } });
    } finally {
      await host.dispose();
    }
  });
});

describe("files.replace through dispatch", () => {
  const plain = { matchCase: false, wholeWord: false, regex: false };

  it("replaces every match as the search matches them, keeps line ends, and leaves texts without matches out", async () => {
    const host = createTestHost("vial-replace-", { search: thread });
    try {
      const texts = [
        { path: "a.html", content: "<title>Title</title>\r\nsubtitle\nTITLE" },
        { path: "b.txt", content: "nothing here" },
      ];
      expect(await host.dispatch("files.replace", { query: "title", ...plain, replacement: "x", texts })).toMatchObject({ ok: false, error: { code: "no-project" } });
      await host.workspace.open(root);
      expect(await host.dispatch("files.replace", { query: "title", ...plain, replacement: "$&!", texts })).toEqual({
        ok: true,
        result: { files: [{ path: "a.html", content: "<$&!>$&!</$&!>\r\nsub$&!\n$&!", replaced: 5 }] },
      });
      expect(await host.dispatch("files.replace", { query: "title", ...plain, wholeWord: true, matchCase: true, replacement: "name", texts })).toEqual({
        ok: true,
        result: { files: [{ path: "a.html", content: "<name>Title</name>\r\nsubtitle\nTITLE", replaced: 2 }] },
      });
    } finally {
      await host.dispose();
    }
  });

  it("expands groups of a regular expression against the whole line, and refuses a bad one or a bad request", async () => {
    const host = createTestHost("vial-replace-regex-", { search: thread });
    try {
      await host.workspace.open(root);
      const regex = { matchCase: true, wholeWord: false, regex: true };
      const texts = [{ path: "app.ts", content: 'url_for("home") url_for("about")\nx_for("home")' }];
      expect(await host.dispatch("files.replace", { query: '(?<=url_)for\\("(?<name>\\w+)"\\)', ...regex, replacement: 'for("$<name>", _external=True)', texts })).toEqual({
        ok: true,
        result: { files: [{ path: "app.ts", content: 'url_for("home", _external=True) url_for("about", _external=True)\nx_for("home")', replaced: 2 }] },
      });
      expect(await host.dispatch("files.replace", { query: "^x", ...regex, replacement: "$$y", texts })).toEqual({
        ok: true,
        result: { files: [{ path: "app.ts", content: 'url_for("home") url_for("about")\n$y_for("home")', replaced: 1 }] },
      });
      expect(await host.dispatch("files.replace", { query: "(", ...regex, replacement: "", texts })).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("Unterminated group") } });
      expect(await host.dispatch("files.replace", { query: "x", ...regex, replacement: 1, texts })).toMatchObject({
        ok: false,
        error: { code: "bad-request", message: expect.stringContaining("request.replacement") },
      });
    } finally {
      await host.dispose();
    }
  });

  it("is stopped at the time limit like a search, for a pattern that runs away", async () => {
    const quick = new SearchThread({ entry: workerEntry, timeoutMs: 300 });
    try {
      const failure = await quick.replace({ query: runawayPattern, matchCase: false, wholeWord: false, regex: true, replacement: "", texts: [{ path: "log.txt", content: runawayLine }] }).then(() => undefined, toHostError);
      expect(failure).toEqual({ code: "bad-request", message: "Replace All took longer than 0.3 s and was stopped: simplify the pattern or the files to include." });
    } finally {
      await quick.dispose();
    }
  });
});
