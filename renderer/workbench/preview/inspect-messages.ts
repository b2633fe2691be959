import type { SourceLocation } from "../../../electron/api/contract";

/**
 * What the inspector in the previewed page reports (electron/host/app-host/inspector-script.ts): the
 * template line under the pointer, and the one clicked (null when inspecting was cancelled).
 */
export type InspectReport = { kind: "hover"; source: string } | { kind: "picked"; source: string | null };

/** A command for the inspector in the page. */
export type InspectCommand = { vialInspect: "start" } | { vialInspect: "stop" };

/**
 * Reads a message from the previewed page; anything that is not an inspector report is undefined (the
 * page is the user's app, so every field is checked).
 *
 * @example
 * readInspectReport({ vialInspect: "picked", source: "templates/index.html:5" }); // { kind: "picked", source: "templates/index.html:5" }
 */
export function readInspectReport(data: unknown): InspectReport | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { vialInspect, source } = data as { vialInspect?: unknown; source?: unknown };
  if (vialInspect === "hover" && typeof source === "string") return { kind: "hover", source };
  if (vialInspect === "picked" && (typeof source === "string" || source === null)) return { kind: "picked", source };
  return undefined;
}

/**
 * The file and line an origin mark names (`templates/index.html:5`), if it names a project file: a
 * relative path without `..` and a positive line.
 *
 * @example
 * originLocation("templates/index.html:5"); // { file: "templates/index.html", line: 5 }
 */
export function originLocation(source: string): SourceLocation | undefined {
  const match = /^(.+):([1-9]\d*)$/.exec(source);
  if (!match) return undefined;
  const [, file = "", line = ""] = match;
  if (file.startsWith("/") || /^[A-Za-z]:/.test(file) || file.split(/[\\/]/).some((part) => part === ".." || part === "")) return undefined;
  return { file, line: Number(line) };
}
