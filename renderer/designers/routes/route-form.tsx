import { useState, type ReactElement } from "react";
import type { RouteInfo, RouteReturn, RouteTarget } from "../../../electron/api/contract";
import { converters, endpointError, ruleError, ruleParts } from "./model";
import { RuleText } from "./route-parts";

const allMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** What the form hands back: a new route, or the changes to an existing one. */
export type RouteFormResult =
  | { kind: "create"; target: RouteTarget; methods: string[]; rule: string; endpoint: string; returns: RouteReturn }
  | { kind: "update"; route: RouteInfo; methods: string[]; rule: string; endpoint: string };

function defaultEndpoint(rule: string): string {
  const word = ruleParts(rule).find((part) => part.kind === "text" && /[A-Za-z]/.test(part.text));
  return word?.text.split("/").filter(Boolean)[0]?.replace(/[^A-Za-z0-9_]/g, "_") ?? "";
}

/** Why `endpoint` cannot be used: another route (not `editing`) of the app already has that full endpoint. */
function endpointClash(endpoint: string, blueprint: string | null, routes: RouteInfo[], editing: RouteInfo | null): string | undefined {
  const full = blueprint === null ? endpoint : `${blueprint}.${endpoint}`;
  const clash = routes.some((other) => other.endpoint === full && other.id !== editing?.id);
  return clash ? `There is already a route with the endpoint "${full}": pick another name.` : undefined;
}

/**
 * The form to create a route or change one: methods, rule (with a converter picker and live
 * validation), endpoint, and for a new route where it goes and what it returns.
 */
export function RouteForm(props: {
  route: RouteInfo | null;
  targets: RouteTarget[];
  /** The routes there are now, so a taken endpoint is refused before saving. */
  routes: RouteInfo[];
  onSubmit: (result: RouteFormResult) => Promise<void>;
  onCancel: () => void;
}): ReactElement {
  const { route } = props;
  const source = route?.source ?? null;
  const [methods, setMethods] = useState<string[]>(route ? route.methods : ["GET"]);
  const [rule, setRule] = useState(source?.localRule ?? "/");
  const [endpoint, setEndpoint] = useState(source?.localEndpoint ?? "");
  const [endpointTouched, setEndpointTouched] = useState(route !== null);
  const [targetIndex, setTargetIndex] = useState(0);
  const [returns, setReturns] = useState<RouteReturn["kind"]>("json");
  const [returnValue, setReturnValue] = useState("");
  const [converter, setConverter] = useState<string>("string");
  const [variableName, setVariableName] = useState("");
  const [busy, setBusy] = useState(false);

  const shownEndpoint = endpointTouched ? endpoint : defaultEndpoint(rule);
  const ruleProblem = ruleError(rule);
  const target = props.targets[targetIndex];
  const endpointProblem =
    endpointError(shownEndpoint) ?? endpointClash(shownEndpoint, route ? route.blueprint : (target?.blueprint ?? null), props.routes, route);
  const valid = !ruleProblem && !endpointProblem && methods.length > 0 && (route !== null || target !== undefined);
  // A new form starts at "/", which names no endpoint: say so once the user has typed, not before.
  const pristine = !endpointTouched && rule === (source?.localRule ?? "/");
  const shownEndpointProblem = pristine && shownEndpoint === "" ? undefined : endpointProblem;

  const toggle = (method: string) =>
    setMethods((current) => (current.includes(method) ? current.filter((m) => m !== method) : allMethods.filter((m) => m === method || current.includes(m))));

  const insertVariable = () => {
    const name = variableName.trim() || "value";
    const text = converter === "string" ? `<${name}>` : converter === "any" ? `<any(a, b):${name}>` : `<${converter}:${name}>`;
    setRule((current) => `${current.endsWith("/") ? current : `${current}/`}${text}`);
    setVariableName("");
  };

  const returnSpec = (): RouteReturn => {
    switch (returns) {
      case "text":
        return { kind: "text", text: returnValue || `Hello from ${shownEndpoint}` };
      case "template":
        return { kind: "template", template: returnValue || `${shownEndpoint}.html` };
      case "redirect":
        return { kind: "redirect", to: returnValue || "/" };
      default:
        return { kind: "json" };
    }
  };

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    try {
      if (route) await props.onSubmit({ kind: "update", route, methods, rule, endpoint: shownEndpoint });
      else if (target) await props.onSubmit({ kind: "create", target, methods, rule, endpoint: shownEndpoint, returns: returnSpec() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="route-form"
      data-testid="route-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{route ? `Edit ${route.endpoint}` : "New route"}</h3>
      <fieldset className="route-form-methods">
        <legend>Methods</legend>
        {allMethods.map((method) => (
          <label key={method}>
            <input type="checkbox" checked={methods.includes(method)} onChange={() => toggle(method)} data-testid={`route-method-${method}`} />
            {method}
          </label>
        ))}
      </fieldset>
      <label className="route-form-field">
        Rule
        <input
          value={rule}
          onChange={(event) => setRule(event.target.value)}
          spellCheck={false}
          autoFocus
          data-testid="route-rule-input"
          aria-invalid={ruleProblem !== undefined}
        />
      </label>
      <div className="route-form-preview">
        <RuleText rule={rule} />
      </div>
      {ruleProblem && (
        <p className="route-form-error" role="alert" data-testid="route-rule-error">
          {ruleProblem}
        </p>
      )}
      <div className="route-form-converter">
        <select value={converter} onChange={(event) => setConverter(event.target.value)} aria-label="Converter" data-testid="route-converter">
          {converters.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <input value={variableName} onChange={(event) => setVariableName(event.target.value)} placeholder="variable" aria-label="Variable name" data-testid="route-converter-name" />
        <button type="button" className="btn" onClick={insertVariable} data-testid="route-converter-insert">
          Add
        </button>
      </div>
      <label className="route-form-field">
        Endpoint
        <input
          value={shownEndpoint}
          onChange={(event) => {
            setEndpointTouched(true);
            setEndpoint(event.target.value);
          }}
          spellCheck={false}
          data-testid="route-endpoint-input"
          aria-invalid={shownEndpointProblem !== undefined}
        />
      </label>
      {shownEndpointProblem && (
        <p className="route-form-error" role="alert" data-testid="route-endpoint-error">
          {shownEndpointProblem}
        </p>
      )}
      {!route && (
        <>
          <label className="route-form-field">
            In
            <select value={targetIndex} onChange={(event) => setTargetIndex(Number(event.target.value))} data-testid="route-target">
              {props.targets.map((candidate, index) => (
                <option key={`${candidate.file}#${candidate.receiver}`} value={index}>
                  {candidate.receiver} ({candidate.kind === "app" ? "app" : `blueprint ${candidate.blueprint}`}) · {candidate.file}
                </option>
              ))}
            </select>
          </label>
          {props.targets.length === 0 && <p className="route-form-error">No app or blueprint found: declare `new Vial()` in a file first.</p>}
          <label className="route-form-field">
            Returns
            <select value={returns} onChange={(event) => setReturns(event.target.value as RouteReturn["kind"])} data-testid="route-returns">
              <option value="json">JSON of its variables</option>
              <option value="text">Text</option>
              <option value="template">A template</option>
              <option value="redirect">A redirect</option>
            </select>
          </label>
          {returns !== "json" && (
            <label className="route-form-field">
              {returns === "text" ? "Text" : returns === "template" ? "Template (created if missing)" : "To (a path or an endpoint)"}
              <input
                value={returnValue}
                onChange={(event) => setReturnValue(event.target.value)}
                placeholder={returns === "text" ? `Hello from ${shownEndpoint}` : returns === "template" ? `${shownEndpoint}.html` : "/"}
                data-testid="route-returns-value"
              />
            </label>
          )}
        </>
      )}
      <div className="route-form-actions">
        <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="route-save">
          {route ? "Save Changes" : "Add Route"}
        </button>
        <button type="button" className="btn" onClick={props.onCancel} data-testid="route-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
