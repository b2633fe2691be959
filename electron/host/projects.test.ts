import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFromStarter, hostPath, listStarters } from "./projects.js";
import { studioPaths } from "./studio-paths.js";

const { startersDir } = studioPaths(import.meta.dirname);
let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "vial-projects-"));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("the starters the Studio ships", () => {
  it("are listed Blank, REST API, Website, each with a description", async () => {
    const starters = await listStarters(startersDir);
    expect(starters.slice(0, 3).map((starter) => [starter.id, starter.title])).toEqual([
      ["blank", "Blank"],
      ["rest-api", "REST API"],
      ["website", "Website"],
    ]);
    for (const starter of starters.slice(0, 3)) expect(starter.description, starter.id).not.toBe("");
  });

  it.each(["blank", "rest-api", "website"])("%s is copied whole into a new project named after it", async (starter) => {
    const dir = await createFromStarter(startersDir, starter, scratch, `My-${starter}`);
    expect(dir).toBe(join(scratch, `My-${starter}`));
    expect(existsSync(join(dir, "app.ts"))).toBe(true);
    expect(existsSync(join(dir, "templates"))).toBe(true);
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))).toMatchObject({ name: `my-${starter}`, type: "module" });
  });
});

describe("hostPath", () => {
  it("expands ~ and refuses relative paths", () => {
    expect(hostPath("~/projects")).toMatch(/projects$/);
    expect(hostPath(" /srv/site/ ")).toBe("/srv/site");
    expect(() => hostPath("projects/site")).toThrow(/not a full path/);
  });
});
