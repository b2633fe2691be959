import { useMemo, useState, type ReactElement } from "react";
import type { RequestEntry } from "../../../electron/api/contract";
import { useFollowTail } from "../../ui/use-follow-tail";
import { filterRequests } from "./request-filter";

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
}

function Headers(props: { title: string; headers: Record<string, string> }): ReactElement {
  return (
    <>
      <h4>{props.title}</h4>
      <dl className="panel-headers">
        {Object.entries(props.headers).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The request log: a filterable table; clicking a row shows its headers and body. */
export function RequestsView(props: { requests: RequestEntry[]; onClear: () => void }): ReactElement {
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<number | null>(null);
  const rows = useMemo(() => filterRequests(props.requests, query), [props.requests, query]);
  const detail = props.requests.find((entry) => entry.id === selected);
  const tail = useFollowTail<HTMLDivElement>(rows);
  return (
    <div className="panel-requests">
      <div className="panel-requests-bar">
        <input
          className="panel-filter"
          type="search"
          placeholder="Filter: method, path, status or 4xx"
          aria-label="Filter requests"
          data-testid="requests-filter"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="panel-button" onClick={props.onClear}>
          Clear
        </button>
      </div>
      <div className="panel-requests-body">
        <div className="panel-requests-list" ref={tail.ref} onScroll={tail.onScroll} data-testid="requests-list">
          <table className="panel-requests-table" data-testid="requests-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Method</th>
                <th>Path</th>
                <th>Status</th>
                <th>ms</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <tr
                  key={entry.id}
                  data-testid="request-row"
                  aria-selected={entry.id === selected}
                  className={entry.status >= 400 ? "panel-request-failed" : undefined}
                  tabIndex={0}
                  onClick={() => setSelected(entry.id === selected ? null : entry.id)}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" || event.key === " ") setSelected(entry.id === selected ? null : entry.id);
                  }}
                >
                  <td>{time(entry.time)}</td>
                  <td>{entry.method}</td>
                  <td className="panel-request-path">{entry.path}</td>
                  <td>{entry.status}</td>
                  <td>{entry.durationMs.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail && (
          <aside className="panel-request-detail" data-testid="request-detail" aria-label="Request details">
            <h3>
              {detail.method} {detail.path} → {detail.status}
            </h3>
            <Headers title="Request headers" headers={detail.requestHeaders} />
            <Headers title="Response headers" headers={detail.responseHeaders} />
            {detail.requestBody !== undefined && (
              <>
                <h4>Request body</h4>
                <pre className="panel-request-body">{detail.requestBody}</pre>
              </>
            )}
            {detail.responseBody !== undefined && (
              <>
                <h4>Response body</h4>
                <pre className="panel-request-body">{detail.responseBody}</pre>
              </>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
