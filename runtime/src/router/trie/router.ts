import { ValidationError, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";
import { RuleEntry, UnsupportedPathError, type RouteMatch, type Router } from "../router.js";

// A rule as the trie stores it: its entry plus its converters, applied when a walk reaches it.
interface Leaf<T> {
  readonly entry: RuleEntry<T>;
  readonly converters: readonly Converter[];
}

// Converter edges are shared by every rule whose converter has the same regex and weight, so the walk
// order depends on the converters, not on which rule happened to create the edge.
interface Edge<N> {
  readonly key: string;
  readonly weight: number;
  readonly regex: RegExp;
  readonly next: N;
}

class TrieNode<T> {
  readonly statics = new Map<string, TrieNode<T>>();
  readonly dynamics: Array<Edge<TrieNode<T>>> = [];
  readonly tails: Array<Edge<Array<Leaf<T>>>> = [];
  leaf: Leaf<T> | undefined;
}

type Segment = { text: string } | { converter: Converter; tail: boolean };

// Splits a rule into whole path segments; a variable sharing a segment with text is unsupported.
function segmentsOf(rule: ParsedRule): Segment[] {
  const out: Segment[] = [];
  const parts = rule.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as ParsedRule["parts"][number];
    if ("text" in part) {
      const pieces = part.text.split("/");
      if (pieces.shift() !== "") throw new UnsupportedPathError(rule.rule);
      if (i + 1 < parts.length && pieces.pop() !== "") throw new UnsupportedPathError(rule.rule);
      for (const piece of pieces) out.push({ text: piece });
    } else {
      const tail = part.converter.partIsolating === false;
      if (tail && i !== parts.length - 1) throw new UnsupportedPathError(rule.rule);
      out.push({ converter: part.converter, tail });
    }
  }
  return out;
}

function edgeFor<N>(edges: Array<Edge<N>>, converter: Converter, make: () => N): Edge<N> {
  const weight = converter.weight ?? 100;
  const key = `${weight}\u0000${converter.regex}`;
  let edge = edges.find((e) => e.key === key);
  if (edge === undefined) {
    edge = { key, weight, regex: new RegExp(`^(?:${converter.regex})$`, "s"), next: make() };
    edges.push(edge);
    edges.sort((a, b) => a.weight - b.weight);
  }
  return edge;
}

/**
 * A segment trie: literal segments are `Map` lookups, converters are tried per segment (cheapest weight
 * first) with backtracking, and a slash-spanning converter (`path`) may end a rule. Literal edges are
 * walked before converter edges, which visits rules in Werkzeug's order. Rules with a variable inside a
 * segment (`/<name>.<ext>`) or a `path` before the end throw `UnsupportedPathError`.
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
  // Fully literal rules answer with one lookup, before any walk.
  readonly #static = new Map<string, RuleEntry<T>>();

  add(method: string, rule: ParsedRule, value: T): void {
    let entry = this.#byRule.get(rule.rule);
    if (entry === undefined) {
      entry = this.#insert(rule);
      this.#byRule.set(rule.rule, entry);
      if (rule.staticPath !== undefined) this.#static.set(rule.staticPath, entry);
    }
    if (!entry.methods.has(method)) entry.methods.set(method, value);
  }

  match(method: string, path: string): RouteMatch<T> {
    const value = this.#static.get(path)?.methods.get(method);
    if (value !== undefined) return { type: "found", value, params: {} };
    const search = new Search<T>(method, path);
    const found = search.walk(this.#root, 1);
    if (found !== undefined) return found;
    if (search.allowed !== undefined) return { type: "methodNotAllowed", allowed: [...search.allowed].sort() };
    if (!path.endsWith("/")) {
      const retry = new Search<T>(method, `${path}/`);
      if (retry.walk(this.#root, 1) !== undefined || retry.allowed !== undefined) return { type: "redirect", path: `${path}/` };
    }
    return { type: "notFound" };
  }

  #insert(rule: ParsedRule): RuleEntry<T> {
    const segments = segmentsOf(rule);
    const leaf: Leaf<T> = {
      entry: new RuleEntry<T>(rule),
      converters: rule.parts.flatMap((p) => ("converter" in p ? [p.converter] : [])),
    };
    let node = this.#root;
    for (const segment of segments) {
      if ("text" in segment) {
        let child = node.statics.get(segment.text);
        if (child === undefined) {
          child = new TrieNode<T>();
          node.statics.set(segment.text, child);
        }
        node = child;
      } else if (segment.tail) {
        edgeFor(node.tails, segment.converter, () => [] as Array<Leaf<T>>).next.push(leaf);
        return leaf.entry;
      } else {
        node = edgeFor(node.dynamics, segment.converter, () => new TrieNode<T>()).next;
      }
    }
    node.leaf = leaf;
    return leaf.entry;
  }
}

const REJECTED = Symbol("rejected");

// One depth-first walk for one path; `raw` holds the captured segments of the current branch.
class Search<T> {
  allowed: Set<string> | undefined;
  readonly #raw: string[] = [];

  constructor(
    readonly method: string,
    readonly path: string,
  ) {}

  walk(node: TrieNode<T>, start: number): RouteMatch<T> | undefined {
    const path = this.path;
    if (start > path.length) return node.leaf === undefined ? undefined : this.#accept(node.leaf);
    let end = path.indexOf("/", start);
    if (end === -1) end = path.length;
    const segment = path.slice(start, end);
    const child = node.statics.get(segment);
    if (child !== undefined) {
      const found = this.walk(child, end + 1);
      if (found !== undefined) return found;
    }
    for (const edge of node.dynamics) {
      if (!edge.regex.test(segment)) continue;
      this.#raw.push(segment);
      const found = this.walk(edge.next, end + 1);
      this.#raw.pop();
      if (found !== undefined) return found;
    }
    if (node.tails.length > 0) {
      const rest = path.slice(start);
      for (const edge of node.tails) {
        if (!edge.regex.test(rest)) continue;
        this.#raw.push(rest);
        for (const leaf of edge.next) {
          const found = this.#accept(leaf);
          if (found !== undefined) {
            this.#raw.pop();
            return found;
          }
        }
        this.#raw.pop();
      }
    }
    return undefined;
  }

  #accept(leaf: Leaf<T>): RouteMatch<T> | undefined {
    const names = leaf.entry.rule.names;
    const params: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const value = convert(leaf.converters[i] as Converter, this.#raw[i] as string);
      if (value === REJECTED) return undefined;
      params[names[i] as string] = value;
    }
    const handler = leaf.entry.methods.get(this.method);
    if (handler !== undefined) return { type: "found", value: handler, params };
    this.allowed ??= new Set();
    for (const m of leaf.entry.methods.keys()) this.allowed.add(m);
    return undefined;
  }
}

function convert(converter: Converter, raw: string): unknown {
  try {
    return converter.toValue(raw);
  } catch (error) {
    if (error instanceof ValidationError) return REJECTED;
    throw error;
  }
}
