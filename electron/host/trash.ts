/**
 * The Studio's trash in the user-data folder: what the explorer deletes goes here first, one folder
 * per deletion, so a mistaken delete can be recovered by hand. Old deletions are emptied at start.
 */
import { randomBytes } from "node:crypto";
import { cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";

/** How long deleted files are kept: 30 days. */
export const trashKeepMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Moves a file or folder to `<trashDir>/<time>-<id>/<name>` and returns where it went.
 *
 * @example
 * const trashedTo = await moveToTrash("/home/me/my-app/old.html", "/home/me/.config/vial-studio/trash");
 */
export async function moveToTrash(absolute: string, trashDir: string): Promise<string> {
  const bin = join(trashDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`);
  await mkdir(bin, { recursive: true });
  const trashedTo = join(bin, basename(absolute));
  try {
    await rename(absolute, trashedTo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") {
      await rm(bin, { recursive: true, force: true });
      throw error;
    }
    // The trash is on another disk: copy, then remove.
    await cp(absolute, trashedTo, { recursive: true, verbatimSymlinks: true });
    await rm(absolute, { recursive: true, force: true });
  }
  return trashedTo;
}

/**
 * Removes deletions older than `keepMs` from the trash; returns how many went. A missing trash is empty.
 *
 * @example
 * await emptyOldTrash("/home/me/.config/vial-studio/trash");
 */
export async function emptyOldTrash(trashDir: string, keepMs = trashKeepMs, now = Date.now()): Promise<number> {
  const bins = await readdir(trashDir).catch(() => [] as string[]);
  let removed = 0;
  for (const bin of bins) {
    const path = join(trashDir, bin);
    const { mtimeMs } = await stat(path);
    if (now - mtimeMs <= keepMs) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
