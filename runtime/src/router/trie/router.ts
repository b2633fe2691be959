import { ValidationError, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";
import type { RouteMatch, Router } from "../router.js";
import { describe, leafOf, patternEdge, segmentEdge, segmentsOf, spansSlash, staticText, tailEdge, TrieNode, type Edge, type Leaf } from "./node.js";

const REJECTED = Symbol("rejected");
// What a walk of the slashed path returns when some rule matches it: the caller answers with a redirect.
const SLASHED: RouteMatch<never> = Object.freeze({ type: "redirect", path: "" });
const NOT_FOUND: RouteMatch<never> = Object.freeze({ type: "notFound" });
type SegmentEdge = Extract<Edge<unknown>, { kind: "segment" }>;

/**
 * The default router: a segment trie. Literal segments are found in a hash table of each node's literal
 * children (see `TrieNode`); converter edges (one whole segment, a segment mixing text and variables like
 * `<name>.<ext>`, or the rest of the path once a converter may span `/`) are tried in Werkzeug order with
 * backtracking: literal before converter, cheaper converter first, `path` last. Fully literal rules are
 * answered by one lookup before any walk. A lookup allocates only the texts of the literal segments it
 * compares and of the variables it captures, the params and the result. The trailing-slash redirect walks
 * the path again as if it ended with `/`, and only when a rule could match such a path.
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
  readonly #byRule = new Map<string, Leaf<T>>();
  readonly #static = new Map<string, Leaf<T>>();
  // Whether some rule can match a path ending in an empty segment, so that the slash retry can succeed.
  #slashable = false;
  // The state of the current walk; `match` is synchronous, so one set per router suffices.
  // Captures of the current branch, slots `[0, #top)`: a segment as its bounds in the path (`#starts`,
  // `#ends`), a regex group as its text (`#raw`, with start -1). Slots are reused, never truncated (that
  // is slow); `#values` holds the converted values a leaf's `params` reads.
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #raw: string[] = [];
  readonly #values: unknown[] = [];
  #top = 0;
  #method = "";
  #path = "";
  #length = 0;
  #slashed = false;
  #allowed: Set<string> | undefined;

  add(method: string, rule: ParsedRule, value: T): void {
    let leaf = this.#byRule.get(rule.rule);
    if (leaf === undefined) {
      leaf = this.#insert(rule);
      this.#byRule.set(rule.rule, leaf);
      if (rule.staticPath !== undefined) this.#static.set(rule.staticPath, leaf);
    }
    if (!leaf.methods.includes(method)) {
      leaf.methods.push(method);
      leaf.values.push(value);
    }
  }

  match(method: string, path: string): RouteMatch<T> {
    const hit = this.#static.get(path);
    if (hit !== undefined) {
      // Literal text always sorts before a converter, so no other rule can outrank a static hit.
      const i = methodIndex(hit, method);
      if (i !== -1) return { type: "found", value: hit.values[i] as T, params: {} };
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
  // ended with one more `/` (`#length` counts it). Converter segments are tested in place; the texts of
  // captured variables become strings only once a rule matches. It loops down the path and calls itself
  // only where a branch may fail with another left to try (a literal child beside edges, an edge before
  // another): a call per segment cost more than the segment's own work. A call may return with `#top`
  // raised by the branch it followed, so each caller restores its own.
  #walk(node: TrieNode<T>, start: number): RouteMatch<T> | undefined {
    const path = this.#path;
    descend: for (;;) {
      if (start > this.#length) return node.leaves === undefined ? undefined : this.#acceptAny(node.leaves);
      let end = path.indexOf("/", start);
      if (end === -1) end = start > path.length ? start : path.length;
      const size = end - start;
      const edges = node.edges;
      const child = node.find(path, start, end);
      if (child !== undefined) {
        if (edges.length === 0) {
          node = child;
          start = end + 1;
          continue;
        }
        const top = this.#top;
        const found = this.#walk(child, end + 1);
        if (found !== undefined) return found;
        this.#top = top;
      }
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e] as (typeof edges)[number];
        const top = this.#top;
        let found: RouteMatch<T> | undefined;
        if (edge.kind === "segment") {
          if (!(size === 0 ? edge.empty : edge.fit === "any" || fits(edge, path, start, end))) continue;
          this.#starts[top] = start;
          this.#ends[top] = end;
          this.#top = top + 1;
          if (e === edges.length - 1) {
            node = edge.next;
            start = end + 1;
            continue descend;
          }
          found = this.#walk(edge.next, end + 1);
        } else {
          const tail = edge.kind === "tail";
          const text = tail ? (this.#slashed ? `${path}/`.slice(start) : path.slice(start)) : path.slice(start, end);
          const m = edge.regex.exec(text);
          if (m === null) continue;
          for (let i = 1; i < m.length; i++) {
            this.#starts[top + i - 1] = -1;
            this.#raw[top + i - 1] = m[i] as string;
          }
          this.#top = top + m.length - 1;
          found = tail ? this.#acceptAny(edge.leaves) : this.#walk(edge.next, end + 1);
        }
        if (found !== undefined) return found;
        this.#top = top;
      }
      return undefined;
    }
  }

  #acceptAny(leaves: ReadonlyArray<Leaf<T>>): RouteMatch<T> | undefined {
    for (let i = 0; i < leaves.length; i++) {
      const found = this.#accept(leaves[i] as Leaf<T>);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #accept(leaf: Leaf<T>): RouteMatch<T> | undefined {
    const direct = leaf.direct;
    if (direct === null && !this.#convert(leaf.toValues)) return undefined;
    if (this.#slashed) return SLASHED;
    const i = methodIndex(leaf, this.#method);
    if (i !== -1) {
      const params = direct === null ? leaf.params(this.#values) : direct(this.#path, this.#starts, this.#ends);
      return { type: "found", value: leaf.values[i] as T, params };
    }
    this.#allowed ??= new Set();
    for (const m of leaf.methods) this.#allowed.add(m);
    return undefined;
  }

  // Fills `#values` from the captures; false when a converter rejects its text.
  #convert(toValues: Leaf<T>["toValues"]): boolean {
    const values = this.#values;
    const path = this.#path;
    for (let i = 0; i < toValues.length; i++) {
      const from = this.#starts[i] as number;
      const raw = from === -1 ? (this.#raw[i] as string) : path.slice(from, this.#ends[i]);
      const toValue = toValues[i];
      // The common converters keep the text as is: no call, no try.
      const value = toValue === null || toValue === undefined ? raw : convert(toValue, raw);
      if (value === REJECTED) return false;
      values[i] = value;
    }
    return true;
  }

  #insert(rule: ParsedRule): Leaf<T> {
    const segments = segmentsOf(rule);
    const leaf = leafOf<T>(rule, segments);
    let node = this.#root;
    for (let i = 0; i < segments.length; i++) {
      const pieces = segments[i] as (typeof segments)[number];
      const text = staticText(pieces);
      if (text !== undefined) {
        node = node.child(text);
      } else if (segments.slice(i).some((s) => s.some((p) => "converter" in p && spansSlash(p.converter)))) {
        tailEdge(node, segments.slice(i)).leaves.push(leaf);
        this.#slashable = true;
        return leaf;
      } else if (pieces.length === 1 && "converter" in (pieces[0] as (typeof pieces)[number])) {
        const converter = (pieces[0] as { converter: Converter }).converter;
        node = segmentEdge(node, converter).next;
      } else {
        node = patternEdge(node, pieces).next;
      }
    }
    (node.leaves ??= []).push(leaf);
    this.#slashable ||= endsEmpty(segments);
    return leaf;
  }
}

// Where `method` is in the leaf's methods, or -1.
function methodIndex(leaf: Leaf<unknown>, method: string): number {
  const methods = leaf.methods;
  for (let i = 0; i < methods.length; i++) if (methods[i] === method) return i;
  return -1;
}

// Whether the rule can match some path with `/` appended: its last segment can be empty, and it has
// another one (a slashed path has at least two segments, so `/` itself never makes a retry succeed).
function endsEmpty(segments: ReturnType<typeof segmentsOf>): boolean {
  const last = segments[segments.length - 1];
  if (last === undefined || segments.length < 2) return false;
  const { source } = describe([last]);
  return new RegExp(`^${source}$`, "s").test("");
}

// Whether the non-empty segment `path[start, end)` fits a segment edge (see `Edge`).
function fits(edge: SegmentEdge, path: string, start: number, end: number): boolean {
  const test = edge.test;
  switch (edge.fit) {
    case "digits":
      for (let i = start; i < end; i++) {
        const code = path.charCodeAt(i);
        if (code < 48 || code > 57) return false;
      }
      return true;
    case "sliced":
      return test.test(path.slice(start, end));
    default:
      test.lastIndex = start;
      return test.test(path) && test.lastIndex === end;
  }
}

function convert(toValue: Converter["toValue"], raw: string): unknown {
  try {
    return toValue(raw);
  } catch (error) {
    if (error instanceof ValidationError) return REJECTED;
    throw error;
  }
}
