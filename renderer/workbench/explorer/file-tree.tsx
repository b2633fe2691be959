import type { DragEvent, KeyboardEvent, ReactElement } from "react";
import type { FileNode } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { parentPath } from "../../state/workspace";
import { useStudio } from "../../studio-context";
import { Icon } from "../../ui/icons";
import { deleteEntry, moveEntry } from "./file-actions";
import { RenameField } from "./rename-field";

/** The drag payload of a tree row: its project-relative path. */
const DRAG_TYPE = "application/x-vial-path";

/**
 * Drop handlers for a folder ("" is the root): highlight while something from the tree hovers it,
 * move the dragged entry into it on drop.
 */
export function useDropInto(folder: string) {
  const studio = useStudio();
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(DRAG_TYPE);
  return {
    onDragOver(event: DragEvent) {
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      studio.explorer.setDropTarget(folder);
    },
    onDragLeave(event: DragEvent) {
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      studio.explorer.setDropTarget(null);
    },
    onDrop(event: DragEvent) {
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      studio.explorer.setDropTarget(null);
      const from = event.dataTransfer.getData(DRAG_TYPE);
      if (from) void studio.attempt(() => moveEntry(studio, from, folder));
    },
  };
}

interface RowProps {
  node: FileNode;
  depth: number;
  /** The row Tab lands on when nothing is selected yet. */
  isEntry?: boolean;
  onContextMenu: (node: FileNode, x: number, y: number) => void;
}

function TreeRow({ node, depth, isEntry = false, onContextMenu }: RowProps): ReactElement {
  const studio = useStudio();
  const expanded = useStore(studio.explorer.state, (state) => state.expanded.has(node.path));
  const selected = useStore(studio.explorer.state, (state) => state.selected === node.path);
  const nothingSelected = useStore(studio.explorer.state, (state) => state.selected === null);
  const renaming = useStore(studio.explorer.state, (state) => state.renaming === node.path);
  const active = useStore(studio.editors.state, (state) => state.active === node.path);
  const isDir = node.kind === "dir";
  const folder = isDir ? node.path : parentPath(node.path);
  const dropInto = useDropInto(folder);
  const dropHere = useStore(studio.explorer.state, (state) => isDir && state.dropTarget === node.path);
  /** Opens the row: a folder toggles; a file opens, taking focus to the editor only when asked (Enter, double-click). */
  const activate = (focusEditor: boolean) => {
    studio.explorer.select(node.path);
    if (isDir) studio.explorer.toggle(node.path);
    else void studio.attempt(() => studio.editors.open(node.path, undefined, { preserveFocus: !focusEditor }));
  };
  return (
    <li role="none">
      <div
        role="treeitem"
        aria-label={node.name}
        aria-expanded={isDir ? expanded : undefined}
        aria-selected={selected}
        aria-level={depth + 1}
        tabIndex={selected || (isEntry && nothingSelected) ? 0 : -1}
        className={`tree-row ${selected ? "is-selected" : ""} ${active ? "is-active" : ""} ${dropHere ? "is-drop-target" : ""}`}
        style={{ paddingLeft: 8 + depth * 12 }}
        data-testid="tree-item"
        data-path={node.path}
        data-kind={node.kind}
        onClick={(event) => {
          if (event.detail < 2) activate(false);
        }}
        onDoubleClick={() => {
          if (!isDir) void studio.attempt(() => studio.editors.open(node.path));
        }}
        draggable={!renaming}
        onDragStart={(event) => {
          event.dataTransfer.setData(DRAG_TYPE, node.path);
          event.dataTransfer.effectAllowed = "move";
        }}
        onDragEnd={() => studio.explorer.setDropTarget(null)}
        {...dropInto}
        onContextMenu={(event) => {
          event.preventDefault();
          studio.explorer.select(node.path);
          onContextMenu(node, event.clientX, event.clientY);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") activate(true);
          else if (event.key === "F2") studio.explorer.setRenaming(node.path);
          else if (event.key === "Delete") void studio.attempt(() => deleteEntry(studio, node));
          else return;
          event.preventDefault();
        }}
      >
        <span className="tree-twistie">{isDir && <Icon name={expanded ? "chevronDown" : "chevronRight"} size={14} />}</span>
        <span className={`tree-icon ${isDir ? "is-folder" : ""}`}>
          <Icon name={isDir ? (expanded ? "folderOpen" : "folder") : "file"} size={15} />
        </span>
        {renaming ? <RenameField node={node} /> : <span className="tree-label">{node.name}</span>}
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

/**
 * The project's files as an ARIA tree; folders open in place, files open in the editor.
 * Arrow keys move between visible rows (Up/Down), and close/open folders or go to the parent (Left/Right).
 */
export function FileTree(props: { root: FileNode; onContextMenu: RowProps["onContextMenu"] }): ReactElement {
  const studio = useStudio();
  const focusRow = (row: Element | undefined) => {
    if (!(row instanceof HTMLElement)) return;
    studio.explorer.select(row.dataset.path ?? null);
    row.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const rows = [...event.currentTarget.querySelectorAll('[role="treeitem"]')];
    const current = event.target instanceof HTMLElement ? event.target.closest('[role="treeitem"]') : null;
    if (!current || !(current instanceof HTMLElement)) return;
    const index = rows.indexOf(current);
    const path = current.dataset.path ?? "";
    const expanded = current.getAttribute("aria-expanded");
    if (event.key === "ArrowDown") focusRow(rows[index + 1]);
    else if (event.key === "ArrowUp") focusRow(rows[index - 1]);
    else if (event.key === "ArrowRight" && expanded === "false") studio.explorer.toggle(path);
    else if (event.key === "ArrowRight" && expanded === "true") focusRow(rows[index + 1]);
    else if (event.key === "ArrowLeft" && expanded === "true") studio.explorer.toggle(path);
    else if (event.key === "ArrowLeft") focusRow(rows.find((row) => (row as HTMLElement).dataset.path === parentPath(path)));
    else return;
    event.preventDefault();
  };
  return (
    <ul className="tree" role="tree" aria-label="Files" data-testid="file-tree" onKeyDown={onKeyDown}>
      {(props.root.children ?? []).map((child, index) => (
        <TreeRow key={child.path} node={child} depth={0} isEntry={index === 0} onContextMenu={props.onContextMenu} />
      ))}
    </ul>
  );
}
