import type { SourceLocation } from "../../../electron/api/contract";
import type { Studio } from "../../studio";

/**
 * Opens the file of a problem in the editor (the error overlay and the Problems panel both use it).
 *
 * @example
 * await openLocation(studio, { file: "app.ts", line: 12, column: 5 });
 */
export async function openLocation(studio: Pick<Studio, "editors">, location: SourceLocation): Promise<void> {
  await studio.editors.open(location.file);
}

/** `app.ts:12:5`, as the overlay and the Problems panel print a location. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.column === undefined ? "" : `:${location.column}`}`;
}
