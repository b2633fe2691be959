import type { ReactElement } from "react";
import { useStudio } from "../../studio-context";
import { useStore } from "../../state/use-store";
import { appHostStoreFor } from "../preview/app-host-store";
import { diagnosticsStoreFor } from "./diagnostics-store";
import { problemRows } from "./problem-rows";
import "./panel.css";

/** The status bar's count of what the Problems panel lists: errors and warnings; a click shows the list. */
export function ProblemsStatusItem(): ReactElement {
  const studio = useStudio();
  const appProblems = useStore(appHostStoreFor(studio.client).state, (state) => state.problems);
  const diagnostics = useStore(diagnosticsStoreFor(studio.client).state);
  const rows = problemRows(appProblems, diagnostics);
  const errors = rows.filter((row) => row.severity === "error").length;
  const warnings = rows.length - errors;
  return (
    <button
      type="button"
      className="status-button problems-status"
      data-testid="status-problems"
      title="Show Problems"
      aria-label={`${errors} errors, ${warnings} warnings: show Problems`}
      onClick={() => studio.layout.showPanel("problems")}
    >
      <span>✖ {errors}</span>
      <span>⚠ {warnings}</span>
    </button>
  );
}
