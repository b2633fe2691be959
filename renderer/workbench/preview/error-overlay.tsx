import type { ReactElement } from "react";
import type { AppProblem } from "../../../electron/api/contract";
import { formatLocation } from "./format-location";

const titles: Record<AppProblem["kind"], string> = {
  compile: "Build failed",
  import: "The app failed while loading",
  export: "No app exported",
  exit: "The app stopped",
  crash: "The app crashed",
  hang: "The app got stuck",
  port: "Port in use",
  request: "A request failed",
};

/** Shown over the preview when the app fails: what happened, where (clickable), and the stack. */
export function ErrorOverlay(props: {
  problem: AppProblem;
  onOpenLocation: () => void;
  onDismiss: () => void;
}): ReactElement {
  const { problem } = props;
  return (
    <div className="preview-overlay" role="alert" data-testid="preview-overlay">
      <div className="preview-overlay-card">
        <div className="preview-overlay-head">
          <strong>{titles[problem.kind]}</strong>
          <button type="button" className="preview-overlay-dismiss" aria-label="Dismiss" title="Dismiss" onClick={props.onDismiss}>
            ×
          </button>
        </div>
        <p className="preview-overlay-message" data-testid="preview-overlay-message">
          {problem.message}
        </p>
        {problem.location && (
          <button
            type="button"
            className="preview-overlay-location"
            data-testid="preview-overlay-location"
            title="Open in the editor"
            onClick={props.onOpenLocation}
          >
            {formatLocation(problem.location)}
          </button>
        )}
        {problem.detail && <pre className="preview-overlay-detail">{problem.detail}</pre>}
        <p className="preview-overlay-hint">Fix the code and save: the app restarts by itself.</p>
      </div>
    </div>
  );
}
