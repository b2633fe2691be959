import { compareRules, type ParsedRule } from "../rule.js";
import { matchEntries, RuleEntry, type RouteMatch, type Router } from "../router.js";

/**
 * The fast router: static rules in a `Map` (one lookup), dynamic rules bucketed by their first literal
 * path segment so a request only tries the regexes that could match. Buckets are built lazily after the
 * last `add`, keeping Werkzeug's rule order inside each bucket.
 *
 * @example
 * ```ts
 * const router = new CompiledRouter<string>();
 * router.add("GET", parseRule("/user/<int:id>", defaultConverters), "user");
 * router.match("GET", "/user/7");
 * ```
 */
export class CompiledRouter<T> implements Router<T> {
  readonly name = "compiled";
  readonly #static = new Map<string, RuleEntry<T>>();
  readonly #dynamic = new Map<string, RuleEntry<T>>();
  #buckets: Map<string, RuleEntry<T>[]> | undefined;
  #unbucketed: RuleEntry<T>[] = [];

  add(method: string, rule: ParsedRule, value: T): void {
    const table = rule.staticPath !== undefined ? this.#static : this.#dynamic;
    let entry = table.get(rule.rule);
    if (entry === undefined) {
      entry = new RuleEntry(rule);
      table.set(rule.rule, entry);
      this.#buckets = undefined;
    }
    if (!entry.methods.has(method)) entry.methods.set(method, value);
  }

  match(method: string, path: string): RouteMatch<T> {
    const entry = this.#static.get(path);
    if (entry !== undefined) {
      // Literal text always sorts before a converter, so no dynamic rule can outrank a static hit.
      const value = entry.methods.get(method);
      if (value !== undefined) return { type: "found", value, params: {} };
    }
    return matchEntries((p) => this.#candidates(p), method, path);
  }

  #candidates(path: string): RuleEntry<T>[] {
    const buckets = this.#buckets ?? this.#build();
    const key = firstSegment(path);
    const bucket = buckets.get(key);
    const staticEntry = this.#static.get(path);
    const list = bucket ?? this.#unbucketed;
    return staticEntry === undefined ? list : [staticEntry, ...list];
  }

  #build(): Map<string, RuleEntry<T>[]> {
    const dynamic = [...this.#dynamic.values()].sort((a, b) => compareRules(a.rule, b.rule));
    const buckets = new Map<string, RuleEntry<T>[]>();
    const unbucketed: RuleEntry<T>[] = [];
    for (const entry of dynamic) {
      const key = bucketKey(entry.rule.prefix);
      if (key === undefined) unbucketed.push(entry);
      else buckets.set(key, [...(buckets.get(key) ?? []), entry]);
    }
    for (const [key, list] of buckets) buckets.set(key, [...list, ...unbucketed].sort((a, b) => compareRules(a.rule, b.rule)));
    this.#unbucketed = unbucketed;
    this.#buckets = buckets;
    return buckets;
  }
}

/** The first path segment, e.g. `user` for `/user/7`; `` for `/`. */
function firstSegment(path: string): string {
  const end = path.indexOf("/", 1);
  return end === -1 ? path.slice(1) : path.slice(1, end);
}

/** The bucket of a rule whose literal prefix covers its whole first segment (`/user/` → `user`). */
function bucketKey(prefix: string): string | undefined {
  const end = prefix.indexOf("/", 1);
  return end === -1 ? undefined : prefix.slice(1, end);
}
