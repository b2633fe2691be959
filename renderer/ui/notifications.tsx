import type { ReactElement } from "react";
import { useStore } from "../state/use-store";
import { useStudio } from "../studio-context";
import { IconButton } from "./icon-button";

/** Toasts stacked in the bottom-right corner. */
export function Notifications(): ReactElement {
  const { notifications } = useStudio();
  const items = useStore(notifications.items);
  return (
    <div className="notifications" aria-live="polite">
      {items.map((item) => (
        <div key={item.id} className={`toast toast-${item.kind}`} role={item.kind === "error" ? "alert" : "status"} data-testid="toast">
          <span className="toast-message">{item.message}</span>
          <IconButton icon="close" label="Dismiss" onClick={() => notifications.dismiss(item.id)} />
        </div>
      ))}
    </div>
  );
}
