import { escapeRegex, keepRaw, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";
import type { RuleEntry } from "../router.js";

/**
 * A rule as the trie stores it at the node where its path ends: its entry, the `toValue` of each converter
 * in the order the walk captures their raw text (null where the text is kept as is), and a factory that
 * builds its params object from the converted values.
 *
 * @example
 * ```ts
 * const leaf = leafOf(entry, [intConverter]);
 * leaf.params([7]); // { id: 7 }
 * ```
 */
export interface Leaf<T> {
  readonly entry: RuleEntry<T>;
  readonly toValues: ReadonlyArray<Converter["toValue"] | null>;
  readonly params: ParamsFactory;
}

/**
 * The leaf of a rule whose converters, in path order, are `converters`.
 *
 * @example
 * ```ts
 * (node.leaves ??= []).push(leafOf(entry, describe(segments).converters));
 * ```
 */
export function leafOf<T>(entry: RuleEntry<T>, converters: readonly Converter[]): Leaf<T> {
  return { entry, toValues: converters.map((c) => (c.toValue === keepRaw ? null : c.toValue)), params: paramsFactory(entry.rule.names) };
}

type ParamsFactory = (values: readonly unknown[]) => Record<string, unknown>;
// Rules with the same variable names share a factory: big apps repeat a few name lists many times.
const factories = new Map<string, ParamsFactory>();

// One object literal per name list, so every params object of a rule is born with all its keys in one
// shape instead of growing key by key. Names are JSON-quoted, so no name can inject code.
function paramsFactory(names: readonly string[]): ParamsFactory {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(", ");
  let factory = factories.get(fields);
  if (factory === undefined) {
    factory = new Function("v", `return { ${fields} };`) as ParamsFactory;
    factories.set(fields, factory);
  }
  return factory;
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

const NONE: readonly never[] = Object.freeze([]);

/**
 * One node of the segment trie: literal children in a `Map` (and, while they are few, in two parallel
 * arrays the walk compares in place, sparing the segment's string), converter edges in Werkzeug order,
 * and the rules whose path ends here (several when rules differ only in variable names or converter
 * arguments).
 *
 * @example
 * ```ts
 * const root = new TrieNode<string>();
 * const about = root.child("about");
 * ```
 */
export class TrieNode<T> {
  static readonly SCAN_LIMIT = 8;
  readonly statics = new Map<string, TrieNode<T>>();
  // Empty (and shared) while the node has no literal child, or more than SCAN_LIMIT of them.
  staticKeys: readonly string[] = NONE;
  staticNodes: ReadonlyArray<TrieNode<T>> = NONE;
  readonly edges: Array<Edge<T>> = [];
  leaves: Array<Leaf<T>> | undefined;

  /** The literal child for `text`, created when missing. */
  child(text: string): TrieNode<T> {
    let child = this.statics.get(text);
    if (child === undefined) {
      child = new TrieNode<T>();
      this.statics.set(text, child);
      const few = this.statics.size <= TrieNode.SCAN_LIMIT;
      this.staticKeys = few ? [...this.staticKeys, text] : NONE;
      this.staticNodes = few ? [...this.staticNodes, child] : NONE;
    }
    return child;
  }
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

