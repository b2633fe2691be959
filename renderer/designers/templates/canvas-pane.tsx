import { useCallback, type ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { IconButton } from "../../ui/icon-button";
import { Canvas } from "./canvas";
import { useInsert } from "./use-insert";
import { canvasWidths, templatesStoreFor, type CanvasWidth } from "./templates-store";
import "./templates.css";

/**
 * The designer's canvas, above the editor while the template shown there is open in the designer:
 * the side bar is too narrow for a page, the editor area is not.
 */
export function TemplateCanvasPane(props: { path: string }): ReactElement | null {
  const studio = useStudio();
  const store = templatesStoreFor(studio);
  const { path, render, width, selected, tree } = useStore(store.state);
  const extendsLayout = tree?.children.some((node) => node.kind === "statement" && node.name === "extends") ?? false;
  const insert = useInsert();
  const select = useCallback((id: string) => store.select(id, true), [store]);
  if (path !== props.path) return null;
  return (
    <section className="template-canvas-pane" aria-label="Template canvas" data-testid="template-canvas-pane">
      <div className="template-canvas-toolbar">
        {(Object.keys(canvasWidths) as CanvasWidth[]).map((size) => (
          <button key={size} type="button" className="template-width" aria-pressed={width === size} data-testid={`template-width-${size}`} onClick={() => store.setWidth(size)}>
            {size} ({canvasWidths[size]}px)
          </button>
        ))}
        <button type="button" className="template-width" data-testid="template-samples" title="Values for the variables a view passes to this template" onClick={() => void studio.attempt(() => store.editSamples())}>
          Sample data…
        </button>
        <IconButton icon="refresh" label="Render again" testId="template-refresh" onClick={() => store.refreshCanvas()} />
      </div>
      {render?.html != null ? (
        <Canvas html={render.html} width={width} selected={selected} extendsLayout={extendsLayout} onSelect={select} onDropComponent={insert} />
      ) : (
        <p className="template-render-error" data-testid="template-render-error">
          {render?.error ?? "Rendering…"}
        </p>
      )}
    </section>
  );
}
