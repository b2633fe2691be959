/**
 * Find in Files' matching, pure: a query becomes a regular expression, a line becomes its match
 * ranges, and a long line becomes a short preview around its first match.
 */
import type { SearchLine, SearchQuery } from "../../api/contract.js";
import { HostFailure } from "../../api/errors.js";

/** A compiled query: finds the matches of one line. */
export interface LineMatcher {
  /** Every non-empty match of `line`, left to right, as [start, end) offsets. */
  ranges(line: string): { start: number; end: number }[];
  /**
   * `line` with each of its {@link ranges} replaced: by `replacement` as written, or for a regular
   * expression as JavaScript's `replace` expands it (`$1`, `$<name>`, `$&`, `$$`).
   */
  replace(line: string, replacement: string): { text: string; replaced: number };
}

const wordChar = /[\p{L}\p{N}_]/u;

function isWordAt(line: string, index: number): boolean {
  const char = line[index];
  return char !== undefined && wordChar.test(char);
}

/**
 * Compiles a query; null for an empty one (nothing to find). A bad regular expression fails with
 * `bad-request` and JavaScript's reason, before any file is read.
 *
 * @example
 * compileQuery({ query: "title", matchCase: false, wholeWord: true, regex: false })?.ranges("<title>Title</title>");
 * // [{ start: 1, end: 6 }, { start: 7, end: 12 }, { start: 14, end: 19 }]
 */
export function compileQuery(query: Pick<SearchQuery, "query" | "matchCase" | "wholeWord" | "regex">): LineMatcher | null {
  if (query.query === "") return null;
  const source = query.regex ? query.query : query.query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const flags = query.matchCase ? "g" : "gi";
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, flags);
  } catch (error) {
    // V8 says "Invalid regular expression: /(/gi: Unterminated group"; the user typed neither slashes nor flags.
    const message = error instanceof Error ? error.message : String(error);
    const prefix = `Invalid regular expression: /${source}/${flags}: `;
    throw new HostFailure("bad-request", `Invalid regular expression: ${message.startsWith(prefix) ? message.slice(prefix.length) : message}.`);
  }
  // Matches just at `lastIndex`: replacing one match with it expands `$` patterns against the whole
  // line, so lookbehinds and anchors see what they saw when the match was found.
  const atIndex = query.regex ? new RegExp(source, `${flags.replace("g", "")}y`) : null;
  const ranges = (line: string): { start: number; end: number }[] => {
    const found: { start: number; end: number }[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
      const start = match.index;
      const end = start + match[0].length;
      // An empty match (`x*`, `^`) marks no text; a whole-word match must not sit inside a word.
      // Either way the next try starts one further on, so the loop always moves.
      if (end === start || (query.wholeWord && (isWordAt(line, start - 1) || isWordAt(line, end)))) {
        pattern.lastIndex = start + 1;
        continue;
      }
      found.push({ start, end });
    }
    return found;
  };
  return {
    ranges,
    replace(line, replacement) {
      const found = ranges(line);
      let text = "";
      let at = 0;
      for (const { start, end } of found) {
        text += line.slice(at, start);
        if (atIndex) {
          atIndex.lastIndex = start;
          const expanded = line.replace(atIndex, replacement);
          text += expanded.slice(start, expanded.length - (line.length - end));
        } else {
          text += replacement;
        }
        at = end;
      }
      return { text: text + line.slice(at), replaced: found.length };
    },
  };
}

/** Characters of a preview, and how many of them come before the first match when the line is cut. */
const previewLength = 200;
const previewLead = 20;

/**
 * One result line: the line's text without its indentation, cut to about 200 characters around the
 * first match, with the ranges moved to match. `ranges` must be non-empty and in order.
 *
 * @example
 * previewLine(7, "    const title = 'Home';", [{ start: 10, end: 15 }]);
 * // { line: 7, column: 11, text: "const title = 'Home';", ranges: [{ start: 6, end: 11 }], matches: 1 }
 */
export function previewLine(line: number, text: string, ranges: { start: number; end: number }[]): SearchLine {
  const first = ranges[0] ?? { start: 0, end: 0 };
  const indent = text.length - text.trimStart().length;
  const from = Math.max(Math.min(indent, first.start), first.start - previewLead);
  const to = Math.min(text.length, from + previewLength);
  const lead = from > indent ? "…" : "";
  const shift = lead.length - from;
  return {
    line,
    column: first.start + 1,
    text: lead + text.slice(from, to) + (to < text.length ? "…" : ""),
    ranges: ranges
      .filter((range) => range.start < to)
      .map((range) => ({ start: range.start + shift, end: Math.min(range.end, to) + shift })),
    matches: ranges.length,
  };
}
