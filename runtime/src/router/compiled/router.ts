import { compareRules, type ParsedRule } from "../rule.js";
import { matchEntries, RuleEntry, type RouteMatch, type Router } from "../router.js";

// The dynamic rules that can match paths with one first segment, in Werkzeug order, plus one regex that
// tries them all at once: alternative i ends with an empty marker group, so the first alternative that
// matched is the first marker that captured.
interface Bucket<T> {
  readonly entries: readonly RuleEntry<T>[];
  readonly regex: RegExp;
  /** Group index of alternative i's first variable. */
  readonly offsets: readonly number[];
  /** Group index of alternative i's marker. */
  readonly markers: readonly number[];
}

function makeBucket<T>(entries: RuleEntry<T>[]): Bucket<T> {
  const offsets: number[] = [];
  const markers: number[] = [];
  let group = 1;
  const sources = entries.map((entry) => {
    offsets.push(group);
    group += entry.rule.names.length;
    markers.push(group);
    group += 1;
    return `${entry.rule.pattern}()`;
  });
  return { entries, regex: new RegExp(`^(?:${sources.join("|")})$`, "s"), offsets, markers };
}

/**
 * The fast router: static rules in a `Map` (one lookup), dynamic rules bucketed by their first literal
 * path segment and each bucket compiled into one regex, so a request runs one `exec` whatever the number
 * of rules. When the first matching rule lacks the method (405) or a converter rejects the value, it
 * falls back to trying the bucket's rules one by one. Buckets are built lazily after the last `add`.
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
  #buckets: Map<string, Bucket<T>> | undefined;
  #unbucketed: Bucket<T> = makeBucket([]);

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
    } else {
      const bucket = this.#bucket(path);
      const m = bucket.regex.exec(path);
      if (m !== null) {
        const index = bucket.markers.findIndex((marker) => m[marker] !== undefined);
        const first = bucket.entries[index] as RuleEntry<T>;
        const value = first.methods.get(method);
        if (value !== undefined) {
          const params = first.rule.convert(m, bucket.offsets[index] as number);
          if (params !== undefined) return { type: "found", value, params };
        }
      } else if (path.endsWith("/")) return { type: "notFound" };
    }
    return matchEntries((p) => this.#candidates(p), method, path);
  }

  #bucket(path: string): Bucket<T> {
    const buckets = this.#buckets ?? this.#build();
    return buckets.get(firstSegment(path)) ?? this.#unbucketed;
  }

  #candidates(path: string): readonly RuleEntry<T>[] {
    const staticEntry = this.#static.get(path);
    const list = this.#bucket(path).entries;
    return staticEntry === undefined ? list : [staticEntry, ...list];
  }

  #build(): Map<string, Bucket<T>> {
    const dynamic = [...this.#dynamic.values()].sort((a, b) => compareRules(a.rule, b.rule));
    const grouped = new Map<string, RuleEntry<T>[]>();
    const unbucketed: RuleEntry<T>[] = [];
    for (const entry of dynamic) {
      const key = bucketKey(entry.rule.prefix);
      if (key === undefined) unbucketed.push(entry);
      else grouped.set(key, [...(grouped.get(key) ?? []), entry]);
    }
    const buckets = new Map<string, Bucket<T>>();
    for (const [key, list] of grouped) buckets.set(key, makeBucket([...list, ...unbucketed].sort((a, b) => compareRules(a.rule, b.rule))));
    this.#unbucketed = makeBucket(unbucketed);
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
