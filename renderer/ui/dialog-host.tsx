import { useEffect, useRef, useState, type ReactElement } from "react";
import { useStore } from "../state/use-store";
import { useStudio } from "../studio-context";
import type { DialogRequest } from "../state/dialogs";
import { useFocusTrap } from "./use-focus-trap";

function PromptBody({ request, onSettle }: { request: Extract<DialogRequest, { kind: "prompt" }>; onSettle: (value: string | null) => void }) {
  const [value, setValue] = useState(request.value);
  const [touched, setTouched] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const error = request.validate(value);
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.focus();
    const dot = request.value.lastIndexOf(".");
    field.setSelectionRange(0, dot > 0 ? dot : request.value.length);
  }, [request]);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!error) onSettle(value);
      }}
    >
      <label className="field">
        <span className="field-label">{request.label}</span>
        <input
          ref={input}
          className="input"
          value={value}
          data-testid="dialog-input"
          aria-invalid={touched && error !== undefined}
          onChange={(event) => {
            setTouched(true);
            setValue(event.target.value);
          }}
        />
      </label>
      <p className="field-error" role="alert">
        {touched ? error : undefined}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => onSettle(null)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" data-testid="dialog-confirm" disabled={touched && error !== undefined}>
          {request.confirmLabel}
        </button>
      </div>
    </form>
  );
}

/** The modal frame of the dialog on top of the queue; focus stays inside it while it shows. */
function DialogFrame({ request, queueLength }: { request: DialogRequest; queueLength: number }): ReactElement {
  const { dialogs } = useStudio();
  const frame = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  useFocusTrap(frame);
  useEffect(() => {
    if (request.kind === "choose") first.current?.focus();
  }, [request]);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && dialogs.settle(null)}>
      <div
        ref={frame}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        data-testid="dialog"
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.stopPropagation();
            dialogs.settle(null);
          }
        }}
      >
        <h2 id="dialog-title" className="dialog-title">
          {request.title}
        </h2>
        {request.kind === "choose" ? (
          <>
            <p className="dialog-message">{request.message}</p>
            <div className="dialog-actions">
              {[...request.choices].reverse().map((choice, index, all) => (
                <button
                  key={choice.id}
                  ref={index === all.length - 1 ? first : undefined}
                  type="button"
                  className={`btn ${choice.kind === "primary" ? "btn-primary" : choice.kind === "danger" ? "btn-danger" : ""}`}
                  onClick={() => dialogs.settle(choice.id)}
                >
                  {choice.label}
                </button>
              ))}
            </div>
          </>
        ) : (
          <PromptBody key={queueLength} request={request} onSettle={(value) => dialogs.settle(value)} />
        )}
      </div>
    </div>
  );
}

/** Shows the first queued dialog as a modal; Escape or the backdrop dismisses it. */
export function DialogHost(): ReactElement | null {
  const { dialogs } = useStudio();
  const queue = useStore(dialogs.queue);
  const request = queue[0];
  return request ? <DialogFrame request={request} queueLength={queue.length} /> : null;
}
