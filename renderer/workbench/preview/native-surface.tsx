import { useEffect, useRef, type ReactElement } from "react";
import type { PreviewBounds } from "../../../electron/api/contract";
import type { StudioClient } from "../../api/client";
import type { InspectReport } from "./inspect-messages";

type PreviewClient = Pick<StudioClient, "invoke">;

function boundsOf(element: HTMLElement): PreviewBounds {
  const rect = element.getBoundingClientRect();
  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
}

/**
 * Shows the app in Electron's native preview view (its own sandboxed session, no Node, no Studio API),
 * laid over this element's area: the same `src` / `seq` contract as the iframe surface. While
 * `hidden` (the error overlay is up, since a native view would cover it) the view is put away. While
 * `inspecting`, the host runs the inspect tool in the view and reports the pick (or null when it ends).
 */
export function NativeSurface(props: {
  client: PreviewClient;
  src: string;
  seq: number;
  hidden: boolean;
  inspecting: boolean;
  onInspect: (report: InspectReport) => void;
}): ReactElement {
  const area = useRef<HTMLDivElement>(null);
  const { client, src, seq, hidden, inspecting } = props;
  const onInspect = useRef(props.onInspect);
  onInspect.current = props.onInspect;
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

  useEffect(() => {
    if (!inspecting) return;
    let live = true;
    client.invoke("preview.inspect", { on: true }).then(
      ({ source }) => live && onInspect.current({ kind: "picked", source }),
      () => live && onInspect.current({ kind: "picked", source: null }),
    );
    return () => {
      live = false;
      void client.invoke("preview.inspect", { on: false }).catch(() => undefined);
    };
  }, [client, inspecting]);

  return <div ref={area} className="preview-native" data-testid="preview-native" />;
}
