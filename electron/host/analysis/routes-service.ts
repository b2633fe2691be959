/**
 * The route designer's host side: indexes the open project's TypeScript, plans route edits against
 * the text the editor holds, creates the template a new route renders, sends requests to the running
 * app from Node (so the Studio page never talks to the app's origin), and keeps saved requests in the
 * project's `.vial/requests.json`.
 */
import { mkdir, readFile, readdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { HostFailure } from "../../api/errors.js";
import { writeFileAtomic } from "../atomic-write.js";
import { isIgnoredName } from "../files.js";
import { resolveInProject } from "../path-guard.js";
import type * as RouteEdits from "./route-edits.js";
import type * as RouteIndexing from "./route-index.js";
import { ruleError } from "./rule-syntax.js";
import type { AppRequest, AppResponse, NewRoute, RouteChange, RouteIndex, RoutePlan, RouteRef, RouteSource, SavedRequest, TextEdit, UrlRule } from "./types.js";

const sourceFile = /\.(ts|mts|cts|tsx)$/;
const maxSourceFiles = 2000;
const maxSourceBytes = 1024 * 1024;
const maxBodyBytes = 1024 * 1024;
const requestsFile = ".vial/requests.json";

/** Reading and planning edits of the user's TypeScript: what needs the TypeScript compiler. */
type Analysis = typeof RouteEdits & typeof RouteIndexing;
let analysis: Promise<Analysis> | undefined;

/**
 * Loads the analysis on first use, once a project is open: it brings in the TypeScript compiler, 9 MB
 * of JavaScript the Studio would otherwise load before it shows its first window.
 */
function loadAnalysis(): Promise<Analysis> {
  analysis ??= Promise.all([import("./route-edits.js"), import("./route-index.js")]).then(([edits, index]) => ({ ...edits, ...index }));
  return analysis;
}

/** What the service needs from the rest of the host. */
export interface RoutesDependencies {
  /** The open project's folder; throws `no-project` when none is open. */
  projectDir(): string;
  /** The running app's url map; null when it does not run. */
  urlMap(): UrlRule[] | null;
  /** `http://127.0.0.1:<port>` while the app runs. */
  appUrl(): string | null;
}

/** The project's TypeScript files (project-relative POSIX paths), skipping dependencies and build output. */
async function listSources(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= maxSourceFiles || isIgnoredName(entry.name) || entry.name.startsWith(".")) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), path);
      else if (entry.isFile() && sourceFile.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
    }
  };
  await walk(root, "");
  return found;
}

function checkEndpoint(endpoint: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(endpoint)) {
    throw new HostFailure("bad-request", `"${endpoint}" cannot be an endpoint: use letters, digits, "_" or "-" (no dots: they separate blueprint names).`);
  }
}

function checkRule(rule: string): void {
  const error = ruleError(rule);
  if (error) throw new HostFailure("bad-request", error);
}

function checkMethods(methods: readonly string[]): void {
  if (methods.length === 0) throw new HostFailure("bad-request", "Pick at least one method.");
}

/** A page for a new template: it extends the project's base.html when that has a content block. */
function templateText(name: string, base: string | undefined): string {
  const title = name.replace(/\.[^.]+$/, "").split("/").pop() ?? name;
  if (base?.includes("{% block content %}")) {
    return `{% extends "base.html" %}\n\n{% block content %}\n  <h1>${title}</h1>\n{% endblock %}\n`;
  }
  return `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <title>${title}</title>\n  </head>\n  <body>\n    <h1>${title}</h1>\n  </body>\n</html>\n`;
}

/**
 * Re-reads the file as the edits would leave it and refuses a plan that would not give the expected
 * routes (the file is not changed then), so a planner blind spot never costs the user code.
 */
function verify(
  { localRoutes, applyEdits }: Analysis,
  file: string,
  text: string,
  edits: TextEdit[],
  expected: (routes: RouteSource[]) => boolean,
): void {
  if (!expected(localRoutes(file, applyEdits(text, edits)))) {
    throw new HostFailure("internal", `The route designer could not make this change safely in ${file}; edit the code by hand (nothing was changed).`);
  }
}

/**
 * The route designer's operations on the open project.
 *
 * @example
 * const routes = new RoutesService({ projectDir: () => workspace.projectDir(), urlMap: () => null, appUrl: () => null });
 * const { routes: list } = await routes.index();
 */
export class RoutesService {
  constructor(private readonly deps: RoutesDependencies) {}

  async index(): Promise<RouteIndex> {
    const root = this.deps.projectDir();
    const sources = new Map<string, string>();
    for (const path of await listSources(root)) {
      const absolute = join(root, path);
      const info = await stat(absolute).catch(() => undefined);
      if (!info || info.size > maxSourceBytes) continue;
      sources.set(path, await readFile(absolute, "utf8"));
    }
    return (await loadAnalysis()).buildRouteIndex(sources, this.deps.urlMap());
  }

  async create(request: NewRoute & { file: string; source?: string }): Promise<RoutePlan> {
    checkRule(request.rule);
    checkEndpoint(request.endpoint);
    checkMethods(request.methods);
    const text = request.source ?? (await this.#read(request.file));
    const index = await this.index();
    const target = index.targets.find((candidate) => candidate.file === request.file && candidate.receiver === request.receiver);
    const blueprint = target?.blueprint ?? index.targets.find((candidate) => candidate.receiver === request.receiver && candidate.kind === "blueprint")?.blueprint ?? null;
    const endpoint = blueprint === null ? request.endpoint : `${blueprint}.${request.endpoint}`;
    if (index.routes.some((route) => route.endpoint === endpoint)) {
      throw new HostFailure("exists", `There is already a route with the endpoint "${endpoint}": pick another name.`);
    }
    const created: string[] = [];
    if (request.returns.kind === "template") created.push(...(await this.#ensureTemplate(request.returns.template)));
    const spec: NewRoute = { receiver: request.receiver, methods: request.methods, rule: request.rule, endpoint: request.endpoint, returns: request.returns };
    const analysis = await loadAnalysis();
    const edits = analysis.planCreate(text, request.file, spec);
    verify(analysis, request.file, text, edits, (routes) => routes.some((route) => route.localRule === spec.rule && route.localEndpoint === spec.endpoint));
    return { path: request.file, edits, created };
  }

  async update(request: { file: string; route: RouteRef; change: RouteChange; source?: string }): Promise<RoutePlan> {
    const { change } = request;
    if (change.rule !== undefined) checkRule(change.rule);
    if (change.endpoint !== undefined) checkEndpoint(change.endpoint);
    if (change.methods !== undefined) checkMethods(change.methods);
    const text = request.source ?? (await this.#read(request.file));
    const analysis = await loadAnalysis();
    const route = this.#find(analysis, request.file, text, request.route);
    if (change.endpoint !== undefined && change.endpoint !== route.localEndpoint) {
      const clash = analysis.localRoutes(request.file, text).some((other) => other.receiver === route.receiver && other.localEndpoint === change.endpoint);
      if (clash) throw new HostFailure("exists", `There is already a route with the endpoint "${change.endpoint}": pick another name.`);
    }
    const edits = analysis.planUpdate(text, route, change);
    verify(analysis, request.file, text, edits, (routes) =>
      routes.some((other) => other.localRule === (change.rule ?? route.localRule) && other.localEndpoint === (change.endpoint ?? route.localEndpoint)),
    );
    return { path: request.file, edits, created: [] };
  }

  async delete(request: { file: string; route: RouteRef; withHandler: boolean; source?: string }): Promise<RoutePlan> {
    const text = request.source ?? (await this.#read(request.file));
    const analysis = await loadAnalysis();
    const route = this.#find(analysis, request.file, text, request.route);
    const edits = analysis.planDelete(text, route, request.withHandler);
    const before = analysis.localRoutes(request.file, text).length;
    verify(analysis, request.file, text, edits, (routes) => routes.length === before - 1);
    return { path: request.file, edits, created: [] };
  }

  /** Sends a request to the running app and reads the whole answer (bodies over 1 MB are cut). */
  async send(request: AppRequest): Promise<AppResponse> {
    const base = this.deps.appUrl();
    if (base === null) throw new HostFailure("unsupported", "The app is not running: start it (Run ▸ Start) and send the request again.");
    const url = new URL(request.path, base);
    if (url.origin !== new URL(base).origin || !request.path.startsWith("/")) {
      throw new HostFailure("bad-request", "The request path must start with / and stay on the app.");
    }
    const method = request.method.toUpperCase();
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: request.headers,
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
        ...(request.body !== undefined && method !== "GET" && method !== "HEAD" ? { body: request.body } : {}),
      });
    } catch (error) {
      throw new HostFailure("unsupported", `The app did not answer: ${error instanceof Error ? error.message : String(error)}.`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const timeMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers),
      body: new TextDecoder().decode(bytes.subarray(0, maxBodyBytes)),
      truncated: bytes.length > maxBodyBytes,
      timeMs,
    };
  }

  async listRequests(): Promise<SavedRequest[]> {
    const path = await resolveInProject(this.deps.projectDir(), requestsFile);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { requests?: unknown };
      return Array.isArray(parsed.requests) ? (parsed.requests as SavedRequest[]) : [];
    } catch {
      throw new HostFailure("bad-request", `${requestsFile} is not valid JSON: fix or delete it.`);
    }
  }

  async saveRequests(requests: SavedRequest[]): Promise<void> {
    const path = await resolveInProject(this.deps.projectDir(), requestsFile);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify({ requests }, null, 2)}\n`);
  }

  #find({ localRoutes }: Analysis, file: string, text: string, ref: RouteRef): RouteSource {
    const candidates = localRoutes(file, text).filter((route) => route.localRule === ref.localRule && route.localEndpoint === ref.localEndpoint);
    const route = candidates.sort((a, b) => Math.abs(a.line - ref.line) - Math.abs(b.line - ref.line))[0];
    if (!route) throw new HostFailure("not-found", `${file} has no route "${ref.localEndpoint}" at ${ref.localRule} any more: refresh the Routes view.`);
    return route;
  }

  async #read(file: string): Promise<string> {
    const path = await resolveInProject(this.deps.projectDir(), file);
    try {
      return await readFile(path, "utf8");
    } catch {
      throw new HostFailure("not-found", `There is no file ${file}.`);
    }
  }

  /** Creates `templates/<name>` when it is missing; returns the paths it created. */
  async #ensureTemplate(name: string): Promise<string[]> {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(name) || name.split("/").includes("..")) {
      throw new HostFailure("bad-request", `"${name}" cannot be a template name: use a path such as "hello.html" or "pages/hello.html".`);
    }
    const root = this.deps.projectDir();
    const relative = `templates/${name}`;
    const path = await resolveInProject(root, relative);
    if (await stat(path).catch(() => undefined)) return [];
    const base = await readFile(join(root, "templates/base.html"), "utf8").catch(() => undefined);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, templateText(name, base));
    return [relative];
  }
}
