import { useCallback, useMemo, type ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { filePaths, invalidNameReason } from "../../state/workspace";
import type { Studio } from "../../studio";
import { useStudio } from "../../studio-context";
import { IconButton } from "../../ui/icon-button";
import { COMPONENT_TYPE } from "./canvas";
import { newTemplatePath } from "./new-template";
import { deleteNode, findNode, moveNode } from "./outline";
import { OutlineTree } from "./outline-tree";
import { paletteItems } from "./palette";
import { Properties } from "./properties";
import { templateName, templatesStoreFor } from "./templates-store";
import { insertionPoint, useInsert } from "./use-insert";
import "./templates.css";

function TemplateList(props: { onOpen: (path: string) => void; onNew: () => void }): ReactElement {
  const studio = useStudio();
  const tree = useStore(studio.workspace.state, (state) => state.tree);
  const templates = useMemo(() => filePaths(tree).filter((path) => /^templates\/.+\.(html?|jinja2?|j2|xml|txt)$/.test(path)), [tree]);
  return (
    <>
      <div className="view-toolbar">
        <span className="view-toolbar-title">templates/</span>
        <IconButton icon="plus" label="New Template" testId="templates-new" onClick={props.onNew} />
      </div>
      {templates.length === 0 ? (
        <p className="view-message">No templates yet: add one with New Template, or put .html files under templates/.</p>
      ) : (
        <ul className="template-list" data-testid="template-list">
          {templates.map((path) => (
            <li key={path}>
              <button type="button" data-testid="template-open" data-path={path} onClick={() => props.onOpen(path)}>
                {templateName(path)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Asks for a template name and creates it as a new page in the designer. */
async function newTemplate(studio: Studio): Promise<void> {
  const existing = new Set(filePaths(studio.workspace.state.get().tree));
  const name = await studio.dialogs.prompt({
    title: "New Template",
    label: "Template name (in templates/; .html is added when there is no extension)",
    value: "page.html",
    confirmLabel: "Create",
    validate: (value) => invalidNameReason(value) ?? (existing.has(newTemplatePath(value)) ? `${newTemplatePath(value)} already exists.` : undefined),
  });
  if (name !== null) await templatesStoreFor(studio).create(newTemplatePath(name));
}

/** The Templates side-bar view: the project's templates, and the designer of the one opened. */
export function TemplatesView(): ReactElement {
  const studio = useStudio();
  const store = templatesStoreFor(studio);
  const { path, source, tree, selected } = useStore(store.state);
  const selectedNode = tree && selected !== null ? findNode(tree, selected) : undefined;

  const insert = useInsert();
  const select = useCallback((id: string) => store.select(id, true), [store]);

  if (path === null || tree === null) {
    return (
      <div className="templates-view" data-testid="templates-view">
        <TemplateList onOpen={(file) => void studio.attempt(() => store.open(file))} onNew={() => void studio.attempt(() => newTemplate(studio))} />
      </div>
    );
  }

  return (
    <div className="templates-view template-designer" data-testid="template-designer" data-path={path}>
      <div className="view-toolbar">
        <IconButton icon="close" label="Close the designer" testId="template-close" onClick={() => store.close()} />
        <span className="template-name">{templateName(path)}</span>
      </div>
      <p className="template-hint">The canvas shows above the editor. Drag components onto it or onto the outline; click one to insert it at the selection.</p>
      <h4 className="template-section">Palette</h4>
      <div className="template-palette" data-testid="template-palette">
        {paletteItems.map((item) => (
          <button
            key={item.id}
            type="button"
            draggable
            data-testid="template-palette-item"
            data-component={item.id}
            title="Drag onto the outline or the canvas, or click to insert at the selection"
            onDragStart={(event) => {
              event.dataTransfer.setData(COMPONENT_TYPE, item.id);
              event.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => insert(item.id, selected)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <h4 className="template-section">Outline</h4>
      <OutlineTree
        source={source}
        tree={tree}
        selected={selected}
        onSelect={select}
        onDropComponent={insert}
        onMove={(id, targetId) =>
          void studio.attempt(async () => {
            store.edit((text, outline) => {
              const { parentId, index } = insertionPoint(text, outline, targetId);
              return moveNode(text, outline, id, parentId, index);
            });
            store.select(null);
          })
        }
      />
      {selectedNode && selectedNode.kind !== "document" && (
        <>
          <h4 className="template-section">Properties</h4>
          <Properties
            key={selectedNode.id}
            source={source}
            node={selectedNode}
            onEdit={(plan) => void studio.attempt(async () => store.edit(plan))}
            onDelete={() =>
              void studio.attempt(async () => {
                store.edit((text, outline) => deleteNode(text, outline, selectedNode.id));
                store.select(null);
              })
            }
          />
        </>
      )}
    </div>
  );
}
