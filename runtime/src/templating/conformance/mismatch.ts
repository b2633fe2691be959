/**
 * Failure reports for the conformance suite: where two outputs first part ways, shown so that
 * whitespace and escapes are visible.
 */

const WINDOW = 30;

/**
 * The offset of the first character where the two strings differ, or -1 when they are equal.
 * @example
 * firstDifference("abc", "abd") // 2
 */
export function firstDifference(expected: string, actual: string): number {
  if (expected === actual) return -1;
  const shorter = Math.min(expected.length, actual.length);
  for (let i = 0; i < shorter; i++) {
    if (expected[i] !== actual[i]) return i;
  }
  return shorter;
}

/**
 * The 1-based line and column of an offset in a text.
 * @example
 * lineColumn("a\nbc", 3) // { line: 2, column: 2 }
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: offset - lastBreak };
}

function excerpt(text: string, offset: number): { shown: string; caretAt: number } {
  const start = Math.max(0, offset - WINDOW);
  const lead = start > 0 ? "…" : "";
  const tail = offset + WINDOW < text.length ? "…" : "";
  const head = JSON.stringify(text.slice(start, offset)).slice(0, -1);
  const rest = JSON.stringify(text.slice(offset, offset + WINDOW)).slice(1);
  return { shown: lead + head + rest + tail, caretAt: lead.length + head.length };
}

/**
 * Two labelled excerpts around the first differing character, with a caret under it; strings are
 * JSON-quoted so spaces, newlines and tabs can be seen.
 * @example
 * describeDifference("a b", "a  b")
 * // first difference at offset 2 (line 1, column 3):
 * //   expected: "a b"
 * //   actual:   "a  b"
 * //                 ^
 */
export function describeDifference(expected: string, actual: string): string {
  const offset = firstDifference(expected, actual);
  if (offset < 0) return "outputs are identical";
  const { line, column } = lineColumn(expected, offset);
  const wanted = excerpt(expected, offset);
  const got = excerpt(actual, offset);
  const label = "  expected: ";
  return [
    `first difference at offset ${offset} (line ${line}, column ${column}):`,
    `${label}${wanted.shown}`,
    `  actual:   ${got.shown}`,
    `${" ".repeat(label.length + wanted.caretAt)}^`,
  ].join("\n");
}
