import { useRef, type ReactElement } from "react";

/**
 * The draggable divider between two parts. Reports the size the part should take while dragging
 * (`onResize`) and once more when released (`onCommit`, where callers persist it).
 * `direction` "left" means the part grows when dragged to the left (a part on the right edge).
 */
export function Sash(props: {
  orientation: "vertical" | "horizontal";
  /** Which way dragging makes the part bigger. */
  grows: "right" | "left" | "up";
  size: number;
  min: number;
  max: number;
  label: string;
  testId?: string;
  onResize: (size: number) => void;
  onCommit: (size: number) => void;
}): ReactElement {
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const clamp = (size: number) => Math.max(props.min, Math.min(props.max, size));
  /**
   * The size the part is drawn at, which a narrow window may make smaller than `size`: dragging starts
   * from what the user sees, so the divider follows the pointer at once.
   */
  const shownSize = (sash: HTMLElement) => {
    const part = props.grows === "right" ? sash.previousElementSibling : sash.nextElementSibling;
    const box = part?.getBoundingClientRect();
    const shown = box ? (props.orientation === "vertical" ? box.width : box.height) : 0;
    return shown > 0 ? shown : props.size;
  };
  const sizeAt = (event: React.PointerEvent) => {
    const origin = start.current!;
    const position = props.orientation === "vertical" ? event.clientX : event.clientY;
    const delta = position - origin.pointer;
    return clamp(origin.size + (props.grows === "right" ? delta : -delta));
  };
  return (
    <div
      className={`sash sash-${props.orientation}`}
      role="separator"
      aria-orientation={props.orientation}
      aria-label={props.label}
      aria-valuenow={Math.round(props.size)}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      data-testid={props.testId}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { pointer: props.orientation === "vertical" ? event.clientX : event.clientY, size: shownSize(event.currentTarget) };
        document.body.classList.add(`resizing-${props.orientation}`);
      }}
      onPointerMove={(event) => {
        if (start.current) props.onResize(sizeAt(event));
      }}
      onPointerUp={(event) => {
        if (!start.current) return;
        const size = sizeAt(event);
        start.current = null;
        document.body.classList.remove(`resizing-${props.orientation}`);
        props.onCommit(size);
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 50 : 10;
        const towardGrowth =
          (props.grows === "right" && event.key === "ArrowRight") ||
          (props.grows === "left" && event.key === "ArrowLeft") ||
          (props.grows === "up" && event.key === "ArrowUp");
        const towardShrink =
          (props.grows === "right" && event.key === "ArrowLeft") ||
          (props.grows === "left" && event.key === "ArrowRight") ||
          (props.grows === "up" && event.key === "ArrowDown");
        if (!towardGrowth && !towardShrink) return;
        event.preventDefault();
        props.onCommit(clamp(props.size + (towardGrowth ? step : -step)));
      }}
    />
  );
}
