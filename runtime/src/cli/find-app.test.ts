import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { findAppModule } from "./find-app.js";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function folderWith(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vial-find-"));
  folders.push(dir);
  for (const file of files) {
    await mkdir(join(dir, file, ".."), { recursive: true });
    await writeFile(join(dir, file), "");
  }
  return dir;
}

describe("findAppModule", () => {
  it("prefers --app, then VIAL_APP, then app.ts, app.js, src/app.ts, src/app.js", async () => {
    const cwd = await folderWith(["app.js", "src/app.ts", "src/app.js", "server.ts", "main.ts"]);
    expect(findAppModule({ cwd, flag: "server.ts", env: { VIAL_APP: "main.ts" } })).toBe(join(cwd, "server.ts"));
    expect(findAppModule({ cwd, env: { VIAL_APP: "main.ts" } })).toBe(join(cwd, "main.ts"));
    expect(findAppModule({ cwd, env: { VIAL_APP: join(cwd, "main.ts") } })).toBe(join(cwd, "main.ts"));
    expect(findAppModule({ cwd, env: {} })).toBe(join(cwd, "app.js"));
    expect(findAppModule({ cwd: await folderWith(["src/app.js", "src/app.ts"]) })).toMatch(/src[/\\]app\.ts$/);
  });

  it("names the flag or variable that points at a missing file", async () => {
    const cwd = await folderWith(["app.ts"]);
    expect(() => findAppModule({ cwd, flag: "nope.ts" })).toThrow(/--app names nope\.ts, but .* does not exist/);
    expect(() => findAppModule({ cwd, env: { VIAL_APP: "gone.ts" } })).toThrow(/VIAL_APP names gone\.ts/);
    expect(() => findAppModule({ cwd, flag: "nope.ts" })).toThrow(CliError);
  });

  it("says where it looked and what to do when there is no app", async () => {
    const cwd = await folderWith(["index.ts"]);
    expect(() => findAppModule({ cwd, env: {} })).toThrow(/looked for app\.ts, app\.js, src\/app\.ts, src\/app\.js\. Run vial from the project folder, or pass --app FILE/);
  });
});
