import { CompiledRouter as Compiled } from "./compiled/router.js";
import { LinearRouter as Linear } from "./linear/router.js";
import type { Router } from "./router.js";
import { SmartRouter as Smart } from "./smart/router.js";
import { TrieRouter as Trie } from "./trie/router.js";

/**
 * The routers an app can use: `trie` (the app's default: segment trie with converter edges, fastest in
 * bench/router), `compiled` (static map + bucketed regexes), `smart` (the first of trie and compiled that
 * accepts every rule) and `linear` (the reference implementation).
 *
 * @example
 * ```ts
 * const app = new Vial({ router: "smart" });
 * ```
 */
export type RouterKind = "compiled" | "trie" | "smart" | "linear";

/**
 * Makes a router of the given kind.
 *
 * @example
 * ```ts
 * const router = createRouter<string>("trie");
 * ```
 */
export function createRouter<T>(kind: RouterKind): Router<T> {
  switch (kind) {
    case "trie":
      return new Trie<T>();
    case "smart":
      return new Smart<T>([() => new Trie<T>(), () => new Compiled<T>()]);
    case "linear":
      return new Linear<T>();
    default:
      return new Compiled<T>();
  }
}
