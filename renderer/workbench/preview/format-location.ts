import type { SourceLocation } from "../../../electron/api/contract";

/**
 * `app.ts:12:5`, as the overlay and the Problems panel print a location.
 *
 * @example
 * formatLocation({ file: "app.ts", line: 12, column: 5 }); // "app.ts:12:5"
 */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.column === undefined ? "" : `:${location.column}`}`;
}
