import { useEffect, useRef, type ReactElement } from "react";
import { readInspectReport, type InspectCommand, type InspectReport } from "./inspect-messages";

const start: InspectCommand = { vialInspect: "start" };
const stop: InspectCommand = { vialInspect: "stop" };

function originOf(src: string): string | null {
  return URL.canParse(src) ? new URL(src).origin : null;
}

/**
 * Shows the app in an iframe (browser mode). The pane talks to it only through `src` and `seq`:
 * each new `seq` loads `src` again, so a reload keeps the path. The frame is cross-origin to the
 * Studio (another port), so the app cannot reach the Studio's page or its API; the inspect tool
 * speaks to the inspector script the app host adds to the app's pages with postMessage, to and from
 * the app's origin only, and starts it again on each page the frame loads while `inspecting`.
 */
export function FrameSurface(props: { src: string; seq: number; inspecting: boolean; onInspect: (report: InspectReport) => void }): ReactElement {
  const frame = useRef<HTMLIFrameElement>(null);
  const { src, seq, inspecting, onInspect } = props;
  const origin = originOf(src);
  const latest = useRef({ inspecting, onInspect });
  latest.current = { inspecting, onInspect };

  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    // Replacing the frame's location (allowed cross-origin) reloads without piling up history entries.
    if (element.contentWindow !== null && element.getAttribute("src") !== null) element.contentWindow.location.replace(src);
    else element.src = src;
  }, [src, seq]);

  useEffect(() => {
    const onMessage = (event: MessageEvent): void => {
      if (event.source === null || event.source !== frame.current?.contentWindow || event.origin !== origin) return;
      const report = readInspectReport(event.data);
      if (report !== undefined) latest.current.onInspect(report);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [origin]);

  useEffect(() => {
    if (origin !== null) frame.current?.contentWindow?.postMessage(inspecting ? start : stop, origin);
  }, [inspecting, origin]);

  return (
    <iframe
      ref={frame}
      className="preview-frame"
      title="App preview"
      data-testid="preview-frame"
      sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-modals allow-downloads"
      onLoad={() => {
        if (latest.current.inspecting && origin !== null) frame.current?.contentWindow?.postMessage(start, origin);
      }}
    />
  );
}
