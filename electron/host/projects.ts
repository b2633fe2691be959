/**
 * Projects: the starters a new one is made from, making one, finding the folder to open, and the
 * recent list (with the project that was open, to reopen after a restart or a crash).
 */
import { cp, mkdir, readdir, readFile, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, isAbsolute, join, parse, resolve } from "node:path";
import type { ProjectInfo, RecentProject, StarterInfo } from "../api/contract.js";
import { HostFailure } from "../api/errors.js";
import { isRecord } from "../api/validate.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";

const builtIn: Record<string, { title: string; description: string }> = {
  blank: { title: "Blank", description: "One route, with empty templates/ and static/ folders: the smallest Vial app." },
  "rest-api": { title: "REST API", description: "A blueprint with JSON CRUD on an in-memory list and JSON errors." },
  website: { title: "Website", description: "A base layout, pages, a form with flash messages and static CSS." },
};
const starterOrder = ["blank", "rest-api", "website"];

async function readPackageJson(dir: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function titleOf(id: string): string {
  return builtIn[id]?.title ?? id.replace(/[-_]+/g, " ").replace(/^\w/, (first) => first.toUpperCase());
}

/**
 * The starters in `startersDir`: every folder holding a package.json, Blank / REST API / Website first.
 * The description is the starter's package.json `description`, else a built-in one for the three
 * starters the Studio ships.
 *
 * @example
 * const starters = await listStarters("/opt/vial-studio/resources/starters");
 */
export async function listStarters(startersDir: string): Promise<StarterInfo[]> {
  const entries = await readdir(startersDir, { withFileTypes: true }).catch(() => []);
  const starters: StarterInfo[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const pkg = await readPackageJson(join(startersDir, entry.name));
    if (!pkg) continue;
    const description = typeof pkg.description === "string" ? pkg.description : (builtIn[entry.name]?.description ?? "");
    starters.push({ id: entry.name, title: titleOf(entry.name), description });
  }
  const rank = (id: string): number => (starterOrder.includes(id) ? starterOrder.indexOf(id) : starterOrder.length);
  return starters.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/**
 * An absolute folder path from what the user typed: `~` is the home folder, relative paths are refused.
 *
 * @example
 * hostPath("~/projects"); // "/home/me/projects"
 */
export function hostPath(typed: string): string {
  const trimmed = typed.trim();
  const expanded = trimmed === "~" || trimmed.startsWith("~/") ? join(homedir(), trimmed.slice(1)) : trimmed;
  if (!isAbsolute(expanded)) throw new HostFailure("bad-request", `"${typed}" is not a full path; give the whole folder path.`);
  return resolve(expanded);
}

/**
 * Checks that `dir` is an existing folder and returns the project at its real path.
 *
 * @example
 * const project = await findProject("/home/me/my-app"); // { dir: "/home/me/my-app", name: "my-app" }
 */
export async function findProject(dir: string): Promise<ProjectInfo> {
  const real = await realpath(hostPath(dir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new HostFailure("not-found", `There is no folder at ${dir}.`);
    throw error;
  });
  if (!(await stat(real)).isDirectory()) throw new HostFailure("not-a-directory", `${dir} is a file, not a folder.`);
  // Watching a whole disk or home folder would exhaust the system's file watchers.
  const home = await realpath(homedir()).catch(() => homedir());
  if (real === parse(real).root || real === home) {
    throw new HostFailure("bad-request", `${real} is a whole ${real === home ? "home folder" : "disk"}; open the project's own folder.`);
  }
  return { dir: real, name: basename(real) };
}

/**
 * Copies the starter `starter` from `startersDir` to `<parentDir>/<name>` (which must not exist or be
 * empty), names the package after the project, and returns the new folder.
 *
 * @example
 * const dir = await createFromStarter("/opt/vial-studio/resources/starters", "blank", "/home/me", "my-app");
 */
export async function createFromStarter(startersDir: string, starter: string, parentDir: string, name: string): Promise<string> {
  const source = join(startersDir, starter);
  if (!(await readPackageJson(source))) throw new HostFailure("not-found", `There is no starter "${starter}".`);
  const target = join(hostPath(parentDir), name);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    if (error.code === "ENOTDIR") throw new HostFailure("exists", `${target} already exists and is a file.`);
    throw error;
  });
  if (existing.length > 0) throw new HostFailure("exists", `${target} already exists and is not empty; choose another name.`);
  await mkdir(target, { recursive: true });
  await cp(source, target, {
    recursive: true,
    filter: (from) => basename(from) !== "node_modules",
  });
  const pkg = await readPackageJson(target);
  if (pkg) {
    const packageName = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "") || "app";
    await writeFileAtomic(join(target, "package.json"), `${JSON.stringify({ ...pkg, name: packageName }, null, 2)}\n`);
  }
  return target;
}

interface StoredProjects {
  recent: { dir: string; name: string; openedAt: number }[];
  openDir: string | null;
}

const maxRecent = 15;

function fromStored(stored: unknown): StoredProjects {
  if (!isRecord(stored)) return { recent: [], openDir: null };
  const recent = Array.isArray(stored.recent)
    ? stored.recent.filter(
        (item): item is StoredProjects["recent"][number] =>
          isRecord(item) && typeof item.dir === "string" && typeof item.name === "string" && typeof item.openedAt === "number",
      )
    : [];
  return { recent: recent.slice(0, maxRecent), openDir: typeof stored.openDir === "string" ? stored.openDir : null };
}

/**
 * Recent projects and the one currently open, in `<userDataDir>/projects.json`.
 *
 * @example
 * const recent = new RecentProjects("/home/me/.config/vial-studio");
 * await recent.opened({ dir: "/home/me/my-app", name: "my-app" });
 * await recent.lastOpen(); // "/home/me/my-app"
 */
export class RecentProjects {
  readonly file: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(userDataDir: string) {
    this.file = join(userDataDir, "projects.json");
  }

  async #load(): Promise<StoredProjects> {
    return fromStored(await readJsonFile(this.file));
  }

  #update(change: (stored: StoredProjects) => StoredProjects): Promise<void> {
    const next = this.#queue.then(async () => writeJsonFile(this.file, change(await this.#load())));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Newest first, each marked with whether its folder still exists. */
  async list(): Promise<RecentProject[]> {
    await this.#queue;
    const { recent } = await this.#load();
    return Promise.all(
      recent.map(async (item) => ({ ...item, exists: await stat(item.dir).then((s) => s.isDirectory(), () => false) })),
    );
  }

  /** The project open when the Studio last stopped (or crashed), if any. */
  async lastOpen(): Promise<string | null> {
    await this.#queue;
    return (await this.#load()).openDir;
  }

  opened(project: ProjectInfo): Promise<void> {
    return this.#update(({ recent }) => ({
      recent: [{ ...project, openedAt: Date.now() }, ...recent.filter((item) => item.dir !== project.dir)].slice(0, maxRecent),
      openDir: project.dir,
    }));
  }

  closed(): Promise<void> {
    return this.#update((stored) => ({ ...stored, openDir: null }));
  }

  /** Empties the recent list; the open project stays recorded. */
  clear(): Promise<void> {
    return this.#update((stored) => ({ recent: [], openDir: stored.openDir }));
  }

  forget(dir: string): Promise<void> {
    return this.#update((stored) => ({
      recent: stored.recent.filter((item) => item.dir !== dir),
      openDir: stored.openDir === dir ? null : stored.openDir,
    }));
  }
}
