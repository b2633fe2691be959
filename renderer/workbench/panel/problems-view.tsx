import type { ReactElement } from "react";
import type { AppProblem } from "../../../electron/api/contract";
import { formatLocation } from "../preview/format-location";

/** The app's current problems; a row with a location opens the file there. */
export function ProblemsView(props: { problems: AppProblem[]; onOpen: (problem: AppProblem) => void }): ReactElement {
  if (props.problems.length === 0) return <p className="panel-empty">No problems.</p>;
  return (
    <ul className="panel-problems" aria-label="Problems" data-testid="panel-problems">
      {props.problems.map((problem) => (
        <li key={problem.id}>
          <button
            type="button"
            className={`panel-problem panel-problem-${problem.severity}`}
            data-testid="panel-problem"
            disabled={problem.location === undefined}
            onClick={() => props.onOpen(problem)}
          >
            <span className="panel-problem-icon" aria-label={problem.severity}>
              {problem.severity === "error" ? "✖" : "⚠"}
            </span>
            <span className="panel-problem-message">{problem.message}</span>
            {problem.location && <span className="panel-problem-location">{formatLocation(problem.location)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
