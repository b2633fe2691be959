import type { ReactElement } from "react";
import { useStudio } from "../../studio-context";
import { useStore } from "../../state/use-store";
import { appHostStoreFor } from "../preview/app-host-store";
import "./panel.css";

const stateLabels = { stopped: "Stopped", starting: "Starting…", running: "Running", error: "Failed" } as const;

/** The status bar's app item: state, port, and how long the last save took to show in the preview. */
export function AppStatusItem(): ReactElement {
  const studio = useStudio();
  const status = useStore(appHostStoreFor(studio.client).state, (state) => state.status);
  return (
    <span className={`app-status app-status-${status.state}`} data-testid="app-status" title={status.url ?? undefined}>
      <span className="app-status-dot" aria-hidden="true">
        ●
      </span>
      {stateLabels[status.state]}
      {status.port !== null && status.state !== "stopped" ? ` :${status.port}` : ""}
      {status.lastReloadMs !== null ? ` · reload ${status.lastReloadMs} ms` : ""}
    </span>
  );
}
