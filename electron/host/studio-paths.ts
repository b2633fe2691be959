/**
 * Where the Studio finds its own files (the built renderer, the starters) and keeps the user's.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/**
 * The Studio's repository (or unpacked app) folder: the nearest folder above `from` whose
 * package.json is named "vial-studio".
 *
 * @example
 * findStudioRoot(import.meta.dirname); // "/work/main" for /work/main/dist/web
 */
export function findStudioRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "vial-studio") return dir;
      } catch {
        // An unreadable package.json is not ours; keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the Vial Studio folder above ${from}.`);
  }
}

/** Paths the Studio reads from. */
export interface StudioPaths {
  root: string;
  version: string;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  startersDir: string;
  /** The templates File → Export… writes from (resources/export). */
  exportTemplatesDir: string;
}

/**
 * The Studio's own folders, found from `from`; `VIAL_STUDIO_RENDERER` and `VIAL_STUDIO_RESOURCES`
 * override them for packaged builds.
 *
 * @example
 * const { rendererDir, startersDir } = studioPaths(import.meta.dirname);
 */
export function studioPaths(from: string, env: NodeJS.ProcessEnv = process.env): StudioPaths {
  const root = findStudioRoot(from);
  const resources = env.VIAL_STUDIO_RESOURCES ?? join(root, "resources");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  return {
    root,
    version: version ?? "0.0.0",
    rendererDir: env.VIAL_STUDIO_RENDERER ?? join(root, "dist/renderer"),
    startersDir: join(resources, "starters"),
    exportTemplatesDir: join(resources, "export"),
  };
}

/**
 * The OS-appropriate user-data folder for the browser-mode Studio (Electron uses `app.getPath("userData")`):
 * `%APPDATA%\vial-studio`, `~/Library/Application Support/vial-studio`, or `$XDG_CONFIG_HOME/vial-studio`.
 *
 * @example
 * defaultUserDataDir(); // "/home/me/.config/vial-studio" on Linux
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "vial-studio");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "vial-studio");
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "vial-studio");
}

/**
 * Where new projects go by default: `~/VialProjects`.
 *
 * @example
 * defaultProjectsDir(); // "/home/me/VialProjects"
 */
export function defaultProjectsDir(): string {
  return join(homedir(), "VialProjects");
}
