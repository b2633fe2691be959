import type { AppProblem, Diagnostic, SourceLocation } from "../../../electron/api/contract";

/** One row of the Problems panel: a fault of the running app or a static diagnostic of the code. */
export interface ProblemRow {
  key: string;
  severity: "error" | "warning";
  message: string;
  location?: SourceLocation;
  /** Who found it: the running app, the type checker or the template parser. */
  origin: "app" | Diagnostic["source"];
}

/**
 * The Problems panel's rows: the running app's faults first (what is failing now), then the project's
 * type and template errors by file and line.
 *
 * @example
 * problemRows([], [{ path: "app.ts", line: 3, column: 7, severity: "error", message: "…", source: "typescript" }]);
 * // [{ key: "typescript:app.ts:3:7:0", origin: "typescript", location: { file: "app.ts", line: 3, column: 7 }, ... }]
 */
export function problemRows(problems: readonly AppProblem[], diagnostics: readonly Diagnostic[]): ProblemRow[] {
  return [
    ...problems.map((problem): ProblemRow => ({
      key: `app:${problem.id}`,
      severity: problem.severity,
      message: problem.message,
      origin: "app",
      ...(problem.location === undefined ? {} : { location: problem.location }),
    })),
    ...diagnostics.map((diagnostic, index): ProblemRow => ({
      key: `${diagnostic.source}:${diagnostic.path}:${diagnostic.line}:${diagnostic.column}:${index}`,
      severity: diagnostic.severity,
      message: diagnostic.message,
      origin: diagnostic.source,
      location: { file: diagnostic.path, line: diagnostic.line, column: diagnostic.column },
    })),
  ];
}
