import { useState, type ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { sideBarViews } from "../views";

/**
 * The side bar: the title of the active view above the view itself. Views marked `keepMounted` stay
 * mounted (hidden) once shown, and so does the whole side bar while it is hidden, so their input lives on.
 */
export function SideBar({ hidden }: { hidden: boolean }): ReactElement | null {
  const studio = useStudio();
  const activeView = useStore(studio.layout.state, (state) => state.activeView);
  const view = sideBarViews.find((candidate) => candidate.id === activeView) ?? sideBarViews[0];
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(view ? [view.id] : []));
  if (view && !shown.has(view.id)) setShown(new Set([...shown, view.id]));
  if (!view) return null;
  const mounted = sideBarViews.filter((candidate) => candidate.id === view.id || (candidate.keepMounted && shown.has(candidate.id)));
  return (
    <aside className="side-bar" aria-label={view.title} data-testid="side-bar" hidden={hidden}>
      <header className="side-bar-header">{view.title}</header>
      {mounted.map((candidate) => (
        <div key={candidate.id} className="side-bar-body" hidden={candidate.id !== view.id}>
          <candidate.component />
        </div>
      ))}
    </aside>
  );
}
