import * as monaco from "monaco-editor";
import type { SourceLocation } from "../../../electron/api/contract";
import type { MonacoModel } from "../../monaco/setup";
import type { Studio } from "../../studio";

/** The editor showing `model`, once the workbench has swapped it in (it does so right after `open`). */
function editorShowing(model: MonacoModel, timeoutMs = 2000): Promise<monaco.editor.ICodeEditor | undefined> {
  const find = () => monaco.editor.getEditors().find((editor) => editor.getModel() === model);
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const subscriptions = monaco.editor.getEditors().map((editor) => editor.onDidChangeModel(() => check()));
    const timer = setTimeout(() => done(undefined), timeoutMs);
    function done(editor: monaco.editor.ICodeEditor | undefined): void {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      resolve(editor);
    }
    function check(): void {
      const editor = find();
      if (editor) done(editor);
    }
  });
}

/**
 * Opens the file of a problem in the editor with the cursor on its line and column (the error overlay
 * and the Problems panel both use it).
 *
 * @example
 * await openLocation(studio, { file: "app.ts", line: 12, column: 5 });
 */
export async function openLocation(studio: Pick<Studio, "editors">, location: SourceLocation): Promise<void> {
  await studio.editors.open(location.file);
  const model = studio.editors.models.get(location.file);
  const editor = model ? await editorShowing(model) : undefined;
  if (!editor) return;
  const position = { lineNumber: location.line, column: location.column ?? 1 };
  editor.setPosition(position);
  editor.revealPositionInCenter(position);
  editor.focus();
}
