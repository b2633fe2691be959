import type { ReactElement } from "react";

const maxChildren = 500;

/** A JSON value as a tree: objects and arrays fold open and shut, long lists are cut at 500 items. */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }): ReactElement {
  const key = name === undefined ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="json-leaf">
        {key}
        <span className={`json-${value === null ? "null" : typeof value}`}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  return (
    <details className="json-node" open={depth < 3}>
      <summary>
        {key}
        <span className="json-summary">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </summary>
      <div className="json-children">
        {entries.slice(0, maxChildren).map(([childName, child]) => (
          <JsonTree key={childName} name={childName} value={child} depth={depth + 1} />
        ))}
        {entries.length > maxChildren && <div className="json-more">… {entries.length - maxChildren} more</div>}
      </div>
    </details>
  );
}
