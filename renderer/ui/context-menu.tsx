import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from "react";

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
}

/** Space kept between the menu and the window's edge when it has to move to fit. */
const EDGE = 4;

/**
 * A small right-click menu at the pointer, moved left or up when it would run off the window; closes
 * on Escape, outside click or a choice, and gives focus back to where it was.
 */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }): ReactElement {
  const menu = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  const [position, setPosition] = useState({ left: props.x, top: props.y });
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    setPosition({
      left: Math.max(EDGE, Math.min(props.x, window.innerWidth - box.width - EDGE)),
      top: Math.max(EDGE, Math.min(props.y, window.innerHeight - box.height - EDGE)),
    });
  }, [props.x, props.y]);
  useEffect(
    () => () => {
      if (returnTo?.isConnected) returnTo.focus();
    },
    [returnTo],
  );
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
      style={position}
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
