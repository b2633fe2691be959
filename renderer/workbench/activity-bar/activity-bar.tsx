import type { ReactElement } from "react";
import { resolveTheme } from "../../state/settings";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { Icon } from "../../ui/icons";
import { useSystemPrefersDark } from "../../ui/use-system-theme";
import { sideBarViews, type SideBarView } from "../views";

/** The narrow bar of view buttons on the far left, with the theme switch at the bottom. */
export function ActivityBar(): ReactElement {
  const studio = useStudio();
  const { activeView, sidebarVisible } = useStore(studio.layout.state);
  const preference = useStore(studio.settings.settings, (settings) => settings.theme);
  const shown = resolveTheme(preference, useSystemPrefersDark());
  const viewButton = (view: SideBarView) => {
    const selected = sidebarVisible && activeView === view.id;
    return (
      <button
        key={view.id}
        type="button"
        className={`activity-button ${selected ? "is-active" : ""}`}
        aria-label={view.title}
        aria-pressed={selected}
        title={view.title}
        data-testid={`activity-${view.id}`}
        onClick={() => studio.layout.selectView(view.id)}
      >
        <Icon name={view.icon} size={22} />
      </button>
    );
  };
  return (
    <nav className="activity-bar" aria-label="Views" data-testid="activity-bar">
      {sideBarViews.filter((view) => view.placement !== "bottom").map(viewButton)}
      <div className="activity-spacer" />
      {sideBarViews.filter((view) => view.placement === "bottom").map(viewButton)}
      <button
        type="button"
        className="activity-button"
        aria-label={shown === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title={shown === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        data-testid="toggle-theme"
        onClick={() => void studio.attempt(() => studio.commands.execute("view.toggleTheme", studio.commandContext()))}
      >
        <Icon name={shown === "dark" ? "sun" : "moon"} size={20} />
      </button>
    </nav>
  );
}
