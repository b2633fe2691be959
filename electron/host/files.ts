/**
 * File operations inside one open project. Every path goes through the path guard; writes are
 * atomic; deletes go to the Studio's trash; every change the Studio makes itself is noted so the
 * watcher does not echo it back as an outside change.
 */
import { lstat, mkdir, open, readFile, readdir, rename, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { FileContent, FileNode, FileStat } from "../api/contract.js";
import { HostFailure } from "../api/errors.js";
import { isAtomicTemp, writeFileAtomic } from "./atomic-write.js";
import { OwnChanges } from "./own-changes.js";
import { resolveInProject } from "./path-guard.js";
import { moveToTrash } from "./trash.js";

/** Folders the tree and the watcher leave out: dependencies, VCS data, Studio data, build output. */
const ignoredNames = new Set(["node_modules", ".git", ".vial", "build", "dist"]);

/**
 * True for a file or folder name the explorer does not show.
 *
 * @example
 * isIgnoredName("node_modules"); // true
 */
export function isIgnoredName(name: string): boolean {
  return ignoredNames.has(name) || isAtomicTemp(name);
}

/**
 * True for bytes the Studio does not treat as text: a NUL byte in the first 8,000 (Git's test).
 *
 * @example
 * isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00])); // true
 */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** The largest file `read` returns as text. */
export const maxReadBytes = 10 * 1024 * 1024;
const maxTreeEntries = 20_000;

function toStat(path: string, stats: { isDirectory(): boolean; size: number; mtimeMs: number }): FileStat {
  return { path, kind: stats.isDirectory() ? "dir" : "file", size: stats.size, mtimeMs: stats.mtimeMs };
}

function joinPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}/${name}`;
}

function normalise(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

/**
 * The files of one project folder.
 *
 * @example
 * const files = new ProjectFiles("/home/me/my-app", { trashDir: "/home/me/.config/vial-studio/trash" });
 * const { content, mtimeMs } = await files.read("app.ts");
 * await files.write("app.ts", content + "\n", mtimeMs);
 */
export class ProjectFiles {
  readonly root: string;
  readonly own = new OwnChanges();
  readonly #trashDir: string;

  constructor(root: string, options: { trashDir: string }) {
    this.root = root;
    this.#trashDir = options.trashDir;
  }

  #resolve(path: string): Promise<string> {
    return resolveInProject(this.root, path);
  }

  async #resolveEntry(path: string, action: string): Promise<string> {
    if (normalise(path) === "") throw new HostFailure("bad-request", `Cannot ${action} the project folder itself.`);
    return this.#resolve(path);
  }

  async tree(): Promise<{ root: FileNode; truncated: boolean }> {
    let budget = maxTreeEntries;
    const walk = async (absolute: string, path: string): Promise<FileNode[]> => {
      const entries = await readdir(absolute, { withFileTypes: true }).catch(() => []);
      const nodes: FileNode[] = [];
      for (const entry of entries) {
        if (isIgnoredName(entry.name)) continue;
        if (budget-- <= 0) break;
        const childPath = joinPath(path, entry.name);
        const childAbsolute = join(absolute, entry.name);
        // Symlinked folders are listed but not entered: a link cycle must not hang the tree.
        const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(childAbsolute).then((s) => s.isDirectory(), () => false)));
        nodes.push(
          isDir
            ? { name: entry.name, path: childPath, kind: "dir", children: entry.isDirectory() ? await walk(childAbsolute, childPath) : [] }
            : { name: entry.name, path: childPath, kind: "file" },
        );
      }
      return nodes.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "dir" ? -1 : 1));
    };
    const children = await walk(await this.#resolve(""), "");
    return { root: { name: basename(this.root), path: "", kind: "dir", children }, truncated: budget < 0 };
  }

  async read(path: string): Promise<FileContent> {
    const absolute = await this.#resolve(path);
    const stats = await stat(absolute);
    if (stats.isDirectory()) throw new HostFailure("is-a-directory", `${path} is a folder, not a file.`);
    if (stats.size > maxReadBytes) {
      throw new HostFailure("too-large", `${path} is ${stats.size} bytes; the editor opens files up to ${maxReadBytes} bytes.`, {
        size: stats.size,
        limit: maxReadBytes,
      });
    }
    const bytes = await readFile(absolute);
    const binary = isBinary(bytes);
    return { ...toStat(normalise(path), stats), content: binary ? "" : bytes.toString("utf8"), binary };
  }

  async write(path: string, content: string, expectedMtimeMs?: number): Promise<FileStat> {
    const absolute = await this.#resolveEntry(path, "write");
    if (expectedMtimeMs !== undefined) {
      const current = await stat(absolute).catch(() => undefined);
      if (current?.mtimeMs !== expectedMtimeMs) {
        const mtimeMs = current?.mtimeMs ?? null;
        throw new HostFailure(
          "conflict",
          current ? `${path} changed on disk since it was opened.` : `${path} was deleted on disk since it was opened.`,
          { path: normalise(path), mtimeMs },
        );
      }
      if (current.isDirectory()) throw new HostFailure("is-a-directory", `${path} is a folder, not a file.`);
    }
    await mkdir(dirname(absolute), { recursive: true });
    const stats = await this.own.writing(absolute, async () => {
      await writeFileAtomic(absolute, content);
      const written = await stat(absolute);
      this.own.noteWritten(absolute, written.mtimeMs);
      return written;
    });
    return toStat(normalise(path), stats);
  }

  async create(path: string, kind: "file" | "dir"): Promise<FileStat> {
    const absolute = await this.#resolveEntry(path, "create");
    await mkdir(dirname(absolute), { recursive: true });
    const stats = await this.own.writing(absolute, async () => {
      if (kind === "dir") await mkdir(absolute);
      else await (await open(absolute, "wx")).close();
      const created = await stat(absolute);
      this.own.noteWritten(absolute, created.mtimeMs);
      return created;
    });
    return toStat(normalise(path), stats);
  }

  async rename(from: string, to: string): Promise<FileStat> {
    const source = await this.#resolveEntry(from, "rename");
    const target = await this.#resolveEntry(to, "rename to");
    if (target.startsWith(`${source}/`) || target.startsWith(`${source}\\`)) {
      throw new HostFailure("bad-request", `Cannot move ${from} into itself.`);
    }
    await lstat(source);
    if (await lstat(target).then(() => true, () => false)) {
      throw new HostFailure("exists", `${to} already exists.`);
    }
    await mkdir(dirname(target), { recursive: true });
    this.own.noteRemoved(source);
    const stats = await this.own.writing(target, async () => {
      await rename(source, target);
      const moved = await stat(target);
      this.own.noteWritten(target, moved.mtimeMs);
      return moved;
    });
    return toStat(normalise(to), stats);
  }

  /** Moves `path` to `<trashDir>/<time>-<id>/<name>` and returns where it went. */
  async delete(path: string): Promise<{ trashedTo: string }> {
    const absolute = await this.#resolveEntry(path, "delete");
    await lstat(absolute);
    this.own.noteRemoved(absolute);
    return { trashedTo: await moveToTrash(absolute, this.#trashDir) };
  }


  async stat(path: string): Promise<{ stat: FileStat | null }> {
    const absolute = await this.#resolve(path);
    const stats = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    return { stat: stats ? toStat(normalise(path), stats) : null };
  }
}
