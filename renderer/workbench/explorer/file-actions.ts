import type { FileNode } from "../../../electron/api/contract";
import { invalidNameReason, joinPath, moveTarget, parentPath } from "../../state/workspace";
import type { Studio } from "../../studio";

/** Asks for a new name and renames the file or folder; open editors follow it. */
export async function renameEntry(studio: Studio, node: FileNode): Promise<void> {
  const name = await studio.dialogs.prompt({
    title: node.kind === "dir" ? "Rename Folder" : "Rename File",
    label: "New name",
    value: node.name,
    confirmLabel: "Rename",
    validate: invalidNameReason,
  });
  if (name === null || name.trim() === node.name) return;
  const to = joinPath(parentPath(node.path), name.trim());
  await studio.workspace.rename(node.path, to);
  studio.editors.renamed(node.path, to);
  studio.explorer.reveal(to);
}

/** Moves a file or folder into another folder ("" is the root); open editors follow it. */
export async function moveEntry(studio: Studio, from: string, folder: string): Promise<void> {
  const to = moveTarget(from, folder);
  if (to === undefined) return;
  await studio.workspace.rename(from, to);
  studio.editors.renamed(from, to);
  studio.explorer.reveal(to);
}

/** Deletes a file or folder after the user confirms; its editors close. */
export async function deleteEntry(studio: Studio, node: FileNode): Promise<void> {
  const what = node.kind === "dir" ? "the folder" : "";
  const choice = await studio.dialogs.choose({
    title: node.kind === "dir" ? "Delete Folder" : "Delete File",
    message: `Delete ${what} "${node.path}"${node.kind === "dir" ? " and everything in it" : ""}? It is moved to the Studio's trash folder.`,
    choices: [
      { id: "delete", label: "Delete", kind: "danger" },
      { id: "cancel", label: "Cancel" },
    ],
  });
  if (choice !== "delete") return;
  await studio.workspace.delete(node.path);
  studio.editors.deleted(node.path);
  studio.explorer.select(null);
}
