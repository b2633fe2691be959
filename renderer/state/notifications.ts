import { createStore } from "./store";

export interface Notification {
  id: number;
  kind: "info" | "error";
  message: string;
}

/** Toasts in the corner of the workbench; errors stay until dismissed, infos fade out. */
export class NotificationsStore {
  readonly items = createStore<Notification[]>([]);
  #nextId = 1;

  constructor(private readonly infoLifetimeMs = 4000) {}

  info(message: string): void {
    const id = this.#add("info", message);
    setTimeout(() => this.dismiss(id), this.infoLifetimeMs);
  }

  error(message: string): void {
    this.#add("error", message);
  }

  dismiss(id: number): void {
    this.items.set((items) => items.filter((item) => item.id !== id));
  }

  #add(kind: Notification["kind"], message: string): number {
    const id = this.#nextId++;
    this.items.set((items) => [...items.slice(-4), { id, kind, message }]);
    return id;
  }
}
