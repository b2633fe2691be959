import type { ReactElement } from "react";

/** The bottom panel: logs, requests and problems of the running app (app-host fills this in). */
export function BottomPanel(): ReactElement {
  return (
    <section className="bottom-panel" aria-label="Panel" data-testid="bottom-panel">
      <p className="view-message">Logs, requests and problems of your app show here.</p>
    </section>
  );
}
