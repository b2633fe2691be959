import type { ReactElement } from "react";
import { formatLocation } from "../preview/format-location";
import type { ProblemRow } from "./problem-rows";

const originLabels: Record<ProblemRow["origin"], string> = { app: "app", typescript: "ts", template: "jinja" };

/** The app's current problems and the project's type and template errors; a row with a location opens the file there. */
export function ProblemsView(props: { problems: ProblemRow[]; onOpen: (problem: ProblemRow) => void }): ReactElement {
  if (props.problems.length === 0) return <p className="panel-empty">No problems.</p>;
  return (
    <ul className="panel-problems" aria-label="Problems" data-testid="panel-problems">
      {props.problems.map((problem) => (
        <li key={problem.key}>
          <button
            type="button"
            className={`row-button panel-problem panel-problem-${problem.severity}`}
            data-testid="panel-problem"
            data-origin={problem.origin}
            disabled={problem.location === undefined}
            onClick={() => props.onOpen(problem)}
          >
            <span className="panel-problem-icon" aria-label={problem.severity}>
              {problem.severity === "error" ? "✖" : "⚠"}
            </span>
            <span className="panel-problem-message">{problem.message}</span>
            {problem.location && <span className="panel-problem-location">{formatLocation(problem.location)}</span>}
            <span className="panel-problem-origin">{originLabels[problem.origin]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
