import { useEffect, useRef, useState, type ReactElement } from "react";
import { canvasWidths, type CanvasWidth } from "./templates-store";

/** Added to the rendered page: how the canvas marks the hovered and the selected node. */
const CANVAS_STYLE = `<style>
[data-vial-node]:hover { outline: 1px dashed #3b82f6; outline-offset: 1px; cursor: default; }
[data-vial-selected] { outline: 2px solid #2563eb !important; outline-offset: 1px; }
</style>`;

/** For a child template: what only the layout renders (no node of this template in or under it) is dimmed and cannot be picked. */
const LAYOUT_STYLE = `<style>
body *:not([data-vial-node]):not([data-vial-node] *):not(:has([data-vial-node])) { opacity: 0.45; cursor: not-allowed; }
</style>`;

/** The drag data type of a palette component (its id). */
export const COMPONENT_TYPE = "application/x-vial-component";

/**
 * The page as the template renders, at a device width scaled to fit. The frame is `srcdoc` with
 * scripts off (the page's scripts must never reach the Studio), and same-origin so clicks and drops
 * inside it can be read: each element of the template carries `data-vial-node` (see `instrument`).
 */
export function Canvas(props: {
  html: string;
  width: CanvasWidth;
  selected: string | null;
  /** True when the template extends a layout: the layout's own parts are shown but not editable. */
  extendsLayout: boolean;
  onSelect: (id: string) => void;
  onDropComponent: (component: string, targetId: string | null) => void;
}): ReactElement {
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [boxSize, setBoxSize] = useState({ width: 0, height: 0 });
  const [loads, setLoads] = useState(0);
  // Each edit renders a new page; the canvas keeps where it was scrolled to across them.
  const scroll = useRef({ x: 0, y: 0 });
  const { onSelect, onDropComponent } = props;
  const pageWidth = canvasWidths[props.width];
  const scale = boxSize.width > 0 ? Math.min(1, boxSize.width / pageWidth) : 1;
  const pageHeight = Math.max(200, boxSize.height / scale);

  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => setBoxSize({ width: element.clientWidth, height: element.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const document = frame.current?.contentDocument;
    if (!document) return;
    const nodeOf = (target: EventTarget | null) => (target instanceof document.defaultView!.Element ? target.closest("[data-vial-node]") : null);
    const click = (event: MouseEvent) => {
      event.preventDefault();
      const node = nodeOf(event.target);
      if (node) onSelect(node.getAttribute("data-vial-node")!);
    };
    const dragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes(COMPONENT_TYPE)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      const component = event.dataTransfer?.getData(COMPONENT_TYPE);
      if (!component) return;
      event.preventDefault();
      onDropComponent(component, nodeOf(event.target)?.getAttribute("data-vial-node") ?? null);
    };
    const submit = (event: Event) => event.preventDefault();
    const view = document.defaultView;
    view?.scrollTo(scroll.current.x, scroll.current.y);
    const scrolled = () => {
      if (view) scroll.current = { x: view.scrollX, y: view.scrollY };
    };
    view?.addEventListener("scroll", scrolled);
    document.addEventListener("click", click, true);
    document.addEventListener("dragover", dragOver);
    document.addEventListener("drop", drop);
    document.addEventListener("submit", submit, true);
    return () => {
      document.removeEventListener("click", click, true);
      document.removeEventListener("dragover", dragOver);
      document.removeEventListener("drop", drop);
      document.removeEventListener("submit", submit, true);
      view?.removeEventListener("scroll", scrolled);
    };
  }, [loads, onSelect, onDropComponent]);

  useEffect(() => {
    const document = frame.current?.contentDocument;
    if (!document) return;
    for (const element of document.querySelectorAll("[data-vial-selected]")) element.removeAttribute("data-vial-selected");
    if (props.selected === null) return;
    const element = document.querySelector(`[data-vial-node="${props.selected}"]`);
    element?.setAttribute("data-vial-selected", "");
    element?.scrollIntoView({ block: "nearest" });
  }, [props.selected, loads, props.html]);

  return (
    <div className="template-canvas" ref={box} data-testid="template-canvas" data-width={props.width}>
      <iframe
        ref={frame}
        title="Template canvas"
        className="template-canvas-frame"
        data-testid="template-canvas-frame"
        sandbox="allow-same-origin"
        srcDoc={`${CANVAS_STYLE}${props.extendsLayout ? LAYOUT_STYLE : ""}${props.html}`}
        onLoad={() => setLoads((count) => count + 1)}
        style={{ width: pageWidth, height: pageHeight, transform: `scale(${scale})` }}
      />
    </div>
  );
}

