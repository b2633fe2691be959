import { compareRules, type ParsedRule } from "../rule.js";
import { matchEntries, RuleEntry, type RouteMatch, type Router } from "../router.js";

/**
 * The reference router: every rule tried in Werkzeug order. Slow with many rules but obviously right,
 * which is what the conformance suite compares the fast routers against.
 *
 * @example
 * ```ts
 * const router = new LinearRouter<string>();
 * router.add("GET", parseRule("/a/<x>", defaultConverters), "a");
 * ```
 */
export class LinearRouter<T> implements Router<T> {
  readonly name = "linear";
  readonly #entries: RuleEntry<T>[] = [];
  readonly #byRule = new Map<string, RuleEntry<T>>();

  add(method: string, rule: ParsedRule, value: T): void {
    let entry = this.#byRule.get(rule.rule);
    if (entry === undefined) {
      entry = new RuleEntry(rule);
      this.#byRule.set(rule.rule, entry);
      this.#entries.push(entry);
      this.#entries.sort((a, b) => compareRules(a.rule, b.rule));
    }
    if (!entry.methods.has(method)) entry.methods.set(method, value);
  }

  match(method: string, path: string): RouteMatch<T> {
    return matchEntries(() => this.#entries, method, path);
  }
}
