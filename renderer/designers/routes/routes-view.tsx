import { useEffect, useMemo, useRef, useState, type ReactElement } from "react";
import type { RouteInfo } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { IconButton } from "../../ui/icon-button";
import { groupRoutes, pathTree, referenceEdits, type PathNode } from "./model";
import { RequestRunner } from "./request-runner";
import { RouteForm, type RouteFormResult } from "./route-form";
import { MethodBadges, RuleText } from "./route-parts";
import { routesStoreFor } from "./routes-store";
import "./routes.css";

type Mode = { kind: "list" } | { kind: "form"; route: RouteInfo | null } | { kind: "runner"; route: RouteInfo };

const originNote: Record<RouteInfo["origin"], string | undefined> = {
  both: undefined,
  code: "In the code but not in the running app (is the app stale or broken?)",
  runtime: "Only in the running app (registered at run time, in a loop or by the runtime)",
};

function RouteRow(props: { route: RouteInfo; live: boolean; onOpen: () => void; onEdit: () => void; onDelete: () => void; onRun: () => void }): ReactElement {
  const { route } = props;
  const note = props.live ? originNote[route.origin] : undefined;
  return (
    <li className={`route-row route-origin-${props.live ? route.origin : "both"}`} data-testid="route-row" data-endpoint={route.endpoint} data-origin={route.origin} title={note}>
      <button type="button" className="row-button route-main" onClick={props.onOpen} disabled={!route.source} data-testid="route-open">
        <span className="route-head">
          <MethodBadges methods={route.methods} />
          <RuleText rule={route.rule} />
        </span>
        <span className="route-detail">
          <span className="route-endpoint" data-testid="route-endpoint">
            {route.endpoint}
          </span>
          {note && (
            <span className="route-origin-note" data-testid="route-origin-note">
              {route.origin === "code" ? "not in the running app" : "run time only"}
            </span>
          )}
          <span className="route-location" data-testid="route-location">
            {route.source ? `${route.source.file}:${route.source.line}` : ""}
          </span>
        </span>
      </button>
      <span className="route-actions">
        <IconButton icon="flask" label={`Send a request to ${route.rule}`} testId="route-run" onClick={props.onRun} />
        {route.source && <IconButton icon="edit" label={`Edit ${route.endpoint}`} testId="route-edit" onClick={props.onEdit} />}
        {route.source && <IconButton icon="trash" label={`Delete ${route.endpoint}`} testId="route-delete" onClick={props.onDelete} />}
      </span>
    </li>
  );
}

function MapNode({ node, depth, onRun }: { node: PathNode; depth: number; onRun: (route: RouteInfo) => void }): ReactElement {
  return (
    <li className="route-map-node" style={{ paddingLeft: depth * 12 }}>
      <span className="route-map-segment">{node.segment}</span>
      {node.routes.map((route) => (
        <button key={route.id} type="button" className="route-map-route" onClick={() => onRun(route)} title={route.endpoint}>
          <MethodBadges methods={route.methods} />
        </button>
      ))}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <MapNode key={child.segment} node={child} depth={1} onRun={onRun} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Routes side-bar view: the route table (or map), the create/edit form and the request runner. */
export function RoutesView(): ReactElement {
  const studio = useStudio();
  const store = routesStoreFor(studio);
  const { index, error } = useStore(store.state);
  const [filter, setFilter] = useState("");
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [layout, setLayout] = useState<"table" | "map">("table");
  const groups = useMemo(() => groupRoutes(index?.routes ?? [], filter), [index, filter]);
  const view = useRef<HTMLDivElement>(null);
  /** Where focus goes when Cancel or Back brings the list back: a route's row by endpoint, or "" for the New Route button. */
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  const backToList = (from: RouteInfo | null) => {
    setReturnFocus(from?.endpoint ?? "");
    setMode({ kind: "list" });
  };

  useEffect(() => {
    if (mode.kind !== "list" || returnFocus === null || !view.current) return;
    const row = view.current.querySelector(`[data-testid="route-row"][data-endpoint="${CSS.escape(returnFocus)}"]`);
    const target = row?.querySelector<HTMLElement>("button:not(:disabled)") ?? view.current.querySelector<HTMLElement>('[data-testid="routes-new"]');
    target?.focus();
    setReturnFocus(null);
  }, [mode, returnFocus]);

  useEffect(() => {
    void store.refresh();
  }, [store]);

  const submit = async (result: RouteFormResult) => {
    await studio.attempt(async () => {
      if (result.kind === "create") {
        await store.create(result.target.file, { receiver: result.target.receiver, methods: result.methods, rule: result.rule, endpoint: result.endpoint, returns: result.returns });
      } else {
        await store.update(result.route, { methods: result.methods, rule: result.rule, endpoint: result.endpoint });
      }
      setMode({ kind: "list" });
      if (result.kind === "update" && result.route.source && result.endpoint !== result.route.source.localEndpoint) {
        await offerReferenceRename(result.route, result.endpoint);
      }
    });
  };

  const offerReferenceRename = async (route: RouteInfo, localEndpoint: string) => {
    const renamed = route.blueprint === null ? localEndpoint : `${route.blueprint}.${localEndpoint}`;
    const find = (text: string) => referenceEdits(text, route.endpoint, renamed);
    const references = await store.findReferences(find);
    if (references.length === 0) return;
    const count = references.reduce((total, file) => total + file.edits.length, 0);
    const choice = await studio.dialogs.choose({
      title: "Update references",
      message: `${count} urlFor/url_for reference${count === 1 ? "" : "s"} to "${route.endpoint}" in ${references.map((file) => file.path).join(", ")}. Rename ${count === 1 ? "it" : "them"} to "${renamed}"?`,
      choices: [
        { id: "rename", label: "Update References", kind: "primary" },
        { id: "keep", label: "Leave Them" },
      ],
    });
    if (choice === "rename") await store.renameReferences(find);
  };

  const remove = async (route: RouteInfo) => {
    const choice = await studio.dialogs.choose({
      title: "Delete route",
      message: `Delete ${route.methods.join(", ")} ${route.rule} (${route.endpoint}) from ${route.source?.file}?`,
      choices: [
        { id: "route", label: "Delete Route", kind: "danger" },
        { id: "handler", label: "Delete Route and Handler", kind: "danger" },
        { id: "cancel", label: "Cancel" },
      ],
    });
    if (choice === "route" || choice === "handler") await studio.attempt(() => store.delete(route, choice === "handler"));
  };

  if (mode.kind === "form") {
    return <RouteForm route={mode.route} targets={index?.targets ?? []} routes={index?.routes ?? []} onSubmit={submit} onCancel={() => backToList(mode.route)} />;
  }
  if (mode.kind === "runner") return <RequestRunner route={mode.route} onClose={() => backToList(mode.route)} />;

  return (
    <div ref={view} className="routes-view" data-testid="routes-view">
      <div className="view-toolbar">
        <input className="routes-filter" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter routes" aria-label="Filter routes" data-testid="routes-filter" />
        <IconButton icon="plus" label="New Route" testId="routes-new" onClick={() => setMode({ kind: "form", route: null })} />
        <IconButton icon={layout === "table" ? "folder" : "files"} label={layout === "table" ? "Show Map" : "Show Table"} testId="routes-layout" onClick={() => setLayout(layout === "table" ? "map" : "table")} />
        <IconButton icon="refresh" label="Refresh Routes" testId="routes-refresh" onClick={() => void store.refresh()} />
      </div>
      {error && <p className="route-form-error">{error}</p>}
      {index && index.problems.length > 0 && (
        <ul className="routes-problems" data-testid="routes-problems">
          {index.problems.map((problem) => (
            <li key={`${problem.file}:${problem.line}:${problem.column}`}>
              <button type="button" onClick={() => void studio.attempt(() => store.openProblem(problem))}>
                {problem.file}:{problem.line}: {problem.message}
              </button>
            </li>
          ))}
        </ul>
      )}
      {index === null ? (
        <p className="view-message">Reading routes…</p>
      ) : layout === "map" ? (
        <ul className="route-map" data-testid="route-map">
          <MapNode node={pathTree(groups.flatMap((group) => group.routes))} depth={0} onRun={(route) => setMode({ kind: "runner", route })} />
        </ul>
      ) : groups.length === 0 ? (
        <p className="view-message">{filter ? "No route matches the filter." : "No routes yet: add one with +."}</p>
      ) : (
        groups.map((group) => (
          <section key={group.blueprint ?? ""} className="route-group" data-testid="route-group">
            <h4 className="route-group-title">{group.title}</h4>
            <ul className="route-list">
              {group.routes.map((route) => (
                <RouteRow
                  key={route.id}
                  route={route}
                  live={index.live}
                  onOpen={() => void studio.attempt(() => store.open(route))}
                  onEdit={() => setMode({ kind: "form", route })}
                  onDelete={() => void remove(route)}
                  onRun={() => setMode({ kind: "runner", route })}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
