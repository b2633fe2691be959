import { useEffect, useRef, type ReactElement } from "react";
import type { OutputLine } from "../../../electron/api/contract";

/** The app's stdout and stderr (and the app host's own notes), newest at the bottom. */
export function OutputView(props: { lines: OutputLine[] }): ReactElement {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block body: Chromium's scrollIntoView now returns a promise, and React must not get it as a cleanup.
    end.current?.scrollIntoView?.({ block: "end" });
  }, [props.lines]);
  return (
    <div className="panel-output" role="log" aria-label="Output" data-testid="panel-output">
      {props.lines.length === 0 && <p className="panel-empty">Nothing printed yet.</p>}
      {props.lines.map((line) => (
        <div key={line.seq} className={`panel-output-line panel-output-${line.stream}`}>
          {line.text}
        </div>
      ))}
    </div>
  );
}
