import type { ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { ErrorBoundary } from "../../ui/error-boundary";
import { AppStatusItem, ProblemsStatusItem } from "../panel";

const LANGUAGE_NAMES: Record<string, string> = {
  typescript: "TypeScript",
  javascript: "JavaScript",
  "jinja-html": "HTML (Jinja)",
  json: "JSON",
  css: "CSS",
  markdown: "Markdown",
  plaintext: "Plain Text",
};

/** The bottom line: project, the running app's status (app-host's slot), cursor and language. */
export function StatusBar(): ReactElement {
  const studio = useStudio();
  const project = useStore(studio.workspace.state, (state) => state.project);
  const cursor = useStore(studio.cursor);
  const dirtyCount = useStore(studio.editors.state, (state) => state.tabs.filter((tab) => tab.dirty).length);
  return (
    <footer className="status-bar" aria-label="Status bar" data-testid="status-bar">
      <div className="status-group">
        <span className="status-item" data-testid="status-project" title={project?.dir}>
          {project ? project.name : "No project"}
        </span>
        {dirtyCount > 0 && (
          <span className="status-item" data-testid="status-unsaved">
            {dirtyCount} unsaved
          </span>
        )}
        {project && (
          <ErrorBoundary part="App status">
            <AppStatusItem />
          </ErrorBoundary>
        )}
        {project && (
          <ErrorBoundary part="Problems count">
            <ProblemsStatusItem />
          </ErrorBoundary>
        )}
      </div>
      <div className="status-group">
        {cursor && (
          <>
            <span className="status-item" data-testid="status-cursor">
              Ln {cursor.line}, Col {cursor.column}
            </span>
            <span className="status-item" data-testid="status-language">
              {LANGUAGE_NAMES[cursor.language] ?? cursor.language}
            </span>
          </>
        )}
      </div>
    </footer>
  );
}
