import { createStore } from "./store";

export interface Choice {
  id: string;
  label: string;
  kind?: "primary" | "danger" | "plain";
}

/** A modal the workbench is waiting on: either a choice between buttons or a one-line text prompt. */
export type DialogRequest =
  | { kind: "choose"; title: string; message: string; choices: Choice[]; resolve: (id: string | null) => void }
  | {
      kind: "prompt";
      title: string;
      label: string;
      value: string;
      confirmLabel: string;
      validate: (value: string) => string | undefined;
      resolve: (value: string | null) => void;
    };

/**
 * In-app modal dialogs, one at a time (later requests wait their turn). Promises resolve with the
 * chosen id or entered text, or null when dismissed.
 */
export class DialogsStore {
  readonly queue = createStore<DialogRequest[]>([]);

  /** Asks the user to pick one of the choices; null when the dialog is dismissed (Escape). */
  choose(options: { title: string; message: string; choices: Choice[] }): Promise<string | null> {
    return new Promise((resolve) => this.#push({ kind: "choose", ...options, resolve }));
  }

  /** Asks for one line of text; null when cancelled. `validate` returns an error message to block confirming. */
  prompt(options: {
    title: string;
    label: string;
    value?: string;
    confirmLabel?: string;
    validate?: (value: string) => string | undefined;
  }): Promise<string | null> {
    return new Promise((resolve) =>
      this.#push({
        kind: "prompt",
        title: options.title,
        label: options.label,
        value: options.value ?? "",
        confirmLabel: options.confirmLabel ?? "OK",
        validate: options.validate ?? (() => undefined),
        resolve,
      }),
    );
  }

  /** Settles the dialog on top of the queue and shows the next one. */
  settle(result: string | null): void {
    const [current, ...rest] = this.queue.get();
    if (!current) return;
    this.queue.set(rest);
    current.resolve(result);
  }

  #push(request: DialogRequest): void {
    this.queue.set((queue) => [...queue, request]);
  }
}
