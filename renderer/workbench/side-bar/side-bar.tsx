import type { ReactElement } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { sideBarViews } from "../views";

/** The side bar: the title of the active view above the view itself. */
export function SideBar(): ReactElement | null {
  const studio = useStudio();
  const activeView = useStore(studio.layout.state, (state) => state.activeView);
  const view = sideBarViews.find((candidate) => candidate.id === activeView) ?? sideBarViews[0];
  if (!view) return null;
  const View = view.component;
  return (
    <aside className="side-bar" aria-label={view.title} data-testid="side-bar">
      <header className="side-bar-header">{view.title}</header>
      <div className="side-bar-body">
        <View />
      </div>
    </aside>
  );
}
