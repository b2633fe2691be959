import type { ReactElement } from "react";

/** The built-in browser pane on the right of the workbench (app-host fills this in). */
export function PreviewPane(): ReactElement {
  return (
    <section className="preview-pane" aria-label="Preview" data-testid="preview-pane">
      <p className="view-message">The preview of your running app shows here.</p>
    </section>
  );
}

/** The running app's status in the status bar (app-host fills this in). */
export function AppStatusItem(): ReactElement | null {
  return null;
}
