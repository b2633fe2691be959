import type { ReactElement } from "react";
import type { PanelTab } from "../../state/layout";
import { useStudio } from "../../studio-context";
import { useStore } from "../../state/use-store";
import { appHostStoreFor } from "../preview/app-host-store";
import { openLocation } from "../preview/open-location";
import { diagnosticsStoreFor } from "./diagnostics-store";
import { OutputView } from "./output-view";
import { problemRows } from "./problem-rows";
import { ProblemsView } from "./problems-view";
import { RequestsView } from "./requests-view";
import "./panel.css";

/** The bottom panel: the app's Output, its Requests log, and the Problems of the app and its code. */
export function BottomPanel(): ReactElement {
  const studio = useStudio();
  const appHost = appHostStoreFor(studio.client);
  const { output, requests, problems: appProblems } = useStore(appHost.state);
  const diagnostics = useStore(diagnosticsStoreFor(studio.client).state);
  const problems = problemRows(appProblems, diagnostics);
  const tab = useStore(studio.layout.state, (state) => state.panelTab);
  const tabs: Array<{ id: PanelTab; label: string; count?: number }> = [
    { id: "output", label: "Output" },
    { id: "requests", label: "Requests", count: requests.length },
    { id: "problems", label: "Problems", count: problems.length },
  ];
  return (
    <section className="panel" aria-label="Panel" data-testid="bottom-panel">
      <div className="panel-tabs" role="tablist">
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            className="panel-tab"
            aria-selected={tab === item.id}
            data-testid={`panel-tab-${item.id}`}
            onClick={() => studio.layout.showPanel(item.id)}
          >
            {item.label}
            {item.count ? <span className="panel-badge">{item.count}</span> : null}
          </button>
        ))}
        {tab === "output" && (
          <button type="button" className="panel-button panel-tabs-action" onClick={() => appHost.clearOutput()}>
            Clear
          </button>
        )}
      </div>
      {/* Every tab stays mounted so the Requests filter, the chosen request and scroll positions survive a switch. */}
      <div className="panel-body" role="tabpanel" hidden={tab !== "output"}>
        <OutputView lines={output} />
      </div>
      <div className="panel-body" role="tabpanel" hidden={tab !== "requests"}>
        <RequestsView requests={requests} onClear={() => void studio.attempt(() => appHost.clearRequests())} />
      </div>
      <div className="panel-body" role="tabpanel" hidden={tab !== "problems"}>
        <ProblemsView
          problems={problems}
          onOpen={(problem) => {
            const location = problem.location;
            if (location) void studio.attempt(() => openLocation(studio, location));
          }}
        />
      </div>
    </section>
  );
}
