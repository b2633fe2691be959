/**
 * Watches an open project for changes made outside the Studio (another editor, git, a build) and
 * reports them as `files.changed` events, batched, without the echo of the Studio's own writes.
 */
import chokidar from "chokidar";
import { relative, sep } from "node:path";
import type { StudioEvents } from "../api/contract.js";
import { isIgnoredName } from "./files.js";
import type { OwnChanges } from "./own-changes.js";
import { toProjectPath } from "./path-guard.js";

type ChangeKind = StudioEvents["files.changed"]["kind"];

const kindOf: Record<"add" | "addDir" | "change" | "unlink" | "unlinkDir", ChangeKind> = {
  add: "created",
  addDir: "created",
  change: "changed",
  unlink: "deleted",
  unlinkDir: "deleted",
};

/** A running watcher. */
export interface ProjectWatcher {
  /** Resolves once the initial scan is done; changes after that are reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts watching `root`. `onChange` receives one call per kind per batch (changes within `batchMs`
 * are grouped), with project-relative POSIX paths.
 *
 * @example
 * const watcher = watchProject("/home/me/my-app", files.own, (change) => events.emit("files.changed", change));
 * await watcher.ready;
 */
export function watchProject(
  root: string,
  own: OwnChanges,
  onChange: (change: StudioEvents["files.changed"]) => void,
  batchMs = 75,
): ProjectWatcher {
  const isIgnored = (path: string): boolean => relative(root, path).split(sep).some(isIgnoredName);
  const watcher = chokidar.watch(root, {
    ignored: isIgnored,
    ignoreInitial: true,
    followSymlinks: false,
    alwaysStat: true,
    disableGlobbing: true,
  });
  const pending = new Map<ChangeKind, Set<string>>();
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    timer = undefined;
    for (const [kind, paths] of pending) onChange({ kind, paths: [...paths].sort() });
    pending.clear();
  };

  let closed = false;
  const report = async (event: keyof typeof kindOf, path: string, mtimeMs: number | undefined): Promise<void> => {
    const removal = event === "unlink" || event === "unlinkDir";
    // The event can arrive before the Studio's own write has noted its result: wait for it.
    if (!removal) await own.settled(path);
    const ownEcho = removal ? own.isOwnRemoval(path) : own.isEcho(path, mtimeMs);
    const projectPath = toProjectPath(root, path);
    if (closed || ownEcho || projectPath === undefined || projectPath === "") return;
    const kind = kindOf[event];
    const paths = pending.get(kind) ?? new Set<string>();
    paths.add(projectPath);
    pending.set(kind, paths);
    timer ??= setTimeout(flush, batchMs);
  };
  watcher.on("all", (event, path, stats) => void report(event, path, stats?.mtimeMs));
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  // A folder that cannot be watched (permissions, inotify limits) must not take the Studio down.
  watcher.on("error", () => undefined);

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      pending.clear();
      await watcher.close();
    },
  };
}
