/**
 * The project's routes: every file's registrations (route-source.ts) resolved across imports to their
 * app or blueprint, with blueprint prefixes and names applied as the runtime does, then merged with
 * the running app's url map so routes that exist only at run time, or only in code, are marked.
 */
import { readFileRoutes, type FileRoutes, type Owner, type Registration } from "./route-source.js";
import type { IndexProblem, RouteIndex, RouteInfo, RouteSource, RouteTarget, UrlRule } from "./types.js";

interface Mount {
  /** The registered name (`parent.child` when nested). */
  name: string;
  urlPrefix: string | undefined;
}

/** Joins prefixes as the runtime's Blueprint does. */
function joinPrefix(parent: string | undefined, own: string | undefined): string | undefined {
  if (parent === undefined) return own;
  if (own === undefined) return parent;
  return `${parent.replace(/\/+$/, "")}/${own.replace(/^\/+/, "")}`;
}

function applyPrefix(prefix: string | undefined, rule: string): string {
  if (prefix === undefined) return rule;
  return rule === "" ? prefix : `${prefix.replace(/\/+$/, "")}/${rule.replace(/^\/+/, "")}`;
}

/** The endpoint the runtime derives when a view has no name (`get_user_id`). */
function derivedEndpoint(methods: readonly string[], rule: string): string {
  const words = rule
    .replace(/<(?:[^:>]*:)?([^>]+)>/g, "$1")
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean);
  return [...methods.map((m) => m.toLowerCase()), ...(words.length > 0 ? words : ["index"])].join("_");
}

type OwnerKey = string;
const keyOf = (file: string, name: string): OwnerKey => `${file}#${name}`;

/** Finds the owner a local name refers to, following imports (and re-exports of the same name). */
function resolveOwner(files: Map<string, FileRoutes>, file: string, name: string, depth = 0): { file: string; owner: Owner } | undefined {
  const routes = files.get(file);
  if (!routes || depth > 10) return undefined;
  const owner = routes.owners.get(name) ?? (depth > 0 ? routes.owners.get(routes.exports.get(name) ?? "") : undefined);
  if (owner) return { file, owner };
  const imported = routes.imports.get(name);
  return imported ? resolveOwner(files, imported.file, imported.name, depth + 1) : undefined;
}

/** Where each blueprint ends up: its first registration decides its name and prefix. */
function mountBlueprints(files: Map<string, FileRoutes>): Map<OwnerKey, Mount> {
  const edges: { parent: OwnerKey; parentIsApp: boolean; child: OwnerKey; childOwner: Owner; urlPrefix: string | undefined; name: string | undefined }[] = [];
  for (const routes of files.values()) {
    for (const registration of routes.blueprintRegistrations) {
      const parent = resolveOwner(files, routes.file, registration.parent);
      const child = resolveOwner(files, routes.file, registration.child);
      if (!parent || !child || child.owner.kind !== "blueprint") continue;
      edges.push({
        parent: keyOf(parent.file, parent.owner.name),
        parentIsApp: parent.owner.kind === "app",
        child: keyOf(child.file, child.owner.name),
        childOwner: child.owner,
        urlPrefix: registration.urlPrefix,
        name: registration.name,
      });
    }
  }
  const mounts = new Map<OwnerKey, Mount>();
  // Each round mounts the blueprints whose parent is mounted; nesting deeper than the number of edges is a cycle.
  for (let round = 0; round <= edges.length; round += 1) {
    let changed = false;
    for (const edge of edges) {
      if (mounts.has(edge.child)) continue;
      const parent = edge.parentIsApp ? undefined : mounts.get(edge.parent);
      if (!edge.parentIsApp && !parent) continue;
      const own = edge.name ?? edge.childOwner.blueprintName ?? edge.childOwner.name;
      mounts.set(edge.child, {
        name: parent ? `${parent.name}.${own}` : own,
        urlPrefix: joinPrefix(parent?.urlPrefix, edge.urlPrefix ?? edge.childOwner.urlPrefix),
      });
      changed = true;
    }
    if (!changed) break;
  }
  return mounts;
}

function routeFromCode(source: RouteSource, registration: Registration, owner: Owner, mount: Mount | undefined): RouteInfo {
  const blueprint = owner.kind === "blueprint" ? mount?.name ?? owner.blueprintName ?? owner.name : null;
  return {
    id: `${source.file}:${registration.ranges.statement.start}`,
    endpoint: blueprint === null ? source.localEndpoint : `${blueprint}.${source.localEndpoint}`,
    rule: owner.kind === "blueprint" ? applyPrefix(mount?.urlPrefix ?? owner.urlPrefix, registration.rule) : registration.rule,
    methods: registration.methods ?? ["GET"],
    blueprint,
    origin: "code",
    source,
  };
}

/** One registration as written, with the endpoint the runtime would give it. */
function sourceOf(file: string, registration: Registration): RouteSource {
  const methods = registration.methods ?? ["GET"];
  return {
    file,
    line: registration.line,
    column: registration.column,
    handlerLine: registration.handlerLine,
    form: registration.form,
    receiver: registration.receiver,
    localRule: registration.rule,
    localEndpoint: registration.endpoint ?? registration.handlerName ?? derivedEndpoint(methods, registration.rule),
    handlerName: registration.handlerName,
    jsonFields: registration.jsonFields,
    ranges: registration.ranges,
  };
}

/** Methods as the url map reports them, for comparison (HEAD and OPTIONS come with the others). */
function comparable(methods: readonly string[]): string {
  return [...new Set(methods.map((m) => m.toUpperCase()))].filter((m) => m !== "HEAD" && m !== "OPTIONS").sort().join(",");
}

/**
 * Marks which routes the running app has: a route in code that the app lacks stays `code` (the app
 * is stale or broken), a url-map row with no registration in code becomes a `runtime` route.
 */
function mergeLive(routes: RouteInfo[], live: readonly UrlRule[]): RouteInfo[] {
  const unmatched = [...live];
  const merged = routes.map((route) => {
    const index = unmatched.findIndex((row) => row.endpoint === route.endpoint && row.rule === route.rule && comparable(row.methods) === comparable(route.methods));
    if (index === -1) return route;
    unmatched.splice(index, 1);
    return { ...route, origin: "both" as const };
  });
  for (const row of unmatched) {
    const dot = row.endpoint.lastIndexOf(".");
    merged.push({
      id: `runtime:${row.endpoint}:${row.rule}`,
      endpoint: row.endpoint,
      rule: row.rule,
      methods: row.methods.filter((m) => m !== "OPTIONS"),
      blueprint: dot === -1 ? null : row.endpoint.slice(0, dot),
      origin: "runtime",
      source: null,
    });
  }
  return merged;
}

/**
 * Indexes the given files (project-relative path → text). With `live` (the running app's url map)
 * the routes are merged with it; without, every route is `code` and `live` is false.
 *
 * @example
 * const index = buildRouteIndex(new Map([["app.ts", source]]), app.urlMap());
 * index.routes.map((route) => `${route.methods.join(",")} ${route.rule} → ${route.endpoint}`);
 */
export function buildRouteIndex(sources: ReadonlyMap<string, string>, live: readonly UrlRule[] | null): RouteIndex {
  const files = new Map<string, FileRoutes>();
  for (const [file, text] of sources) files.set(file, readFileRoutes(file, text));
  const mounts = mountBlueprints(files);
  const routes: RouteInfo[] = [];
  const targets: RouteTarget[] = [];
  const problems: IndexProblem[] = [];
  for (const [file, found] of files) {
    problems.push(...found.problems);
    for (const owner of found.owners.values()) {
      const mount = mounts.get(keyOf(file, owner.name));
      targets.push({ file, receiver: owner.name, kind: owner.kind, blueprint: owner.kind === "blueprint" ? mount?.name ?? owner.blueprintName : null });
    }
    for (const registration of found.registrations) {
      const resolved = resolveOwner(files, file, registration.receiver);
      if (!resolved) continue;
      routes.push(routeFromCode(sourceOf(file, registration), registration, resolved.owner, mounts.get(keyOf(resolved.file, resolved.owner.name))));
    }
  }
  // The app comes first: it is where a new route goes unless the user picks a blueprint.
  targets.sort((a, b) => Number(b.kind === "app") - Number(a.kind === "app"));
  return { routes: live ? mergeLive(routes, live) : routes, targets, problems, live: live !== null };
}

/**
 * Every registration of one file as written (rule and endpoint without blueprint parts), whatever it
 * is registered on: what edits are planned against.
 *
 * @example
 * localRoutes("app.ts", text).find((route) => route.localEndpoint === "index")?.ranges.rule;
 */
export function localRoutes(file: string, text: string): RouteSource[] {
  return readFileRoutes(file, text).registrations.map((registration) => sourceOf(file, registration));
}
