import type { ReactElement } from "react";
import type { FileNode } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { Icon } from "../../ui/icons";
import { deleteEntry, renameEntry } from "./file-actions";

interface RowProps {
  node: FileNode;
  depth: number;
  onContextMenu: (node: FileNode, x: number, y: number) => void;
}

function TreeRow({ node, depth, onContextMenu }: RowProps): ReactElement {
  const studio = useStudio();
  const expanded = useStore(studio.explorer.state, (state) => state.expanded.has(node.path));
  const selected = useStore(studio.explorer.state, (state) => state.selected === node.path);
  const active = useStore(studio.editors.state, (state) => state.active === node.path);
  const isDir = node.kind === "dir";
  const activate = () => {
    studio.explorer.select(node.path);
    if (isDir) studio.explorer.toggle(node.path);
    else void studio.attempt(() => studio.editors.open(node.path));
  };
  return (
    <li role="none">
      <div
        role="treeitem"
        aria-label={node.name}
        aria-expanded={isDir ? expanded : undefined}
        aria-selected={selected}
        aria-level={depth + 1}
        tabIndex={selected ? 0 : -1}
        className={`tree-row ${selected ? "is-selected" : ""} ${active ? "is-active" : ""}`}
        style={{ paddingLeft: 8 + depth * 12 }}
        data-testid="tree-item"
        data-path={node.path}
        data-kind={node.kind}
        onClick={activate}
        onContextMenu={(event) => {
          event.preventDefault();
          studio.explorer.select(node.path);
          onContextMenu(node, event.clientX, event.clientY);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") activate();
          else if (event.key === "F2") void studio.attempt(() => renameEntry(studio, node));
          else if (event.key === "Delete") void studio.attempt(() => deleteEntry(studio, node));
          else return;
          event.preventDefault();
        }}
      >
        <span className="tree-twistie">{isDir && <Icon name={expanded ? "chevronDown" : "chevronRight"} size={14} />}</span>
        <span className={`tree-icon ${isDir ? "is-folder" : ""}`}>
          <Icon name={isDir ? (expanded ? "folderOpen" : "folder") : "file"} size={15} />
        </span>
        <span className="tree-label">{node.name}</span>
      </div>
      {isDir && expanded && node.children && node.children.length > 0 && (
        <ul role="group" className="tree-group">
          {node.children.map((child) => (
            <TreeRow key={child.path} node={child} depth={depth + 1} onContextMenu={onContextMenu} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The project's files as an ARIA tree; folders open in place, files open in the editor. */
export function FileTree(props: { root: FileNode; onContextMenu: RowProps["onContextMenu"] }): ReactElement {
  return (
    <ul className="tree" role="tree" aria-label="Files" data-testid="file-tree">
      {(props.root.children ?? []).map((child) => (
        <TreeRow key={child.path} node={child} depth={0} onContextMenu={props.onContextMenu} />
      ))}
    </ul>
  );
}
