import { useEffect, useRef, type ReactElement } from "react";

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
}

/** A small right-click menu at the pointer; closes on Escape, outside click or a choice. */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }): ReactElement {
  const menu = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    menu.current?.querySelector("button")?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose.current();
    };
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, []);
  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      style={{ left: props.x, top: props.y }}
      data-testid="context-menu"
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onClose();
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const buttons = [...(menu.current?.querySelectorAll("button") ?? [])];
          const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
          const next = buttons[(index + (event.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length];
          next?.focus();
        }
      }}
    >
      {props.items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`context-menu-item ${item.danger ? "is-danger" : ""}`}
          onClick={() => {
            props.onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
