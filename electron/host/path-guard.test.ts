import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveInProject, toProjectPath } from "./path-guard.js";

let scratch: string;
let project: string;
let outside: string;

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "vial-guard-")));
  project = join(scratch, "project");
  outside = join(scratch, "outside");
  mkdirSync(join(project, "templates"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(project, "app.ts"), "app");
  writeFileSync(join(outside, "secret.txt"), "secret");
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const refusal = { code: "outside-project" };

describe("resolveInProject", () => {
  it("resolves project-relative paths, existing or not", async () => {
    expect(await resolveInProject(project, "app.ts")).toBe(join(project, "app.ts"));
    expect(await resolveInProject(project, "templates/new/page.html")).toBe(join(project, "templates/new/page.html"));
    expect(await resolveInProject(project, "./templates//x.html")).toBe(join(project, "templates/x.html"));
    expect(await resolveInProject(project, "")).toBe(project);
  });

  it("refuses .. segments, even ones that would come back inside", async () => {
    await expect(resolveInProject(project, "../outside/secret.txt")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "templates/../../outside")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "templates/../app.ts")).rejects.toMatchObject(refusal);
  });

  it("refuses absolute paths, drive letters and backslashes", async () => {
    await expect(resolveInProject(project, join(outside, "secret.txt"))).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "/etc/passwd")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "C:/Windows/win.ini")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "..\\outside\\secret.txt")).rejects.toMatchObject(refusal);
  });

  it("refuses NUL bytes", async () => {
    await expect(resolveInProject(project, "app.ts\0.png")).rejects.toMatchObject(refusal);
  });

  it("takes percent-encoded text literally, so it cannot climb out", async () => {
    const resolved = await resolveInProject(project, "%2e%2e/%2e%2e/outside/secret.txt");
    expect(resolved).toBe(join(project, "%2e%2e/%2e%2e/outside/secret.txt"));
    expect(resolved.startsWith(project)).toBe(true);
  });

  it("refuses symlinks that lead out of the project, and paths through them", async () => {
    symlinkSync(outside, join(project, "escape"));
    symlinkSync(join(outside, "secret.txt"), join(project, "secret-link.txt"));
    await expect(resolveInProject(project, "escape")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "escape/secret.txt")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "escape/new-file.txt")).rejects.toMatchObject(refusal);
    await expect(resolveInProject(project, "secret-link.txt")).rejects.toMatchObject(refusal);
  });

  it("refuses a dangling symlink, which a write would follow anywhere", async () => {
    symlinkSync(join(outside, "not-yet.txt"), join(project, "dangling.txt"));
    await expect(resolveInProject(project, "dangling.txt")).rejects.toMatchObject(refusal);
  });

  it("accepts symlinks that stay inside, returning the link itself", async () => {
    symlinkSync(join(project, "templates"), join(project, "views"));
    expect(await resolveInProject(project, "views")).toBe(join(project, "views"));
    expect(await resolveInProject(project, "views/base.html")).toBe(join(project, "views/base.html"));
  });

  it("works when the project folder itself is reached through a symlink", async () => {
    symlinkSync(project, join(scratch, "project-link"));
    expect(await resolveInProject(join(scratch, "project-link"), "app.ts")).toBe(join(project, "app.ts"));
  });
});

describe("toProjectPath", () => {
  it("gives POSIX paths inside, undefined outside", () => {
    expect(toProjectPath(project, join(project, "templates", "base.html"))).toBe("templates/base.html");
    expect(toProjectPath(project, join(outside, "secret.txt"))).toBeUndefined();
  });
});
