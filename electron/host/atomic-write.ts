/**
 * Crash-safe file replacement: a reader, or the next start after a crash, sees the old content or the
 * new one, never half of it.
 */
import { randomBytes } from "node:crypto";
import { chmod, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; Windows cannot open a directory for this, and does not need to.
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` to `path` atomically: into a temp file in the same folder, fsync, then rename over
 * the target (keeping the target's permission bits when it exists). The parent folder must exist.
 *
 * @example
 * await writeFileAtomic("/home/me/my-app/app.ts", "export const app = new Vial();\n");
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  // Shortened so a legal long file name still leaves room for the temp file's own name.
  const temp = join(dir, `.${basename(path).slice(0, 100)}.${randomBytes(6).toString("hex")}.vial-tmp`);
  const mode = await stat(path).then(
    (existing) => existing.mode & 0o7777,
    () => undefined,
  );
  const handle = await open(temp, "wx", mode ?? 0o666);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir).catch(() => undefined);
}

/**
 * True for the temp files {@link writeFileAtomic} leaves behind only when killed mid-write; the tree
 * and the watcher hide them.
 *
 * @example
 * isAtomicTemp(".app.ts.3f9a1c2b7d4e.vial-tmp"); // true
 */
export function isAtomicTemp(name: string): boolean {
  return name.endsWith(".vial-tmp");
}
