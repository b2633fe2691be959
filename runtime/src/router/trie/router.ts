import { keepRaw, ValidationError, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";
import { RuleEntry, type RouteMatch, type Router } from "../router.js";
import { describe, patternEdge, segmentEdge, segmentsOf, staticText, tailEdge, TrieNode, type Leaf } from "./node.js";

const REJECTED = Symbol("rejected");
// What a walk of the slashed path returns when some rule matches it: the caller answers with a redirect.
const SLASHED: RouteMatch<never> = Object.freeze({ type: "redirect", path: "" });
const NOT_FOUND: RouteMatch<never> = Object.freeze({ type: "notFound" });

/**
 * The default router: a segment trie. Literal segments are `Map` lookups; converter edges (one whole
 * segment, a segment mixing text and variables like `<name>.<ext>`, or the rest of the path once a
 * converter may span `/`) are tried in Werkzeug order with backtracking: literal before converter,
 * cheaper converter first, `path` last. Fully literal rules are answered by one lookup before any walk.
 * A lookup allocates only the segment strings, the params and the result. The trailing-slash redirect
 * walks the path again as if it ended with `/`, and only when a rule could match such a path.
 *
 * @example
 * ```ts
 * const router = new TrieRouter<string>();
 * router.add("GET", parseRule("/user/<int:id>/posts", defaultConverters), "posts");
 * router.match("GET", "/user/7/posts"); // { type: "found", value: "posts", params: { id: 7 } }
 * ```
 */
export class TrieRouter<T> implements Router<T> {
  readonly name = "trie";
  readonly #root = new TrieNode<T>();
  readonly #byRule = new Map<string, RuleEntry<T>>();
  readonly #static = new Map<string, RuleEntry<T>>();
  // Whether some rule can match a path ending in an empty segment, so that the slash retry can succeed.
  #slashable = false;
  // The state of the current walk; `match` is synchronous, so one set per router suffices.
  // Captured texts of the current branch: `#raw[0..#top)`; slots are reused, never truncated (that is slow).
  readonly #raw: string[] = [];
  #top = 0;
  #method = "";
  #path = "";
  #length = 0;
  #slashed = false;
  #allowed: Set<string> | undefined;

  add(method: string, rule: ParsedRule, value: T): void {
    let entry = this.#byRule.get(rule.rule);
    if (entry === undefined) {
      entry = new RuleEntry<T>(rule);
      this.#insert(entry);
      this.#byRule.set(rule.rule, entry);
      if (rule.staticPath !== undefined) this.#static.set(rule.staticPath, entry);
    }
    if (!entry.methods.has(method)) entry.methods.set(method, value);
  }

  match(method: string, path: string): RouteMatch<T> {
    const hit = this.#static.get(path);
    if (hit !== undefined) {
      // Literal text always sorts before a converter, so no other rule can outrank a static hit.
      const value = hit.methods.get(method);
      if (value !== undefined) return { type: "found", value, params: {} };
    }
    this.#method = method;
    this.#path = path;
    this.#length = path.length;
    this.#slashed = false;
    this.#allowed = undefined;
    this.#top = 0;
    const found = this.#walk(this.#root, 1);
    if (found !== undefined) return found;
    const allowed = this.#allowed as Set<string> | undefined;
    if (allowed !== undefined) return { type: "methodNotAllowed", allowed: [...allowed].sort() };
    if (!this.#slashable || path.endsWith("/")) return NOT_FOUND;
    this.#length = path.length + 1;
    this.#slashed = true;
    this.#top = 0;
    return this.#walk(this.#root, 1) === undefined ? NOT_FOUND : { type: "redirect", path: `${path}/` };
  }

  // Walks from `node` with the segment starting at `start`; with `#slashed` the path is read as if it
  // ended with one more `/` (`#length` counts it).
  #walk(node: TrieNode<T>, start: number): RouteMatch<T> | undefined {
    if (start > this.#length) return node.leaves === undefined ? undefined : this.#acceptAny(node.leaves);
    const path = this.#path;
    let end = path.indexOf("/", start);
    if (end === -1) end = start > path.length ? start : path.length;
    const segment = path.slice(start, end);
    const statics = node.statics;
    const child = statics.size === 0 ? undefined : statics.get(segment);
    if (child !== undefined) {
      const found = this.#walk(child, end + 1);
      if (found !== undefined) return found;
    }
    const edges = node.edges;
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e] as (typeof edges)[number];
      const raw = this.#raw;
      const top = this.#top;
      let found: RouteMatch<T> | undefined;
      if (edge.kind === "segment") {
        if (edge.test === null ? segment === "" : !edge.test.test(segment)) continue;
        raw[top] = segment;
        this.#top = top + 1;
        found = this.#walk(edge.next, end + 1);
      } else if (edge.kind === "pattern") {
        const m = edge.regex.exec(segment);
        if (m === null) continue;
        for (let i = 1; i < m.length; i++) raw[top + i - 1] = m[i] as string;
        this.#top = top + m.length - 1;
        found = this.#walk(edge.next, end + 1);
      } else {
        const m = edge.regex.exec(this.#slashed ? `${path}/`.slice(start) : path.slice(start));
        if (m === null) continue;
        for (let i = 1; i < m.length; i++) raw[top + i - 1] = m[i] as string;
        this.#top = top + m.length - 1;
        found = this.#acceptAny(edge.leaves);
      }
      this.#top = top;
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #acceptAny(leaves: ReadonlyArray<Leaf<T>>): RouteMatch<T> | undefined {
    for (let i = 0; i < leaves.length; i++) {
      const found = this.#accept(leaves[i] as Leaf<T>);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #accept(leaf: Leaf<T>): RouteMatch<T> | undefined {
    const names = leaf.names;
    const raw = this.#raw;
    const params: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const converter = leaf.converters[i] as Converter;
      // The common converters keep the text as is: no call, no try.
      const value = converter.toValue === keepRaw ? raw[i] : convert(converter, raw[i] as string);
      if (value === REJECTED) return undefined;
      params[names[i] as string] = value;
    }
    if (this.#slashed) return SLASHED;
    const handler = leaf.entry.methods.get(this.#method);
    if (handler !== undefined) return { type: "found", value: handler, params };
    this.#allowed ??= new Set();
    for (const m of leaf.entry.methods.keys()) this.#allowed.add(m);
    return undefined;
  }

  #insert(entry: RuleEntry<T>): void {
    const segments = segmentsOf(entry.rule);
    const leaf: Leaf<T> = { entry, names: entry.rule.names, converters: describe(segments).converters };
    let node = this.#root;
    for (let i = 0; i < segments.length; i++) {
      const pieces = segments[i] as (typeof segments)[number];
      const text = staticText(pieces);
      if (text !== undefined) {
        let child = node.statics.get(text);
        if (child === undefined) {
          child = new TrieNode<T>();
          node.statics.set(text, child);
        }
        node = child;
      } else if (segments.slice(i).some((s) => s.some((p) => "converter" in p && spansSlash(p.converter)))) {
        tailEdge(node, segments.slice(i)).leaves.push(leaf);
        this.#slashable = true;
        return;
      } else if (pieces.length === 1 && "converter" in (pieces[0] as (typeof pieces)[number])) {
        const converter = (pieces[0] as { converter: Converter }).converter;
        node = segmentEdge(node, converter).next;
      } else {
        node = patternEdge(node, pieces).next;
      }
    }
    (node.leaves ??= []).push(leaf);
    this.#slashable ||= endsEmpty(segments);
  }
}

// Werkzeug's default for `part_isolating`: a converter whose regex mentions `/` may span segments.
function spansSlash(converter: Converter): boolean {
  return converter.partIsolating === undefined ? converter.regex.includes("/") : !converter.partIsolating;
}

// Whether the rule can match some path with `/` appended: its last segment can be empty, and it has
// another one (a slashed path has at least two segments, so `/` itself never makes a retry succeed).
function endsEmpty(segments: ReturnType<typeof segmentsOf>): boolean {
  const last = segments[segments.length - 1];
  if (last === undefined || segments.length < 2) return false;
  const { source } = describe([last]);
  return new RegExp(`^${source}$`, "s").test("");
}

function convert(converter: Converter, raw: string): unknown {
  try {
    return converter.toValue(raw);
  } catch (error) {
    if (error instanceof ValidationError) return REJECTED;
    throw error;
  }
}
