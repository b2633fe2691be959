import type { ParsedRule } from "../rule.js";
import { UnsupportedPathError, type RouteMatch, type Router } from "../router.js";

/**
 * Hono's SmartRouter: keeps the registered routes until the first match, then uses the first candidate
 * router that accepts every one of them (a candidate refuses a rule by throwing `UnsupportedPathError`;
 * the built-in routers accept every rule, so with them the first candidate is always chosen).
 *
 * @example
 * ```ts
 * const router = new SmartRouter<string>([() => new TrieRouter(), () => new CompiledRouter()]);
 * ```
 */
export class SmartRouter<T> implements Router<T> {
  readonly #candidates: ReadonlyArray<() => Router<T>>;
  readonly #routes: Array<[string, ParsedRule, T]> = [];
  #chosen: Router<T> | undefined;

  constructor(candidates: ReadonlyArray<() => Router<T>>) {
    if (candidates.length === 0) throw new Error("SmartRouter needs at least one candidate router");
    this.#candidates = candidates;
  }

  /** `smart:<chosen>` once a router has been picked. */
  get name(): string {
    return this.#chosen === undefined ? "smart" : `smart:${this.#chosen.name}`;
  }

  add(method: string, rule: ParsedRule, value: T): void {
    this.#routes.push([method, rule, value]);
    if (this.#chosen === undefined) return;
    try {
      this.#chosen.add(method, rule, value);
    } catch (error) {
      if (!(error instanceof UnsupportedPathError)) throw error;
      this.#chosen = undefined;
    }
  }

  match(method: string, path: string): RouteMatch<T> {
    this.#chosen ??= this.#choose();
    return this.#chosen.match(method, path);
  }

  #choose(): Router<T> {
    for (const make of this.#candidates) {
      const router = make();
      try {
        for (const [method, rule, value] of this.#routes) router.add(method, rule, value);
        return router;
      } catch (error) {
        if (!(error instanceof UnsupportedPathError)) throw error;
      }
    }
    throw new UnsupportedPathError(this.#routes.map(([, rule]) => rule.rule).join(", "));
  }
}
