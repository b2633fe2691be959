/**
 * Runtime checks for what crosses the IPC/HTTP boundary: one check per method of the contract, so a
 * request reaches a handler only with the shape its types promise. Paths are only checked to be
 * sane strings here; the path guard decides whether they stay inside the project.
 */
import type { MethodName, RequestOf, RouteReturn, SavedRequest, Settings, StudioMethods } from "./contract.js";
import { HostFailure } from "./errors.js";

/** Checks `value` (found at `at`, for the message) and returns it typed, or throws `bad-request`. */
export type Check<T> = (value: unknown, at: string) => T;

type Checked<C> = C extends Check<infer T> ? T : never;

const maxStringLength = 10 * 1024 * 1024;
const maxPathLength = 4096;

function fail(at: string, expected: string): never {
  throw new HostFailure("bad-request", `${at} must be ${expected}.`);
}

/**
 * True for a plain JSON object (not an array, not null).
 *
 * @example
 * isRecord(JSON.parse('{"theme":"dark"}')); // true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const text =
  (max = maxStringLength): Check<string> =>
  (value, at) =>
    typeof value === "string" && value.length <= max ? value : fail(at, `a string of at most ${max} characters`);

const projectPath: Check<string> = (value, at) =>
  typeof value === "string" && value.length <= maxPathLength && !value.includes("\0")
    ? value
    : fail(at, "a project-relative path (a string without NUL bytes)");

const hostDir: Check<string> = (value, at) =>
  typeof value === "string" && value.trim() !== "" && value.length <= maxPathLength && !value.includes("\0")
    ? value
    : fail(at, "a folder path (a non-empty string without NUL bytes)");

const name: Check<string> = (value, at) =>
  typeof value === "string" && /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(value)
    ? value
    : fail(at, "a name of letters, digits, '.', '_' or '-' (at most 100, not starting with '.' or '-')");

const bool: Check<boolean> = (value, at) => (typeof value === "boolean" ? value : fail(at, "true or false"));

const int =
  (min: number, max: number): Check<number> =>
  (value, at) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : fail(at, `a whole number from ${min} to ${max}`);

const finite: Check<number> = (value, at) =>
  typeof value === "number" && Number.isFinite(value) ? value : fail(at, "a finite number");

function oneOf<const T extends readonly string[]>(choices: T): Check<T[number]> {
  return (value, at) =>
    typeof value === "string" && choices.includes(value)
      ? (value as T[number])
      : fail(at, `one of ${choices.map((choice) => `"${choice}"`).join(", ")}`);
}

function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, at) => (value === null ? null : check(value, at));
}

type Shape = Record<string, Check<unknown>>;
type ObjectOf<R extends Shape, O extends Shape> = { [K in keyof R]: Checked<R[K]> } & {
  [K in keyof O]?: Checked<O[K]>;
};

/** An object with exactly these keys (`optional` ones may be missing); unknown keys are refused. */
function object<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional?: O,
): Check<ObjectOf<R, O>> {
  return (value, at) => {
    if (!isRecord(value)) return fail(at, "an object");
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(required, key) && !(optional && Object.hasOwn(optional, key))) {
        throw new HostFailure("bad-request", `${at} has an unknown field "${key}".`);
      }
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) throw new HostFailure("bad-request", `${at}.${key} is required.`);
      out[key] = check(value[key], `${at}.${key}`);
    }
    for (const [key, check] of Object.entries(optional ?? {})) {
      if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = check(value[key], `${at}.${key}`);
    }
    return out as ObjectOf<R, O>;
  };
}

const empty = object({});

const layout: Check<Record<string, number>> = (value, at) => {
  if (!isRecord(value)) return fail(at, "an object of sizes");
  const entries = Object.entries(value);
  if (entries.length > 50) return fail(at, "at most 50 sizes");
  return Object.fromEntries(
    entries.map(([key, size]) => {
      if (!/^[A-Za-z0-9._-]{1,50}$/.test(key)) fail(`${at} key "${key.slice(0, 60)}"`, "a short part name");
      return [key, int(0, 100_000)(size, `${at}.${key}`)];
    }),
  );
};

const port: Check<number> = (value, at) =>
  value === 0 ? 0 : Number.isInteger(value) && (value as number) >= 1024 && (value as number) <= 65535
    ? (value as number)
    : fail(at, "0 (any free port) or a whole number from 1024 to 65535");

/**
 * One check per settings key, shared by `settings.set` and by loading settings.json (where a bad key
 * falls back to its default instead of failing).
 *
 * @example
 * settingsChecks.fontSize(14, "fontSize"); // 14
 */
export const settingsChecks: { [K in keyof Settings]-?: Check<Settings[K]> } = {
  theme: oneOf(["system", "light", "dark"]),
  fontSize: int(8, 40),
  wordWrap: bool,
  tabSize: int(1, 8),
  defaultPort: port,
  window: nullable(
    object(
      { width: int(200, 100_000), height: int(150, 100_000), maximized: bool },
      { x: finite, y: finite },
    ),
  ),
  layout,
};

const httpUrl: Check<string> = (value, at) => {
  const url = typeof value === "string" && value.length <= 8192 && URL.canParse(value) ? new URL(value) : undefined;
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.href : fail(at, "an http(s) URL");
};

const loopbackUrl: Check<string> = (value, at) => {
  const url = typeof value === "string" && value.length <= 8192 && URL.canParse(value) ? new URL(value) : undefined;
  return url && url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost")
    ? url.href
    : fail(at, "an http URL on 127.0.0.1 or localhost");
};

const bounds = object({ x: int(0, 100_000), y: int(0, 100_000), width: int(0, 100_000), height: int(0, 100_000) });

const httpMethod: Check<string> = (value, at) =>
  typeof value === "string" && /^[A-Za-z]{1,20}$/.test(value) ? value.toUpperCase() : fail(at, "an HTTP method such as GET");

function listOf<T>(check: Check<T>, max: number): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value) || value.length > max) return fail(at, `a list of at most ${max} items`);
    return value.map((item, index) => check(item, `${at}[${index}]`));
  };
}

function recordOf<T>(check: Check<T>, max: number): Check<Record<string, T>> {
  return (value, at) => {
    if (!isRecord(value) || Object.keys(value).length > max) return fail(at, `an object of at most ${max} entries`);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(200)(key, `${at} key`), check(item, `${at}.${key}`)]));
  };
}

const routeReturn: Check<RouteReturn> = (value, at) => {
  const kind = isRecord(value) ? value["kind"] : undefined;
  if (kind === "json") return object({ kind: oneOf(["json"]) })(value, at);
  if (kind === "text") return object({ kind: oneOf(["text"]), text: text(10_000) })(value, at);
  if (kind === "template") return object({ kind: oneOf(["template"]), template: text(200) })(value, at);
  if (kind === "redirect") return object({ kind: oneOf(["redirect"]), to: text(2000) })(value, at);
  return fail(at, 'an object with kind "text", "json", "template" or "redirect"');
};

const routeRef = object({ localRule: text(2000), localEndpoint: text(200), line: int(1, 10_000_000) });
const methodList = listOf(httpMethod, 10);

const savedRequest: Check<SavedRequest> = object({
  id: text(100),
  name: text(200),
  endpoint: text(200),
  method: httpMethod,
  params: recordOf(text(2000), 50),
  query: text(8000),
  headers: recordOf(text(8000), 100),
  bodyKind: oneOf(["none", "json", "form"]),
  body: text(1024 * 1024),
});

/** Every method's request check. Typed from the contract: a missing or wrong check does not compile. */
const requestChecks: { [M in MethodName]: Check<RequestOf<M>> } = {
  "studio.info": empty,
  "projects.starters": empty,
  "projects.create": object({ starter: name, name }, { parentDir: hostDir }),
  "projects.open": object({ dir: hostDir }),
  "projects.current": empty,
  "projects.recent": empty,
  "projects.forget": object({ dir: hostDir }),
  "projects.close": empty,
  "files.tree": empty,
  "files.read": object({ path: projectPath }),
  "files.write": object({ path: projectPath, content: text() }, { expectedMtimeMs: finite }),
  "files.create": object({ path: projectPath, kind: oneOf(["file", "dir"]) }),
  "files.rename": object({ from: projectPath, to: projectPath }),
  "files.delete": object({ path: projectPath }),
  "files.stat": object({ path: projectPath }),
  "files.search": object(
    { query: text(1000), matchCase: bool, wholeWord: bool, regex: bool },
    { include: text(1000), exclude: text(1000), unsaved: listOf(object({ path: projectPath, content: text() }), 1000) },
  ),
  "files.replace": object({
    query: text(1000),
    matchCase: bool,
    wholeWord: bool,
    regex: bool,
    replacement: text(1000),
    texts: listOf(object({ path: projectPath, content: text() }), 1000),
  }),
  "buffers.save": object({ path: projectPath, content: text(), baseMtimeMs: nullable(finite) }),
  "buffers.list": empty,
  "buffers.discard": object({ path: projectPath }),
  "settings.get": empty,
  "settings.set": object({}, settingsChecks),
  "dialogs.openFolder": object({}, { title: text(200) }),
  "shell.openExternal": object({ url: httpUrl }),
  "preview.show": object({ url: loopbackUrl, bounds }, { reload: bool }),
  "preview.hide": empty,
  "preview.inspect": object({ on: bool }),
  "appHost.status": empty,
  "appHost.start": empty,
  "appHost.stop": empty,
  "appHost.restart": empty,
  "appHost.logs": empty,
  "appHost.clearRequests": empty,
  "routes.index": empty,
  "routes.create": object(
    { file: projectPath, receiver: text(200), methods: methodList, rule: text(2000), endpoint: text(200), returns: routeReturn },
    { source: text() },
  ),
  "routes.update": object(
    { file: projectPath, route: routeRef, change: object({}, { methods: methodList, rule: text(2000), endpoint: text(200) }) },
    { source: text() },
  ),
  "routes.delete": object({ file: projectPath, route: routeRef, withHandler: bool }, { source: text() }),
  "routes.send": object({ method: httpMethod, path: text(8000), headers: recordOf(text(8000), 100) }, { body: text() }),
  "requests.list": empty,
  "requests.save": object({ requests: listOf(savedRequest, 1000) }),
  "templates.render": object({ name: text(500), source: text() }),
  "diagnostics.list": empty,
  "diagnostics.checkFlags": empty,
  "export.run": object({ dest: hostDir }, { force: bool }),
};

/**
 * The method names the host answers, in contract order.
 *
 * @example
 * methodNames.includes("files.read"); // true
 */
export const methodNames = Object.keys(requestChecks) as MethodName[];

/**
 * True when `method` names a method of the contract.
 *
 * @example
 * isMethodName("files.read"); // true
 */
export function isMethodName(method: unknown): method is MethodName {
  return typeof method === "string" && Object.hasOwn(requestChecks, method);
}

/**
 * Checks a request against its method's shape. Throws `unknown-method` for a name outside the
 * contract and `bad-request` (saying which field and what it must be) for a bad request.
 *
 * @example
 * const request = validateRequest("files.read", { path: "app.ts" }); // { path: "app.ts" }
 */
export function validateRequest<M extends MethodName>(method: M, request: unknown): StudioMethods[M]["request"];
export function validateRequest(method: string, request: unknown): unknown;
export function validateRequest(method: string, request: unknown): unknown {
  if (!isMethodName(method)) {
    throw new HostFailure("unknown-method", `There is no method "${method.slice(0, 100)}".`, {
      known: methodNames,
    });
  }
  const check: Check<unknown> = requestChecks[method];
  return check(request ?? {}, "request");
}
