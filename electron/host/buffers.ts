/**
 * Hot exit: the unsaved content of each editor, kept in the user-data folder as the user types (the
 * renderer debounces), so a crash or `kill -9` of the Studio loses nothing. One small JSON file per
 * buffer, written atomically, grouped by project.
 */
import { createHash } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SavedBuffer } from "../api/contract.js";
import { isRecord } from "../api/validate.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";

interface StoredBuffer extends SavedBuffer {
  projectDir: string;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

function isStoredBuffer(value: unknown): value is StoredBuffer {
  return (
    isRecord(value) &&
    typeof value.projectDir === "string" &&
    typeof value.path === "string" &&
    typeof value.content === "string" &&
    (value.baseMtimeMs === null || typeof value.baseMtimeMs === "number") &&
    typeof value.savedAt === "number"
  );
}

/**
 * Unsaved buffers under `<userDataDir>/buffers/<project hash>/<path hash>.json`.
 *
 * @example
 * const buffers = new BufferStore("/home/me/.config/vial-studio");
 * await buffers.save("/home/me/my-app", { path: "app.ts", content: "draft", baseMtimeMs: null });
 * (await buffers.list("/home/me/my-app")).map((buffer) => buffer.path); // ["app.ts"]
 */
export class BufferStore {
  readonly dir: string;
  // Saves of one buffer run in order, so a slow earlier save never overwrites a later one.
  readonly #pending = new Map<string, Promise<unknown>>();

  constructor(userDataDir: string) {
    this.dir = join(userDataDir, "buffers");
  }

  #file(projectDir: string, path: string): string {
    return join(this.dir, hash(projectDir), `${hash(path)}.json`);
  }

  #inOrder<T>(file: string, run: () => Promise<T>): Promise<T> {
    const next = (this.#pending.get(file) ?? Promise.resolve()).then(run);
    const settled = next.catch(() => undefined);
    this.#pending.set(file, settled);
    void settled.then(() => {
      if (this.#pending.get(file) === settled) this.#pending.delete(file);
    });
    return next;
  }

  async save(projectDir: string, buffer: Omit<SavedBuffer, "savedAt">): Promise<{ savedAt: number }> {
    const file = this.#file(projectDir, buffer.path);
    const stored: StoredBuffer = { projectDir, ...buffer, savedAt: Date.now() };
    await this.#inOrder(file, () => writeJsonFile(file, stored));
    return { savedAt: stored.savedAt };
  }

  async list(projectDir: string): Promise<SavedBuffer[]> {
    const dir = join(this.dir, hash(projectDir));
    const names = await readdir(dir).catch(() => [] as string[]);
    const buffers: SavedBuffer[] = [];
    for (const name of names.filter((entry) => entry.endsWith(".json"))) {
      const stored = await readJsonFile(join(dir, name));
      if (!isStoredBuffer(stored) || stored.projectDir !== projectDir) continue;
      buffers.push({ path: stored.path, content: stored.content, baseMtimeMs: stored.baseMtimeMs, savedAt: stored.savedAt });
    }
    return buffers.sort((a, b) => a.path.localeCompare(b.path));
  }

  async discard(projectDir: string, path: string): Promise<void> {
    const file = this.#file(projectDir, path);
    await this.#inOrder(file, () => rm(file, { force: true }));
  }
}
