import { useEffect, useRef, useState, type ReactElement } from "react";
import { errorMessage } from "../../api/client";
import type { FileNode } from "../../../electron/api/contract";
import { useStudio } from "../../studio-context";
import { renameEntry } from "./file-actions";

/**
 * The name field a tree row shows while renaming (VS Code's inline rename): the name without its
 * extension is selected; Enter or leaving the field renames, Escape cancels; a bad name keeps it open.
 */
export function RenameField({ node }: { node: FileNode }): ReactElement {
  const studio = useStudio();
  const [value, setValue] = useState(node.name);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  /** Set once the rename is done or cancelled, or while it runs, so the blur that follows does not rename again. */
  const settled = useRef(false);
  const running = useRef(false);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.focus();
    const dot = node.name.lastIndexOf(".");
    field.setSelectionRange(0, dot > 0 && node.kind === "file" ? dot : node.name.length);
  }, [node]);

  const finish = () => {
    settled.current = true;
    studio.explorer.setRenaming(null);
    // Back to the (possibly renamed) row once the tree has re-rendered, for keyboard users.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[data-testid="file-tree"] [role="treeitem"][tabindex="0"]')?.focus(),
    );
  };
  const commit = async () => {
    if (settled.current || running.current) return;
    running.current = true;
    try {
      const reason = await renameEntry(studio, node, value);
      if (reason) setProblem(reason);
      else finish();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      running.current = false;
    }
  };

  return (
    <span className="tree-rename">
      <input
        ref={input}
        className="input tree-rename-input"
        value={value}
        aria-label={`New name for ${node.name}`}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? "tree-rename-problem" : undefined}
        data-testid="tree-rename-input"
        onClick={(event) => event.stopPropagation()}
        onChange={(event) => {
          setValue(event.target.value);
          setProblem(undefined);
        }}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Enter") void commit();
          else if (event.key === "Escape") finish();
        }}
        onBlur={() => void commit()}
      />
      {problem && (
        <span id="tree-rename-problem" className="tree-rename-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
