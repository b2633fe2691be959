import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultUserDataDir, findStudioRoot, studioPaths } from "./studio-paths.js";

const repoRoot = join(import.meta.dirname, "..", "..");

describe("studioPaths", () => {
  it("finds the Studio's folder by walking up, and its renderer and starters", () => {
    expect(findStudioRoot(join(repoRoot, "dist", "web"))).toBe(repoRoot);
    expect(studioPaths(import.meta.dirname, {})).toMatchObject({
      root: repoRoot,
      rendererDir: join(repoRoot, "dist/renderer"),
      startersDir: join(repoRoot, "resources/starters"),
    });
  });

  it("takes the renderer and resources from the environment in a packaged app", () => {
    expect(studioPaths(import.meta.dirname, { VIAL_STUDIO_RENDERER: "/opt/r", VIAL_STUDIO_RESOURCES: "/opt/res" })).toMatchObject({
      rendererDir: "/opt/r",
      startersDir: "/opt/res/starters",
    });
  });

  it("fails with a clear message outside the Studio", () => {
    expect(() => findStudioRoot("/")).toThrow("Cannot find the Vial Studio folder above /.");
  });
});

describe("defaultUserDataDir", () => {
  it("follows each system's convention", () => {
    expect(defaultUserDataDir("linux", {})).toBe(join(homedir(), ".config", "vial-studio"));
    expect(defaultUserDataDir("linux", { XDG_CONFIG_HOME: "/xdg" })).toBe("/xdg/vial-studio");
    expect(defaultUserDataDir("darwin", {})).toBe(join(homedir(), "Library", "Application Support", "vial-studio"));
    expect(defaultUserDataDir("win32", { APPDATA: "C:\\Users\\me\\AppData\\Roaming" })).toBe(join("C:\\Users\\me\\AppData\\Roaming", "vial-studio"));
  });
});
