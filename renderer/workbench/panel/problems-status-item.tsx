import type { ReactElement } from "react";
import { useStudio } from "../../studio-context";
import { useStore } from "../../state/use-store";
import { appHostStoreFor } from "../preview/app-host-store";
import { diagnosticsStoreFor } from "./diagnostics-store";
import { problemRows } from "./problem-rows";
import "./panel.css";

/** The status bar's count of what the Problems panel lists: errors and warnings. */
export function ProblemsStatusItem(): ReactElement {
  const studio = useStudio();
  const appProblems = useStore(appHostStoreFor(studio.client).state, (state) => state.problems);
  const diagnostics = useStore(diagnosticsStoreFor(studio.client).state);
  const rows = problemRows(appProblems, diagnostics);
  const errors = rows.filter((row) => row.severity === "error").length;
  const warnings = rows.length - errors;
  return (
    <span className="problems-status" data-testid="status-problems" title="Problems">
      <span aria-label={`${errors} errors`}>✖ {errors}</span>
      <span aria-label={`${warnings} warnings`}>⚠ {warnings}</span>
    </span>
  );
}
