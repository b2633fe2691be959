import { escapeRegex, keepRaw, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";

/**
 * A rule as the trie stores it at the node where its path ends: the methods registered for it and their
 * values (parallel arrays, in registration order: an app registers a handful per rule, fewer than a `Map`
 * lookup is worth), and how its params are built from what the walk captured.
 * - `direct`, when every variable is one whole segment kept as is (the default `string` converter, `any`):
 *   builds the params straight from the captured bounds in the path;
 * - otherwise `toValues` (each converter's `toValue` in capture order, null where the text is kept as is)
 *   turns the captured texts into values, and `params` builds the params object from them.
 *
 * @example
 * ```ts
 * const rule = parseRule("/users/<name>", defaultConverters);
 * const leaf = leafOf(rule, segmentsOf(rule));
 * leaf.direct?.("/users/ada", [7], [10]); // { name: "ada" }
 * ```
 */
export interface Leaf<T> {
  readonly methods: string[];
  readonly values: T[];
  readonly direct: DirectParams | null;
  readonly toValues: ReadonlyArray<Converter["toValue"] | null>;
  readonly params: ParamsFactory;
}

/**
 * The leaf of `rule`, split into `segments` (see {@link segmentsOf}), with no methods yet.
 *
 * @example
 * ```ts
 * (node.leaves ??= []).push(leafOf(rule, segmentsOf(rule)));
 * ```
 */
export function leafOf<T>(rule: ParsedRule, segments: ReadonlyArray<readonly Piece[]>): Leaf<T> {
  const { names } = rule;
  const { converters } = describe(segments);
  const wholeSegments = segments.every((pieces) => pieces.length === 1 || pieces.every((piece) => "text" in piece));
  const kept = converters.every((c) => c.toValue === keepRaw && !spansSlash(c));
  return {
    methods: [],
    values: [],
    direct: wholeSegments && kept ? cached(directFactories, names, directParams) : null,
    toValues: converters.map((c) => (c.toValue === keepRaw ? null : c.toValue)),
    params: cached(factories, names, paramsFactory),
  };
}

/**
 * Werkzeug's default for `part_isolating`: a converter whose regex mentions `/` may span segments.
 *
 * @example
 * ```ts
 * spansSlash(pathConverter); // true
 * ```
 */
export function spansSlash(converter: Converter): boolean {
  return converter.partIsolating === undefined ? converter.regex.includes("/") : !converter.partIsolating;
}

type ParamsFactory = (values: readonly unknown[]) => Record<string, unknown>;
type DirectParams = (path: string, starts: readonly number[], ends: readonly number[]) => Record<string, unknown>;
// Rules with the same variable names share a factory: big apps repeat a few name lists many times.
const factories = new Map<string, ParamsFactory>();
const directFactories = new Map<string, DirectParams>();

function cached<F>(made: Map<string, F>, names: readonly string[], make: (names: readonly string[]) => F): F {
  const key = names.join("/");
  let factory = made.get(key);
  if (factory === undefined) {
    factory = make(names);
    made.set(key, factory);
  }
  return factory;
}

// One object literal per name list, so every params object of a rule is born with all its keys in one
// shape instead of growing key by key. Names are JSON-quoted, so no name can inject code.
function paramsFactory(names: readonly string[]): ParamsFactory {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as ParamsFactory;
}

// The same object literal, its values sliced straight from the path: no array of values in between.
function directParams(names: readonly string[]): DirectParams {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: p.slice(s[${i}], e[${i}])`).join(", ");
  return new Function("p", "s", "e", `return { ${fields} };`) as DirectParams;
}

/**
 * How an edge consumes the path:
 * - `segment`: one whole segment, captured as is (`/<int:id>/`). `fit` says how a non-empty segment is
 *   tested: `any` fits every one (the default string converter) and `digits` those of ASCII digits only
 *   (`int`), both without a regex; `sticky` runs `test` from the segment's start in the whole path and
 *   fits when it stops at the segment's end; `sliced` (a regex that may match `/`) runs `test` anchored on
 *   the segment's own text. `empty` says whether the empty segment fits;
 * - `pattern`: one segment mixing text and variables (`/<name>.<ext>`), one capture group per variable;
 * - `tail`: the rest of the path from this segment on, once a converter may span `/` (`/<path:p>/edit`).
 *
 * @example
 * ```ts
 * const edge: Edge<string> = { kind: "segment", key, order: [1, 100], fit: "sticky", test: /(?:[a-z]+)(?=\/|$)/ys, empty: false, next: new TrieNode() };
 * ```
 */
export type Edge<T> =
  | {
      readonly kind: "segment";
      readonly key: string;
      readonly order: readonly number[];
      readonly fit: "any" | "digits" | "sticky" | "sliced";
      readonly test: RegExp;
      readonly empty: boolean;
      readonly next: TrieNode<T>;
    }
  | { readonly kind: "pattern"; readonly key: string; readonly order: readonly number[]; readonly regex: RegExp; readonly next: TrieNode<T> }
  | { readonly kind: "tail"; readonly key: string; readonly order: readonly number[]; readonly regex: RegExp; readonly leaves: Array<Leaf<T>> };

/**
 * The hash that keys a node's literal children: the segment's length and three of its characters (first,
 * middle, last). Reading three characters costs far less in V8 than hashing every one in a `charCodeAt`
 * loop (such a loop was a third of a lookup), and still tells apart the literal children of real apps;
 * children whose hashes collide are told apart by their text.
 */
function segmentHash(path: string, start: number, end: number): number {
  const size = end - start;
  if (size === 0) return 0;
  let hash = Math.imul(size, 31) + path.charCodeAt(start);
  hash = Math.imul(hash, 31) + path.charCodeAt(start + (size >> 1));
  return (Math.imul(hash, 31) + path.charCodeAt(end - 1)) | 0;
}

interface Slot<T> {
  readonly key: string;
  readonly hash: number;
  readonly node: TrieNode<T>;
}

// The table of every node without literal children: one free slot, shared, so never written (a node's first
// child makes it a table of its own). Not frozen: that would give the walk two kinds of array to read.
const NO_SLOTS: Array<Slot<never> | null> = [null];

/**
 * One node of the segment trie: literal children, converter edges in Werkzeug order, and the rules whose
 * path ends here (several when rules differ only in variable names or converter arguments).
 *
 * Literal children live in an open-addressed hash table (linear probing, at most half full) keyed by
 * {@link segmentHash}, so the walk finds a child with one slice and one comparison: a `Map` keyed by the
 * segment's text had V8 hash all its characters first, and that lookup was the largest cost of a match.
 *
 * @example
 * ```ts
 * const root = new TrieNode<string>();
 * const about = root.child("about");
 * ```
 */
export class TrieNode<T> {
  #slots: Array<Slot<T> | null> = NO_SLOTS;
  #count = 0;
  readonly edges: Array<Edge<T>> = [];
  leaves: Array<Leaf<T>> | undefined;

  /** The literal child whose text is `path[start, end)`. */
  find(path: string, start: number, end: number): TrieNode<T> | undefined {
    if (this.#count === 0) return undefined;
    const hash = segmentHash(path, start, end);
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[i];
      if (slot === null || slot === undefined) return undefined;
      // A slice and `===` (both V8 builtins) compare faster than `startsWith(key, start)`, which V8 turns
      // into a loop over the characters.
      if (slot.hash === hash && slot.key.length === end - start && path.slice(start, end) === slot.key) return slot.node;
    }
  }

  /** The literal child for `text`, created when missing. */
  child(text: string): TrieNode<T> {
    const found = this.find(text, 0, text.length);
    if (found !== undefined) return found;
    const node = new TrieNode<T>();
    this.#count++;
    if (2 * this.#count > this.#slots.length) this.#slots = rehash(this.#slots, 2 * this.#slots.length);
    place(this.#slots, { key: text, hash: segmentHash(text, 0, text.length), node });
    return node;
  }
}

function rehash<T>(slots: ReadonlyArray<Slot<T> | null>, size: number): Array<Slot<T> | null> {
  const grown = Array.from({ length: size }, (): Slot<T> | null => null);
  for (const slot of slots) if (slot !== null) place(grown, slot);
  return grown;
}

function place<T>(slots: Array<Slot<T> | null>, slot: Slot<T>): void {
  const mask = slots.length - 1;
  let i = slot.hash & mask;
  while (slots[i] !== null) i = (i + 1) & mask;
  slots[i] = slot;
}

type Piece = { text: string } | { converter: Converter };

/**
 * A rule split at its slashes, so that each piece list is one path segment (the leading slash gives no
 * segment; a trailing slash gives a final empty one, as the path `/a/` does).
 *
 * @example
 * ```ts
 * segmentsOf(parseRule("/files/<name>.<ext>", defaultConverters)); // [[{ text: "files" }], [name, { text: "." }, ext]]
 * ```
 */
export function segmentsOf(rule: ParsedRule): Piece[][] {
  const segments: Piece[][] = [];
  let current: Piece[] | undefined;
  for (const part of rule.parts) {
    if ("converter" in part) {
      current?.push({ converter: part.converter });
      continue;
    }
    const pieces = part.text.split("/");
    const head = pieces[0] as string;
    if (current !== undefined && head !== "") current.push({ text: head });
    for (let i = 1; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      current = piece === "" ? [] : [{ text: piece }];
      segments.push(current);
    }
  }
  return segments;
}

/**
 * Whether a segment can be a `Map` key (literal text only); its text is then returned.
 *
 * @example
 * ```ts
 * staticText([{ text: "about" }]); // "about"
 * ```
 */
export function staticText(pieces: readonly Piece[]): string | undefined {
  let text = "";
  for (const piece of pieces) {
    if ("converter" in piece) return undefined;
    text += piece.text;
  }
  return text;
}

/**
 * The regex source of pieces (one capture group per converter) and their Werkzeug order key: literal text
 * `[0, -length]`, converters `[1, weight]`, compared like `compareRules`.
 *
 * @example
 * ```ts
 * describe([{ converter: intConverter }]); // { source: "(\\d+)", order: [1, 50], converters: [intConverter] }
 * ```
 */
export function describe(segments: ReadonlyArray<readonly Piece[]>): { source: string; order: number[]; converters: Converter[] } {
  let source = "";
  const order: number[] = [];
  const converters: Converter[] = [];
  segments.forEach((pieces, index) => {
    if (index > 0) {
      source += "/";
      order.push(0, -1);
    }
    for (const piece of pieces) {
      if ("text" in piece) {
        source += escapeRegex(piece.text);
        order.push(0, -piece.text.length);
      } else {
        source += `(${piece.converter.regex})`;
        order.push(1, piece.converter.weight ?? 100);
        converters.push(piece.converter);
      }
    }
  });
  return { source, order, converters };
}

/**
 * Orders edges the way `compareRules` orders rules: lower key first, and of two keys where one starts
 * the other, the longer (more specific) one first. Equal keys keep their registration order.
 *
 * @example
 * ```ts
 * edges.sort(compareEdges);
 * ```
 */
export function compareEdges<T>(a: Edge<T>, b: Edge<T>): number {
  const n = Math.min(a.order.length, b.order.length);
  for (let i = 0; i < n; i++) {
    const diff = (a.order[i] as number) - (b.order[i] as number);
    if (diff !== 0) return diff;
  }
  return b.order.length - a.order.length;
}

/** Regexes of the default string converter: any non-empty segment matches them, so they need no test. */
const ANY_SEGMENT = new Set(["[^/]{1,}", "[^/]+"]);
/** The regex of the default `int` converter: a run of ASCII digits (`\d` means no more, even with `u`). */
const DIGITS = "\\d+";

/**
 * The edge out of `node` for one converter segment, shared by every rule with the same regex and weight.
 *
 * @example
 * ```ts
 * node = segmentEdge(node, intConverter).next;
 * ```
 */
export function segmentEdge<T>(node: TrieNode<T>, converter: Converter): Extract<Edge<T>, { kind: "segment" }> {
  const order = [1, converter.weight ?? 100];
  const key = `segment\u0000${order[1]}\u0000${converter.regex}`;
  const found = node.edges.find((e) => e.key === key);
  if (found !== undefined) return found as Extract<Edge<T>, { kind: "segment" }>;
  const anchored = new RegExp(`^(?:${converter.regex})$`, "s");
  const { regex } = converter;
  const fit = ANY_SEGMENT.has(regex) ? "any" : regex === DIGITS ? "digits" : regex.includes("/") ? "sliced" : "sticky";
  const test = fit === "sticky" ? new RegExp(`(?:${regex})(?=/|$)`, "ys") : anchored;
  const edge: Extract<Edge<T>, { kind: "segment" }> = { kind: "segment", key, order, fit, test, empty: anchored.test(""), next: new TrieNode<T>() };
  insertEdge(node, edge);
  return edge;
}

/**
 * The edge out of `node` for a segment mixing text and variables.
 *
 * @example
 * ```ts
 * node = patternEdge(node, pieces).next;
 * ```
 */
export function patternEdge<T>(node: TrieNode<T>, pieces: readonly Piece[]): Extract<Edge<T>, { kind: "pattern" }> {
  const { source, order } = describe([pieces]);
  const key = `pattern\u0000${order.join(",")}\u0000${source}`;
  const found = node.edges.find((e) => e.key === key);
  if (found !== undefined) return found as Extract<Edge<T>, { kind: "pattern" }>;
  const edge = { kind: "pattern" as const, key, order, regex: new RegExp(`^${source}$`, "s"), next: new TrieNode<T>() };
  insertEdge(node, edge);
  return edge;
}

/**
 * The edge out of `node` that matches the rest of the path at once (from the first segment holding a
 * converter that may span `/`).
 *
 * @example
 * ```ts
 * tailEdge(node, segments.slice(i)).leaves.push(leaf);
 * ```
 */
export function tailEdge<T>(node: TrieNode<T>, segments: ReadonlyArray<readonly Piece[]>): Extract<Edge<T>, { kind: "tail" }> {
  const { source, order } = describe(segments);
  const key = `tail\u0000${order.join(",")}\u0000${source}`;
  const found = node.edges.find((e) => e.key === key);
  if (found !== undefined) return found as Extract<Edge<T>, { kind: "tail" }>;
  const edge = { kind: "tail" as const, key, order, regex: new RegExp(`^${source}$`, "s"), leaves: [] as Array<Leaf<T>> };
  insertEdge(node, edge);
  return edge;
}

function insertEdge<T>(node: TrieNode<T>, edge: Edge<T>): void {
  node.edges.push(edge);
  node.edges.sort(compareEdges);
}

