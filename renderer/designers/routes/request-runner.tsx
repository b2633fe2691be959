import { useEffect, useMemo, useState, type ReactElement } from "react";
import type { AppResponse, RouteInfo, SavedRequest } from "../../../electron/api/contract";
import { useStudio } from "../../studio-context";
import { JsonTree } from "./json-tree";
import { bodyViewFor, buildPath, converterInput, jsonTemplate, parseHeaders, parseJson, prettyJson, ruleParts, type BodyView } from "./model";
import { MethodBadges, RuleText } from "./route-parts";

type BodyKind = SavedRequest["bodyKind"];

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** A form body from `name=value` lines, URL-encoded. */
function formBody(text: string): string {
  const params = new URLSearchParams();
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (line.trim() !== "") params.append(eq === -1 ? line.trim() : line.slice(0, eq).trim(), eq === -1 ? "" : line.slice(eq + 1).trim());
  }
  return params.toString();
}

function ResponseView({ response }: { response: AppResponse }): ReactElement {
  const [view, setView] = useState<BodyView>(bodyViewFor(response.headers["content-type"]));
  const json = useMemo(() => parseJson(response.body), [response.body]);
  return (
    <section className="runner-response" data-testid="runner-response">
      <p className="runner-status">
        <span className={`runner-status-code runner-status-${Math.floor(response.status / 100)}xx`} data-testid="runner-status">
          {response.status} {response.statusText}
        </span>
        <span className="runner-time" data-testid="runner-time">
          {response.timeMs} ms
        </span>
      </p>
      <details>
        <summary>Headers ({Object.keys(response.headers).length})</summary>
        <dl className="runner-headers">
          {Object.entries(response.headers).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="runner-views" role="tablist">
        {(["json", "html", "raw"] as const).map((candidate) => (
          <button key={candidate} type="button" role="tab" aria-selected={view === candidate} className="runner-view-tab" onClick={() => setView(candidate)} data-testid={`runner-view-${candidate}`}>
            {candidate === "json" ? "JSON" : candidate === "html" ? "HTML" : "Raw"}
          </button>
        ))}
      </div>
      {view === "html" ? (
        <iframe className="runner-html" title="Response" sandbox="" srcDoc={response.body} data-testid="runner-html" />
      ) : view === "json" && json.ok ? (
        <div className="runner-body runner-json" data-testid="runner-json">
          <JsonTree value={json.value} />
        </div>
      ) : (
        <pre className="runner-body" data-testid="runner-body">
          {prettyJson(response.body)}
        </pre>
      )}
      {response.truncated && <p className="view-message">The body was cut at 1 MB.</p>}
    </section>
  );
}

/**
 * The request runner of one route: pre-filled from the route (its methods, a field per variable typed
 * by its converter, the JSON fields the handler reads), sent by the host to the running app.
 */
export function RequestRunner({ route, onClose }: { route: RouteInfo; onClose: () => void }): ReactElement {
  const studio = useStudio();
  const variables = ruleParts(route.rule).flatMap((part) => (part.kind === "variable" ? [part] : []));
  const jsonFields = route.source?.jsonFields ?? [];
  const [method, setMethod] = useState(route.methods[0] ?? "GET");
  const [params, setParams] = useState<Record<string, string>>({});
  const [query, setQuery] = useState("");
  const [headers, setHeaders] = useState("");
  const sendsBody = jsonFields.length > 0 || route.methods.some((m) => m === "POST" || m === "PUT" || m === "PATCH");
  const [bodyKind, setBodyKind] = useState<BodyKind>(sendsBody ? "json" : "none");
  const [body, setBody] = useState(sendsBody ? jsonTemplate(jsonFields) : "");
  const [response, setResponse] = useState<AppResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [saved, setSaved] = useState<SavedRequest[]>([]);

  useEffect(() => {
    void studio.client.invoke("requests.list", {}).then(
      (result) => setSaved(result.requests),
      () => setSaved([]),
    );
  }, [studio]);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const headerMap = parseHeaders(headers);
      const hasBody = bodyKind !== "none" && method !== "GET" && method !== "HEAD";
      if (hasBody && !Object.keys(headerMap).some((name) => name.toLowerCase() === "content-type")) {
        headerMap["Content-Type"] = bodyKind === "json" ? "application/json" : "application/x-www-form-urlencoded";
      }
      const result = await studio.client.invoke("routes.send", {
        method,
        path: buildPath(route.rule, params, query),
        headers: headerMap,
        ...(hasBody ? { body: bodyKind === "form" ? formBody(body) : body } : {}),
      });
      setResponse(result);
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      setSending(false);
    }
  };

  const save = async () => {
    const name = await studio.dialogs.prompt({ title: "Save Request", label: "Name", value: `${method} ${buildPath(route.rule, params, query)}`, confirmLabel: "Save" });
    if (name === null) return;
    const entry: SavedRequest = { id: `${Date.now().toString(36)}-${saved.length}`, name, endpoint: route.endpoint, method, params, query, headers: parseHeaders(headers), bodyKind, body };
    const next = [...saved, entry];
    await studio.client.invoke("requests.save", { requests: next });
    setSaved(next);
  };

  const load = (entry: SavedRequest) => {
    setMethod(entry.method);
    setParams(entry.params);
    setQuery(entry.query);
    setHeaders(headerLines(entry.headers));
    setBodyKind(entry.bodyKind);
    setBody(entry.body);
  };

  const mine = saved.filter((entry) => entry.endpoint === route.endpoint);

  return (
    <div className="request-runner" data-testid="request-runner">
      <header className="runner-title">
        <MethodBadges methods={route.methods} />
        <RuleText rule={route.rule} />
      </header>
      <form
        className="route-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label className="route-form-field">
          Method
          <select value={method} onChange={(event) => setMethod(event.target.value)} data-testid="runner-method">
            {[...new Set([...route.methods, "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])].map((candidate) => (
              <option key={candidate}>{candidate}</option>
            ))}
          </select>
        </label>
        {variables.map((part) => {
          const input = converterInput(part);
          return (
            <label key={part.name} className="route-form-field">
              {part.name} <span className="route-converter-name">{part.converter}</span>
              {input.choices ? (
                <select value={params[part.name] ?? ""} onChange={(event) => setParams({ ...params, [part.name]: event.target.value })} data-testid={`runner-param-${part.name}`}>
                  <option value="" />
                  {input.choices.map((choice) => (
                    <option key={choice}>{choice}</option>
                  ))}
                </select>
              ) : (
                <input
                  type={input.type}
                  value={params[part.name] ?? ""}
                  placeholder={input.placeholder}
                  {...(input.pattern ? { pattern: input.pattern } : {})}
                  required
                  onChange={(event) => setParams({ ...params, [part.name]: event.target.value })}
                  data-testid={`runner-param-${part.name}`}
                />
              )}
            </label>
          );
        })}
        <label className="route-form-field">
          Query
          <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="page=2&sort=name" data-testid="runner-query" />
        </label>
        <label className="route-form-field">
          Headers
          <textarea value={headers} onChange={(event) => setHeaders(event.target.value)} placeholder="Accept: application/json" rows={2} data-testid="runner-headers" />
        </label>
        {/* GET and HEAD carry no body (fetch refuses one); what was typed comes back with another method. */}
        {method !== "GET" && method !== "HEAD" && (
          <>
            <label className="route-form-field">
              Body
              <select value={bodyKind} onChange={(event) => setBodyKind(event.target.value as BodyKind)} data-testid="runner-body-kind">
                <option value="none">None</option>
                <option value="json">JSON</option>
                <option value="form">Form (name=value lines)</option>
              </select>
            </label>
            {bodyKind !== "none" && (
              <textarea className="runner-body-input" value={body} onChange={(event) => setBody(event.target.value)} rows={5} spellCheck={false} aria-label="Request body" data-testid="runner-body-input" />
            )}
          </>
        )}
        <p className="runner-url" data-testid="runner-url">
          {method} {buildPath(route.rule, params, query)}
        </p>
        <div className="route-form-actions">
          <button type="submit" className="btn btn-primary" disabled={sending} data-testid="runner-send">
            {sending ? "Sending…" : "Send"}
          </button>
          <button type="button" className="btn" onClick={() => void studio.attempt(save)} data-testid="runner-save">
            Save
          </button>
          <button type="button" className="btn" onClick={onClose} data-testid="runner-close">
            Back
          </button>
        </div>
      </form>
      {mine.length > 0 && (
        <ul className="runner-saved" aria-label="Saved requests">
          {mine.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="runner-saved-item" onClick={() => load(entry)} data-testid="runner-saved">
                {entry.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="route-form-error" role="alert" data-testid="runner-error">
          {error}
        </p>
      )}
      {response && <ResponseView key={`${response.status}-${response.timeMs}-${response.body.length}`} response={response} />}
    </div>
  );
}
