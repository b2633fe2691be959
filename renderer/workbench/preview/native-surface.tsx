import { useEffect, useRef, type ReactElement } from "react";
import type { PreviewBounds } from "../../../electron/api/contract";
import type { StudioClient } from "../../api/client";

type PreviewClient = Pick<StudioClient, "invoke">;

function boundsOf(element: HTMLElement): PreviewBounds {
  const rect = element.getBoundingClientRect();
  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
}

/**
 * Shows the app in Electron's native preview view (its own sandboxed session, no Node, no Studio API),
 * laid over this element's area: the same `src` / `seq` contract as the iframe surface. While
 * `hidden` (the error overlay is up, since a native view would cover it) the view is put away.
 */
export function NativeSurface(props: { client: PreviewClient; src: string; seq: number; hidden: boolean }): ReactElement {
  const area = useRef<HTMLDivElement>(null);
  const { client, src, seq, hidden } = props;
  const shown = useRef<{ src: string; seq: number } | null>(null);
  const latest = useRef({ src, seq });
  const place = useRef<(() => void) | null>(null);
  latest.current = { src, seq };

  // Shows the view and keeps it over this element while the element lives and is not hidden.
  useEffect(() => {
    const element = area.current;
    if (element === null || hidden) return;
    const show = (): void => {
      const { src: url, seq: wanted } = latest.current;
      const reload = shown.current !== null && shown.current.src === url && shown.current.seq !== wanted;
      shown.current = { src: url, seq: wanted };
      void client.invoke("preview.show", { url, bounds: boundsOf(element), reload }).catch(() => undefined);
    };
    show();
    place.current = show;
    const observer = new ResizeObserver(show);
    observer.observe(element);
    window.addEventListener("resize", show);
    return () => {
      place.current = null;
      observer.disconnect();
      window.removeEventListener("resize", show);
      void client.invoke("preview.hide", {}).catch(() => undefined);
    };
  }, [client, hidden]);

  // A new path or a reload goes to the view already showing, without hiding it first.
  useEffect(() => {
    if (shown.current?.src !== src || shown.current.seq !== seq) place.current?.();
  }, [src, seq]);

  return <div ref={area} className="preview-native" data-testid="preview-native" />;
}
