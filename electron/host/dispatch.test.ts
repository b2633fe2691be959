import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventMessage, InvokeResponse } from "../api/contract.js";
import { methodNames } from "../api/validate.js";
import type { Dispatch } from "./dispatch.js";
import type { HostEvents } from "./events.js";
import { createTestHost, type TestHost } from "./test-support/test-host.js";
import { Workspace } from "./workspace.js";

let host: TestHost;
let scratch: string;
let starters: string;
let projects: string;
let events: HostEvents;
let workspace: Workspace;
let dispatch: Dispatch;
let seen: EventMessage[];
let opened: string[];

function makeStarter(id: string, description: string): void {
  mkdirSync(join(starters, id, "templates"), { recursive: true });
  writeFileSync(join(starters, id, "package.json"), JSON.stringify({ name: `starter-${id}`, description, type: "module" }));
  writeFileSync(join(starters, id, "app.ts"), `export const app = "${id}";\n`);
  writeFileSync(join(starters, id, "templates", "index.html"), "<h1>{{ title }}</h1>");
}

beforeEach(() => {
  opened = [];
  host = createTestHost("vial-dispatch-", { version: "9.9.9", shell: { openExternal: async (url) => void opened.push(url) } });
  ({ scratch, events, workspace, dispatch } = host);
  starters = join(scratch, "starters");
  projects = join(scratch, "projects");
  makeStarter("website", "Pages, a form and flash messages.");
  makeStarter("blank", "One route.");
  makeStarter("rest-api", "CRUD on a list.");
  mkdirSync(join(starters, "not-a-starter"), { recursive: true });
  seen = [];
  events.subscribe((message) => seen.push(message));
});

afterEach(() => host.dispose());

describe("dispatch", () => {
  it("rejects unknown methods and malformed requests with a HostError, never a throw", async () => {
    expect(await dispatch("files.nuke", {})).toMatchObject({ ok: false, error: { code: "unknown-method", message: 'There is no method "files.nuke".' } });
    expect(await dispatch("toString", {})).toMatchObject({ ok: false, error: { code: "unknown-method" } });
    expect(await dispatch("files.read", { path: 42 })).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("request.path") } });
    expect(await dispatch("files.read", "app.ts")).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("files.read", { path: "a", extra: 1 })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("shell.openExternal", { url: "file:///etc/passwd" })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("shell.openExternal", { url: "javascript:alert(1)" })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(opened).toEqual([]);
    const bounds = { x: 0, y: 0, width: 100, height: 100 };
    expect(await dispatch("preview.show", { url: "https://evil.example/", bounds })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("preview.show", { url: "http://127.0.0.1:5000/", bounds: { ...bounds, width: -1 } })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("preview.show", { url: "http://127.0.0.1:5000/", bounds })).toEqual({ ok: true, result: {} });
  });

  it("needs an open project for file and buffer methods", async () => {
    expect(await dispatch("files.tree", {})).toMatchObject({ ok: false, error: { code: "no-project" } });
    expect(await dispatch("buffers.list", {})).toMatchObject({ ok: false, error: { code: "no-project" } });
  });

  it("lists starters, Blank / REST API / Website first, skipping folders without package.json", async () => {
    expect(await dispatch("projects.starters", {})).toEqual({
      ok: true,
      result: {
        starters: [
          { id: "blank", title: "Blank", description: "One route." },
          { id: "rest-api", title: "REST API", description: "CRUD on a list." },
          { id: "website", title: "Website", description: "Pages, a form and flash messages." },
        ],
      },
    });
  });

  it("creates a project from a starter, opens it, and serves its files", async () => {
    const created = await dispatch("projects.create", { starter: "website", name: "My_Site", parentDir: projects });
    expect(created).toEqual({ ok: true, result: { dir: join(projects, "My_Site"), name: "My_Site" } });
    expect(JSON.parse(readFileSync(join(projects, "My_Site", "package.json"), "utf8"))).toMatchObject({ name: "my_site", type: "module" });
    expect(seen).toContainEqual({ event: "project.changed", payload: { project: { dir: join(projects, "My_Site"), name: "My_Site" } } });

    const tree = await dispatch("files.tree", {});
    expect(tree.ok && tree.result).toMatchObject({ root: { children: [{ path: "templates" }, { path: "app.ts" }, { path: "package.json" }] } });
    const read = await dispatch("files.read", { path: "app.ts" });
    expect(read).toMatchObject({ ok: true, result: { content: 'export const app = "website";\n' } });

    expect(await dispatch("projects.create", { starter: "blank", name: "My_Site", parentDir: projects })).toMatchObject({ ok: false, error: { code: "exists" } });
    expect(await dispatch("projects.create", { starter: "nope", name: "x", parentDir: projects })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await dispatch("projects.create", { starter: "blank", name: "../escape", parentDir: projects })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(await dispatch("projects.create", { starter: "blank", name: "x", parentDir: "relative/dir" })).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(existsSync(join(scratch, "escape"))).toBe(false);
  });

  it("creates in the default projects folder when none is given", async () => {
    expect(await dispatch("projects.create", { starter: "blank", name: "quick" })).toMatchObject({ ok: true, result: { dir: join(projects, "quick") } });
  });

  it("opens, closes and remembers recent projects, newest first", async () => {
    const a = join(scratch, "a");
    const b = join(scratch, "b");
    mkdirSync(a);
    mkdirSync(b);
    await dispatch("projects.open", { dir: a });
    await dispatch("projects.open", { dir: b });
    await dispatch("projects.open", { dir: a });
    expect(await dispatch("projects.current", {})).toEqual({ ok: true, result: { project: { dir: a, name: "a" } } });
    const recent = (await dispatch("projects.recent", {})) as InvokeResponse<"projects.recent">;
    expect(recent.ok && recent.result.projects.map((project) => [project.name, project.exists])).toEqual([["a", true], ["b", true]]);

    rmSync(b, { recursive: true });
    const after = (await dispatch("projects.recent", {})) as InvokeResponse<"projects.recent">;
    expect(after.ok && after.result.projects.map((project) => project.exists)).toEqual([true, false]);
    await dispatch("projects.forget", { dir: b });
    const forgotten = (await dispatch("projects.recent", {})) as InvokeResponse<"projects.recent">;
    expect(forgotten.ok && forgotten.result.projects.map((project) => project.name)).toEqual(["a"]);

    await dispatch("projects.close", {});
    expect(await dispatch("projects.current", {})).toEqual({ ok: true, result: { project: null } });
    expect(seen.at(-1)).toEqual({ event: "project.changed", payload: { project: null } });
    expect(await dispatch("projects.open", { dir: join(scratch, "missing") })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await dispatch("projects.open", { dir: "/" })).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("whole disk") } });
    expect(await dispatch("projects.open", { dir: "~" })).toMatchObject({ ok: false, error: { code: "bad-request", message: expect.stringContaining("home folder") } });
  });

  it("reopens the project that was open when the Studio stopped, but not one that was closed", async () => {
    const dir = join(scratch, "kept");
    mkdirSync(dir);
    await dispatch("projects.open", { dir });
    await workspace.dispose();

    const next = new Workspace({ userDataDir: join(scratch, "user-data"), events });
    expect(await next.restore()).toEqual({ dir, name: "kept" });
    await next.close();
    const third = new Workspace({ userDataDir: join(scratch, "user-data"), events });
    expect(await third.restore()).toBeNull();
  });

  it("saves, lists and discards hot-exit buffers of the open project, refusing paths outside it", async () => {
    const dir = join(scratch, "buffers-project");
    mkdirSync(dir);
    await dispatch("projects.open", { dir });
    expect(await dispatch("buffers.save", { path: "app.ts", content: "unsaved", baseMtimeMs: null })).toMatchObject({ ok: true });
    expect(await dispatch("buffers.save", { path: "../x", content: "x", baseMtimeMs: null })).toMatchObject({ ok: false, error: { code: "outside-project" } });
    expect(await dispatch("buffers.list", {})).toMatchObject({ ok: true, result: { buffers: [{ path: "app.ts", content: "unsaved", baseMtimeMs: null }] } });
    await dispatch("buffers.discard", { path: "app.ts" });
    expect(await dispatch("buffers.list", {})).toEqual({ ok: true, result: { buffers: [] } });
  });

  it("answers studio.info and passes http(s) URLs to the shell", async () => {
    expect(await dispatch("studio.info", {})).toEqual({
      ok: true,
      result: { version: "9.9.9", platform: process.platform, mode: "web", defaultProjectsDir: projects },
    });
    expect(await dispatch("shell.openExternal", { url: "https://flask.palletsprojects.com/" })).toEqual({ ok: true, result: {} });
    expect(opened).toEqual(["https://flask.palletsprojects.com/"]);
  });
});

/** The method names declared in contract.ts's StudioMethods, read from the source with the TypeScript parser. */
function contractMethodNames(): string[] {
  const file = join(import.meta.dirname, "..", "api", "contract.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names: string[] = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "StudioMethods") {
      for (const member of node.members) if (member.name && ts.isStringLiteral(member.name)) names.push(member.name.text);
    }
  });
  return names;
}

describe("the API surface", () => {
  it("is the same list of methods in the contract, the validator and the dispatch table", () => {
    const contract = contractMethodNames().sort();
    expect(contract.length).toBeGreaterThan(20);
    expect([...methodNames].sort()).toEqual(contract);
    expect(Object.keys(host.handlers).sort()).toEqual(contract);
  });
});
