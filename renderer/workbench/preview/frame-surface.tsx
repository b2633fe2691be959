import { useEffect, useRef, type ReactElement } from "react";

/**
 * Shows the app in an iframe (browser mode). The pane talks to it only through `src` and `seq`:
 * each new `seq` loads `src` again, so a reload keeps the path. The frame is cross-origin to the
 * Studio (another port), so the app cannot reach the Studio's page or its API.
 */
export function FrameSurface(props: { src: string; seq: number }): ReactElement {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    // Replacing the frame's location (allowed cross-origin) reloads without piling up history entries.
    if (element.contentWindow !== null && element.getAttribute("src") !== null) element.contentWindow.location.replace(props.src);
    else element.src = props.src;
  }, [props.src, props.seq]);
  return (
    <iframe
      ref={frame}
      className="preview-frame"
      title="App preview"
      data-testid="preview-frame"
      sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-modals allow-downloads"
    />
  );
}
