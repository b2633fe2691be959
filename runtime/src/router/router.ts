import type { ParsedRule } from "./rule.js";

/**
 * What a router says about one request line.
 * - `found`: the first rule (in Werkzeug order) matching both path and method;
 * - `redirect`: the path lacks the trailing slash its rule has (`/a/` visited as `/a`), answered with 308;
 * - `methodNotAllowed`: some rule matches the path, none the method; `allowed` feeds the `Allow` header;
 * - `notFound`: nothing matches.
 *
 * @example
 * ```ts
 * const result = router.match("GET", "/user/7");
 * if (result.type === "found") result.value(result.params);
 * ```
 */
export type RouteMatch<T> =
  | { type: "found"; value: T; params: Record<string, unknown> }
  | { type: "redirect"; path: string }
  | { type: "methodNotAllowed"; allowed: string[] }
  | { type: "notFound" };

/**
 * The interface every router implements (Hono's `add`/`match`), so they are swappable and share one
 * conformance suite. Methods are upper case; paths are already percent-decoded.
 *
 * @example
 * ```ts
 * const router: Router<string> = new CompiledRouter();
 * router.add("GET", parseRule("/user/<int:id>", defaultConverters), "user");
 * router.match("GET", "/user/7"); // { type: "found", value: "user", params: { id: 7 } }
 * ```
 */
export interface Router<T> {
  readonly name: string;
  add(method: string, rule: ParsedRule, value: T): void;
  match(method: string, path: string): RouteMatch<T>;
}

/**
 * A rule with the handlers registered for each of its methods; shared by the router implementations.
 *
 * @example
 * ```ts
 * const entry = new RuleEntry<string>(parseRule("/", defaultConverters));
 * entry.methods.set("GET", "index");
 * ```
 */
export class RuleEntry<T> {
  readonly methods = new Map<string, T>();
  constructor(readonly rule: ParsedRule) {}
}

/**
 * Thrown by a router's `add` when it cannot represent a rule (the smart router then uses another one).
 * The built-in routers represent every rule; a custom router may throw it.
 *
 * @example
 * ```ts
 * if (rule.staticPath === undefined) throw new UnsupportedPathError(rule.rule);
 * ```
 */
export class UnsupportedPathError extends Error {
  constructor(rule: string) {
    super(`this router cannot represent the rule ${rule}`);
    this.name = "UnsupportedPathError";
  }
}

const NOT_FOUND = Object.freeze({ type: "notFound" }) as RouteMatch<never>;

/**
 * Walks candidate rules in order and applies Werkzeug's method and trailing-slash logic.
 *
 * @example
 * ```ts
 * return matchEntries(entriesFor(path), method, path, (p) => entriesFor(p));
 * ```
 */
export function matchEntries<T>(
  candidates: (path: string) => Iterable<RuleEntry<T>>,
  method: string,
  path: string,
): RouteMatch<T> {
  const result = matchOnce(candidates(path), method, path);
  if (result.type !== "notFound" || path.endsWith("/")) return result;
  const slashed = path + "/";
  const retry = matchOnce(candidates(slashed), method, slashed);
  return retry.type === "notFound" ? result : { type: "redirect", path: slashed };
}

function matchOnce<T>(entries: Iterable<RuleEntry<T>>, method: string, path: string): RouteMatch<T> {
  let allowed: Set<string> | undefined;
  for (const entry of entries) {
    const params = entry.rule.match(path);
    if (params === undefined) continue;
    const value = entry.methods.get(method);
    if (value !== undefined) return { type: "found", value, params };
    allowed ??= new Set();
    for (const m of entry.methods.keys()) allowed.add(m);
  }
  return allowed === undefined ? NOT_FOUND : { type: "methodNotAllowed", allowed: [...allowed].sort() };
}
