import { describe, expect, it } from "vitest";
import { describeDifference, firstDifference, lineColumn } from "./mismatch.js";

describe("conformance failure reports", () => {
  it("finds the first differing offset, including when one output is a prefix", () => {
    expect(firstDifference("same", "same")).toBe(-1);
    expect(firstDifference("abc", "abd")).toBe(2);
    expect(firstDifference("abc", "abcdef")).toBe(3);
    expect(firstDifference("", "x")).toBe(0);
  });

  it("gives 1-based lines and columns", () => {
    expect(lineColumn("abc", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("a\nbc", 3)).toEqual({ line: 2, column: 2 });
  });

  it("puts the caret under the first differing character, with whitespace made visible", () => {
    const report = describeDifference("<ul>\n  <li>1</li>", "<ul>\n  <li>2</li>");
    const lines = report.split("\n");
    expect(lines[0]).toBe("first difference at offset 11 (line 2, column 7):");
    expect(lines[1]).toBe('  expected: "<ul>\\n  <li>1</li>"');
    expect(lines[2]).toBe('  actual:   "<ul>\\n  <li>2</li>"');
    const caret = lines[3] ?? "";
    expect(lines[1]?.[caret.indexOf("^")]).toBe("1");
    expect(lines[2]?.[caret.indexOf("^")]).toBe("2");
  });

  it("shows a window around differences deep in long outputs", () => {
    const prefix = "x".repeat(100);
    const report = describeDifference(`${prefix}A${prefix}`, `${prefix}B${prefix}`);
    const lines = report.split("\n");
    expect(lines[1]?.startsWith("  expected: …")).toBe(true);
    expect(lines[1]?.endsWith("…")).toBe(true);
    expect(lines[1]?.[(lines[3] ?? "").indexOf("^")]).toBe("A");
  });
});
