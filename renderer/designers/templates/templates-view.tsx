import { useCallback, useMemo, type ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { filePaths } from "../../state/workspace";
import { useStudio } from "../../studio-context";
import { IconButton } from "../../ui/icon-button";
import { routesStoreFor } from "../routes/routes-store";
import { Canvas, COMPONENT_TYPE } from "./canvas";
import { deleteNode, findNode, insertNode, nodeAt, parentOf, type OutlineNode, type TextEdit } from "./outline";
import { OutlineTree } from "./outline-tree";
import { paletteItem, paletteItems } from "./palette";
import { Properties } from "./properties";
import { canvasWidths, templateName, templatesStoreFor, type CanvasWidth } from "./templates-store";
import "./templates.css";

const CONTAINERS = new Set(["document", "element", "block"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

function isContainer(node: OutlineNode): boolean {
  return CONTAINERS.has(node.kind) && !(node.kind === "element" && VOID.has(node.name)) && !(node.kind === "block" && node.name === "raw");
}

function meaningful(source: string, node: OutlineNode): OutlineNode[] {
  return node.children.filter((child) => !(child.kind === "text" && source.slice(child.start, child.end).trim() === ""));
}

/** Where a component dropped on (or inserted at) `target` goes: inside a container, else after the node. */
export function insertionPoint(source: string, tree: OutlineNode, targetId: string | null): { parentId: string; index: number } {
  const extendsAnother = tree.children.some((child) => child.kind === "statement" && child.name === "extends");
  const target = targetId !== null ? findNode(tree, targetId) : undefined;
  let point: { parentId: string; index: number };
  if (target && isContainer(target)) point = { parentId: target.id, index: Number.MAX_SAFE_INTEGER };
  else if (target) {
    const parent = parentOf(tree, target.id)!;
    point = { parentId: parent.id, index: meaningful(source, parent).indexOf(target) + 1 };
  } else {
    const lastBlock = [...tree.children].reverse().find((child) => child.kind === "block" && child.name === "block");
    point = extendsAnother && lastBlock ? { parentId: lastBlock.id, index: Number.MAX_SAFE_INTEGER } : { parentId: "", index: Number.MAX_SAFE_INTEGER };
  }
  if (extendsAnother && point.parentId === "") {
    throw new Error("This template extends another: only what is inside its {% block %}s shows. Select or drop onto a block.");
  }
  return point;
}

function TemplateList(props: { onOpen: (path: string) => void }): ReactElement {
  const studio = useStudio();
  const tree = useStore(studio.workspace.state, (state) => state.tree);
  const templates = useMemo(() => filePaths(tree).filter((path) => /^templates\/.+\.(html?|jinja2?|j2|xml|txt)$/.test(path)), [tree]);
  if (templates.length === 0) return <p className="view-message">No templates yet: add .html files under templates/.</p>;
  return (
    <ul className="template-list" data-testid="template-list">
      {templates.map((path) => (
        <li key={path}>
          <button type="button" data-testid="template-open" data-path={path} onClick={() => props.onOpen(path)}>
            {templateName(path)}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The Templates side-bar view: the project's templates, and the designer of the one opened. */
export function TemplatesView(): ReactElement {
  const studio = useStudio();
  const store = templatesStoreFor(studio);
  const { path, source, tree, selected, render, width } = useStore(store.state);
  const selectedNode = tree && selected !== null ? findNode(tree, selected) : undefined;

  const insert = useCallback(
    (component: string, targetId: string | null) =>
      void studio.attempt(async () => {
        const item = paletteItem(component);
        if (!item) throw new Error(`Unknown component ${component}.`);
        const endpoint = routesStoreFor(studio).state.get().index?.routes.find((route) => route.methods.includes("POST"))?.endpoint ?? "index";
        const applied: TextEdit[] = store.edit((text, outline) => {
          const { parentId, index } = insertionPoint(text, outline, targetId);
          return insertNode(text, outline, parentId, index, item.markup({ endpoint }));
        });
        const edit = applied[0];
        const after = store.state.get();
        if (edit && after.tree) {
          const offset = edit.start + (edit.text.length - edit.text.trimStart().length);
          store.select(nodeAt(after.tree, offset).id);
        }
      }),
    [studio, store],
  );
  const select = useCallback((id: string) => store.select(id, true), [store]);

  if (path === null || tree === null) {
    return (
      <div className="templates-view" data-testid="templates-view">
        <TemplateList onOpen={(file) => void studio.attempt(() => store.open(file))} />
      </div>
    );
  }

  return (
    <div className="templates-view template-designer" data-testid="template-designer" data-path={path}>
      <div className="view-toolbar">
        <IconButton icon="close" label="Close the designer" testId="template-close" onClick={() => store.close()} />
        <span className="template-name">{templateName(path)}</span>
        {(Object.keys(canvasWidths) as CanvasWidth[]).map((size) => (
          <button key={size} type="button" className="template-width" aria-pressed={width === size} data-testid={`template-width-${size}`} onClick={() => store.setWidth(size)}>
            {size}
          </button>
        ))}
        <IconButton icon="refresh" label="Render again" testId="template-refresh" onClick={() => store.refreshCanvas()} />
      </div>
      {render?.html != null ? (
        <Canvas html={render.html} width={width} selected={selected} onSelect={select} onDropComponent={insert} />
      ) : (
        <p className="template-render-error" data-testid="template-render-error">
          {render?.error ?? "Rendering…"}
        </p>
      )}
      {render?.samplesPath && <p className="template-samples">Sample data: {render.samplesPath}</p>}
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
      <OutlineTree source={source} tree={tree} selected={selected} onSelect={select} onDropComponent={insert} />
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
