import * as monaco from "monaco-editor";
import { useEffect, useRef, type ReactElement } from "react";
import { useStore } from "../state/use-store";
import { useStudio } from "../studio-context";

/**
 * Whether a dialog or the palette has keyboard focus: a file that finishes opening then must not take
 * it, or the keys typed there would go into the file.
 */
function overlayHasFocus(): boolean {
  return document.activeElement?.closest('[role="dialog"]') != null;
}

/**
 * The one Monaco editor of the workbench. It is created once and never re-created: switching tabs
 * swaps the model (one per file URI, see models.ts) and restores that file's cursor and scroll.
 */
export function CodeEditor({ path }: { path: string | null }): ReactElement {
  const studio = useStudio();
  const { editors, cursor } = studio;
  const settings = useStore(studio.settings.settings);
  const reveal = useStore(editors.reveal);
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const shownPath = useRef<string | null>(null);

  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: "all",
      smoothScrolling: true,
      padding: { top: 8 },
      ariaLabel: "Code editor",
    });
    editorRef.current = editor;
    const reportCursor = () => {
      const position = editor.getPosition();
      const model = editor.getModel();
      cursor.set(position && model ? { line: position.lineNumber, column: position.column, language: model.getLanguageId() } : null);
    };
    const subscriptions = [
      editor.onDidChangeCursorPosition(reportCursor),
      editor.onDidChangeModel(reportCursor),
    ];
    return () => {
      if (shownPath.current) editors.models.saveViewState(shownPath.current, editor.saveViewState());
      for (const subscription of subscriptions) subscription.dispose();
      editor.dispose();
      editorRef.current = null;
      cursor.set(null);
    };
  }, [editors, cursor]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const previous = shownPath.current;
    if (previous && previous !== path && editors.models.has(previous)) {
      editors.models.saveViewState(previous, editor.saveViewState());
    }
    const model = path ? editors.models.get(path) ?? null : null;
    if (editor.getModel() !== model) {
      editor.setModel(model);
      const viewState = path ? editors.models.viewState(path) : undefined;
      if (viewState) editor.restoreViewState(viewState as monaco.editor.ICodeEditorViewState);
    }
    shownPath.current = path;
    if (model && path && editors.takesFocus(path) && !overlayHasFocus()) editor.focus();
  }, [path, editors]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal || reveal.path !== path) return;
    const position = { lineNumber: reveal.line, column: reveal.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    if (!overlayHasFocus()) editor.focus();
    // Applied once: coming back to this tab later restores its own view state instead.
    editors.reveal.set(null);
  }, [reveal, path, editors]);

  useEffect(() => {
    editorRef.current?.updateOptions({
      fontSize: settings.fontSize,
      wordWrap: settings.wordWrap ? "on" : "off",
      tabSize: settings.tabSize,
    });
    for (const model of monaco.editor.getModels()) model.updateOptions({ tabSize: settings.tabSize });
  }, [settings.fontSize, settings.wordWrap, settings.tabSize]);

  return <div ref={container} className="code-editor" data-testid="code-editor" hidden={path === null} />;
}
