import type { FileNode } from "../../../electron/api/contract";
import { offerTemplateRename } from "../../designers/routes/template-rename";
import { invalidNameReason, joinPath, moveTarget, parentPath } from "../../state/workspace";
import type { Studio } from "../../studio";

/**
 * Renames a file or folder within its folder to the name typed in the tree; open editors follow it.
 * Returns why the name cannot be used (the field stays open), or undefined once done.
 */
export async function renameEntry(studio: Studio, node: FileNode, name: string): Promise<string | undefined> {
  const trimmed = name.trim();
  if (trimmed === node.name) return undefined;
  const invalid = invalidNameReason(trimmed);
  if (invalid) return invalid;
  const to = joinPath(parentPath(node.path), trimmed);
  await studio.workspace.rename(node.path, to);
  studio.editors.renamed(node.path, to);
  studio.explorer.reveal(to);
  void studio.attempt(() => offerTemplateRename(studio, node.path, to));
  return undefined;
}

/** Moves a file or folder into another folder ("" is the root); open editors follow it. */
export async function moveEntry(studio: Studio, from: string, folder: string): Promise<void> {
  const to = moveTarget(from, folder);
  if (to === undefined) return;
  await studio.workspace.rename(from, to);
  studio.editors.renamed(from, to);
  studio.explorer.reveal(to);
  void studio.attempt(() => offerTemplateRename(studio, from, to));
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
