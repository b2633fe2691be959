import { useState, type ReactElement } from "react";
import type { FileNode } from "../../../electron/api/contract";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { IconButton } from "../../ui/icon-button";
import { ContextMenu, type MenuItem } from "../../ui/context-menu";
import { deleteEntry } from "./file-actions";
import { FileTree, useDropInto } from "./file-tree";

/** The Explorer side-bar view: toolbar, the file tree and its context menu. */
export function ExplorerView(): ReactElement {
  const studio = useStudio();
  const { project, tree } = useStore(studio.workspace.state);
  const [menu, setMenu] = useState<{ node: FileNode | null; x: number; y: number } | null>(null);
  const dropIntoRoot = useDropInto("");
  const rootIsTarget = useStore(studio.explorer.state, (state) => state.dropTarget === "");
  const run = (id: string) => void studio.attempt(() => studio.commands.execute(id, studio.commandContext()));

  const menuItems = (node: FileNode | null): MenuItem[] => [
    { label: "New File…", run: () => run("file.newFile") },
    { label: "New Folder…", run: () => run("file.newFolder") },
    ...(node
      ? [
          { label: "Rename…", run: () => studio.explorer.setRenaming(node.path) },
          { label: "Delete", danger: true, run: () => void studio.attempt(() => deleteEntry(studio, node)) },
        ]
      : []),
  ];

  return (
    <div className="explorer" data-testid="explorer">
      <div className="view-toolbar">
        <span className="view-toolbar-title" title={project?.dir}>
          {project?.name}
        </span>
        <IconButton icon="newFile" label="New File" testId="explorer-new-file" onClick={() => run("file.newFile")} />
        <IconButton icon="newFolder" label="New Folder" testId="explorer-new-folder" onClick={() => run("file.newFolder")} />
        <IconButton icon="refresh" label="Refresh Explorer" testId="explorer-refresh" onClick={() => run("explorer.refresh")} />
        <IconButton icon="collapse" label="Collapse Folders" onClick={() => studio.explorer.collapseAll()} />
      </div>
      <div
        className={`explorer-body ${rootIsTarget ? "is-drop-target" : ""}`}
        data-testid="explorer-body"
        {...dropIntoRoot}
        onClick={(event) => {
          if (event.target === event.currentTarget) studio.explorer.select(null);
        }}
        onContextMenu={(event) => {
          if (event.target !== event.currentTarget) return;
          event.preventDefault();
          studio.explorer.select(null);
          setMenu({ node: null, x: event.clientX, y: event.clientY });
        }}
      >
        {tree ? (
          <FileTree root={tree} onContextMenu={(node, x, y) => setMenu({ node, x, y })} />
        ) : (
          <p className="view-message">Loading files…</p>
        )}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.node)} onClose={() => setMenu(null)} />}
    </div>
  );
}
