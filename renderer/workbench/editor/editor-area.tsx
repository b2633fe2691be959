import type { ReactElement } from "react";
import { formatKeybinding } from "../../commands/keybinding";
import { TemplateCanvasPane } from "../../designers/templates/canvas-pane";
import { CodeEditor } from "../../monaco/editor";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { EditorTabs } from "./editor-tabs";

function EmptyEditor(): ReactElement {
  const studio = useStudio();
  const hints = ["file.quickOpen", "workbench.commandPalette", "file.newFile", "view.togglePanel"]
    .map((id) => studio.commands.get(id))
    .filter((command) => command?.keybinding !== undefined);
  return (
    <div className="editor-empty" data-testid="editor-empty">
      <p className="editor-empty-title">No file is open</p>
      <dl className="shortcut-list">
        {hints.map((command) => (
          <div key={command!.id} className="shortcut-row">
            <dt>{command!.label}</dt>
            <dd>
              <kbd>{formatKeybinding(command!.keybinding!, studio.platform)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Tabs above the one Monaco editor; a short list of shortcuts when nothing is open. */
export function EditorArea(): ReactElement {
  const studio = useStudio();
  const active = useStore(studio.editors.state, (state) => state.active);
  return (
    <section className="editor-area" aria-label="Editor" data-testid="editor-area">
      {active !== null && <EditorTabs />}
      {active !== null && <TemplateCanvasPane path={active} />}
      <div className="editor-body">
        <CodeEditor path={active} />
        {active === null && <EmptyEditor />}
      </div>
    </section>
  );
}
