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

/** The same fault at the same place, whoever reported it. */
function sameProblem(problem: AppProblem, diagnostic: Diagnostic): boolean {
  const at = problem.location;
  return at !== undefined && at.file === diagnostic.path && at.line === diagnostic.line && at.column === diagnostic.column && problem.message === diagnostic.message;
}

/**
 * The Problems panel's rows: the running app's faults first (what is failing now), then the project's
 * type and template errors by file and line. A diagnostic the app reports too (a template that fails to
 * parse when a page renders) shows once, as the app's.
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
    ...diagnostics.flatMap((diagnostic, index): ProblemRow[] =>
      problems.some((problem) => sameProblem(problem, diagnostic))
        ? []
        : [
            {
              key: `${diagnostic.source}:${diagnostic.path}:${diagnostic.line}:${diagnostic.column}:${index}`,
              severity: diagnostic.severity,
              message: diagnostic.message,
              origin: diagnostic.source,
              location: { file: diagnostic.path, line: diagnostic.line, column: diagnostic.column },
            },
          ],
    ),
  ];
}
