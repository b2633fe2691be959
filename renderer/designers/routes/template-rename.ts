import type { Studio } from "../../studio";
import { templateNameOf, templateReferenceEdits } from "./model";
import { routesStoreFor } from "./routes-store";

/**
 * After a template file is renamed or moved, offers to update the places that name it
 * (`renderTemplate("…")`, `{% extends "…" %}`, …) in code and templates.
 *
 * @example
 * await offerTemplateRename(studio, "templates/links.html", "templates/nav.html");
 */
export async function offerTemplateRename(studio: Studio, from: string, to: string): Promise<void> {
  const oldName = templateNameOf(from);
  const newName = templateNameOf(to);
  if (oldName === undefined || newName === undefined || oldName === newName) return;
  const store = routesStoreFor(studio);
  const find = (text: string) => templateReferenceEdits(text, oldName, newName);
  const references = await store.findReferences(find);
  if (references.length === 0) return;
  const count = references.reduce((total, file) => total + file.edits.length, 0);
  const choice = await studio.dialogs.choose({
    title: "Update references",
    message: `${count} reference${count === 1 ? "" : "s"} to the template "${oldName}" in ${references.map((file) => file.path).join(", ")}. Rename ${count === 1 ? "it" : "them"} to "${newName}"?`,
    choices: [
      { id: "rename", label: "Update References", kind: "primary" },
      { id: "keep", label: "Leave Them" },
    ],
  });
  if (choice === "rename") await store.renameReferences(find);
}
