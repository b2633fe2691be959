import { useEffect, useRef, useState, type ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { ContextMenu } from "../../ui/context-menu";
import { Icon } from "../../ui/icons";

/**
 * One tab per open file: the name, a dot while unsaved, and a close button. Middle-click closes.
 * Left/Right (and Home/End) move between tabs, showing each file while focus stays in the strip.
 */
export function EditorTabs(): ReactElement {
  const studio = useStudio();
  const editors = useStore(studio.editors.state);
  const { tabs, active } = editors;
  const [menu, setMenu] = useState<{ path: string; x: number; y: number } | null>(null);
  const close = (path: string) => void studio.attempt(() => studio.editors.close(path));
  const strip = useRef<HTMLDivElement>(null);
  // On every change of the editors' state, not only of the active path: opening the file that is
  // already active (quick open, the explorer) must bring its tab back too, after the strip was scrolled.
  useEffect(() => {
    if (strip.current) revealActiveTab(strip.current);
  }, [editors]);
  // A narrower window or editor area shrinks the strip from the right, over the active tab.
  useEffect(() => {
    const element = strip.current;
    if (!element) return;
    const observer = new ResizeObserver(() => revealActiveTab(element));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const moveTo = (index: number) => {
    const target = tabs[index];
    if (!target) return;
    void studio.attempt(() => studio.editors.open(target.path, undefined, { preserveFocus: true }));
    strip.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(target.path)}"]`)?.focus();
  };
  return (
    <>
      <div ref={strip} className="editor-tabs" role="tablist" aria-label="Open editors" data-testid="editor-tabs">
        {tabs.map((tab) => {
          const name = tab.path.split("/").pop() ?? tab.path;
          const isActive = tab.path === active;
          return (
            <div
              key={tab.path}
              className={`editor-tab ${isActive ? "is-active" : ""} ${tab.dirty ? "is-dirty" : ""}`}
              role="tab"
              aria-selected={isActive}
              aria-label={tab.dirty ? `${name}, unsaved` : name}
              title={tab.path}
              data-testid="editor-tab"
              data-path={tab.path}
              data-dirty={tab.dirty}
              tabIndex={isActive ? 0 : -1}
              onClick={() => studio.editors.activate(tab.path)}
              onContextMenu={(event) => {
                event.preventDefault();
                setMenu({ path: tab.path, x: event.clientX, y: event.clientY });
              }}
              onAuxClick={(event) => {
                if (event.button === 1) close(tab.path);
              }}
              onKeyDown={(event) => {
                const index = tabs.indexOf(tab);
                if (event.key === "Enter" || event.key === " ") studio.editors.activate(tab.path);
                else if (event.key === "ArrowRight") moveTo((index + 1) % tabs.length);
                else if (event.key === "ArrowLeft") moveTo((index - 1 + tabs.length) % tabs.length);
                else if (event.key === "Home") moveTo(0);
                else if (event.key === "End") moveTo(tabs.length - 1);
                else return;
                event.preventDefault();
              }}
            >
              <span className="editor-tab-name">{name}</span>
              <button
                type="button"
                className="icon-button editor-tab-close"
                aria-label={`Close ${name}`}
                title={tab.dirty ? "Unsaved changes: close" : "Close"}
                onClick={(event) => {
                  event.stopPropagation();
                  close(tab.path);
                }}
              >
                <span className="dirty-dot" aria-hidden="true" />
                <Icon name="close" size={14} />
              </button>
            </div>
          );
        })}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={[
            { label: "Close", run: () => close(menu.path) },
            { label: "Close Others", run: () => void studio.attempt(() => studio.editors.closeAll(menu.path)) },
            { label: "Close All", run: () => void studio.attempt(() => studio.editors.closeAll()) },
          ]}
        />
      )}
    </>
  );
}

function revealActiveTab(strip: HTMLElement): void {
  strip.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
}
