import type { ReactElement } from "react";
import type { OutputLine } from "../../../electron/api/contract";
import { useFollowTail } from "../../ui/use-follow-tail";

/** The app's stdout and stderr (and the app host's own notes), newest at the bottom. */
export function OutputView(props: { lines: OutputLine[] }): ReactElement {
  const tail = useFollowTail<HTMLDivElement>(props.lines);
  return (
    <div className="panel-output" role="log" aria-label="Output" data-testid="panel-output" ref={tail.ref} onScroll={tail.onScroll}>
      {props.lines.length === 0 && <p className="panel-empty">Nothing printed yet.</p>}
      {props.lines.map((line) => (
        <div key={line.seq} className={`panel-output-line panel-output-${line.stream}`}>
          {line.text}
        </div>
      ))}
    </div>
  );
}
