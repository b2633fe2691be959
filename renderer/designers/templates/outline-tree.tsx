import type { ReactElement } from "react";
import { COMPONENT_TYPE } from "./canvas";

const NODE_TYPE = "application/x-vial-node";
import { labelOf, type OutlineNode } from "./outline";

function visible(source: string, node: OutlineNode): boolean {
  return !(node.kind === "text" && source.slice(node.start, node.end).trim() === "");
}

function Row(props: {
  source: string;
  node: OutlineNode;
  depth: number;
  selected: string | null;
  onSelect: (id: string) => void;
  onDropComponent: (component: string, targetId: string) => void;
  onMove: (id: string, targetId: string) => void;
}): ReactElement {
  const { node, source } = props;
  const children = node.children.filter((child) => visible(source, child));
  return (
    <li>
      <button
        type="button"
        className={`template-outline-row template-outline-${node.kind}${node.closed ? "" : " template-outline-unclosed"}`}
        aria-selected={props.selected === node.id}
        data-testid="template-outline-row"
        data-node={node.id}
        data-kind={node.kind}
        style={{ paddingLeft: 6 + props.depth * 12 }}
        title={node.closed ? undefined : "Not closed: kept exactly as written"}
        onClick={() => props.onSelect(node.id)}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.setData(NODE_TYPE, node.id);
          event.dataTransfer.effectAllowed = "move";
        }}
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes(COMPONENT_TYPE) || event.dataTransfer.types.includes(NODE_TYPE)) event.preventDefault();
        }}
        onDrop={(event) => {
          const component = event.dataTransfer.getData(COMPONENT_TYPE);
          const moved = event.dataTransfer.getData(NODE_TYPE);
          if (!component && !moved) return;
          event.preventDefault();
          if (component) props.onDropComponent(component, node.id);
          else if (moved !== node.id) props.onMove(moved, node.id);
        }}
      >
        {labelOf(source, node)}
      </button>
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <Row key={child.id} {...props} node={child} depth={props.depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The template's nodes as a tree; a row is a drop target for palette components and for other rows (a move). */
export function OutlineTree(props: {
  source: string;
  tree: OutlineNode;
  selected: string | null;
  onSelect: (id: string) => void;
  onDropComponent: (component: string, targetId: string) => void;
  onMove: (id: string, targetId: string) => void;
}): ReactElement {
  const roots = props.tree.children.filter((child) => visible(props.source, child));
  return (
    <ul className="template-outline" data-testid="template-outline" role="tree">
      {roots.map((node) => (
        <Row key={node.id} source={props.source} node={node} depth={0} selected={props.selected} onSelect={props.onSelect} onDropComponent={props.onDropComponent} onMove={props.onMove} />
      ))}
    </ul>
  );
}
