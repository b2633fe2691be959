/**
 * JSON files the Studio keeps in its user-data folder: read with recovery from corruption, written
 * atomically.
 */
import { mkdir, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";

/**
 * Reads and parses a JSON file. A missing file gives `undefined`; a file that does not parse is moved
 * aside to `<path>.corrupt-<time>` (kept for the user, never silently lost) and also gives `undefined`.
 *
 * @example
 * const saved = await readJsonFile("/home/me/.config/vial-studio/settings.json");
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    await rename(path, `${path}.corrupt-${Date.now()}`).catch(() => undefined);
    return undefined;
  }
}

/**
 * Writes `value` as pretty JSON, atomically, creating the parent folder.
 *
 * @example
 * await writeJsonFile("/home/me/.config/vial-studio/settings.json", { theme: "dark" });
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
