import { escapeRegex, type Converter } from "../converters.js";
import type { ParsedRule } from "../rule.js";
import type { RuleEntry } from "../router.js";

/**
 * A rule as the trie stores it at the node where its path ends: its entry plus its converters, in the
 * order the walk captures their raw text.
 *
 * @example
 * ```ts
 * const leaf: Leaf<string> = { entry, names: ["id"], converters: [intConverter] };
 * ```
 */
export interface Leaf<T> {
  readonly entry: RuleEntry<T>;
  readonly names: readonly string[];
  readonly converters: readonly Converter[];
}

/**
 * How an edge consumes the path:
 * - `segment`: one whole segment, captured as is (`/<int:id>/`); `test` is null when any non-empty
 *   segment fits (the default string converter), which spares the regex;
 * - `pattern`: one segment mixing text and variables (`/<name>.<ext>`), one capture group per variable;
 * - `tail`: the rest of the path from this segment on, once a converter may span `/` (`/<path:p>/edit`).
 *
 * @example
 * ```ts
 * const edge: Edge<string> = { kind: "segment", key, order: [1, 50], test: /^(?:\d+)$/s, next: new TrieNode() };
 * ```
 */
export type Edge<T> =
  | { readonly kind: "segment"; readonly key: string; readonly order: readonly number[]; readonly test: RegExp | null; readonly next: TrieNode<T> }
  | { readonly kind: "pattern"; readonly key: string; readonly order: readonly number[]; readonly regex: RegExp; readonly next: TrieNode<T> }
  | { readonly kind: "tail"; readonly key: string; readonly order: readonly number[]; readonly regex: RegExp; readonly leaves: Array<Leaf<T>> };

/**
 * One node of the segment trie: literal children in a `Map`, converter edges in Werkzeug order, and the
 * rules whose path ends here (several when rules differ only in variable names or converter arguments).
 *
 * @example
 * ```ts
 * const root = new TrieNode<string>();
 * root.statics.set("about", new TrieNode<string>());
 * ```
 */
export class TrieNode<T> {
  readonly statics = new Map<string, TrieNode<T>>();
  readonly edges: Array<Edge<T>> = [];
  leaves: Array<Leaf<T>> | undefined;
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
  const test = ANY_SEGMENT.has(converter.regex) ? null : new RegExp(`^(?:${converter.regex})$`, "s");
  const edge = { kind: "segment" as const, key, order, test, next: new TrieNode<T>() };
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

