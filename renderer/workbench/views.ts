import type { ComponentType } from "react";
import type { IconName } from "../ui/icons";
import { RoutesView } from "../designers/routes/routes-view";
import { TemplatesView } from "../designers/templates/templates-view";
import { ExplorerView } from "./explorer/explorer-view";
import { SearchView } from "./search/search-view";
import { SettingsView } from "./settings/settings-view";

/** A side-bar view and its activity-bar button. */
export interface SideBarView {
  id: string;
  title: string;
  icon: IconName;
  component: ComponentType;
  /** Views at the bottom of the activity bar (settings) stay below the others. */
  placement?: "top" | "bottom";
  /**
   * Stays mounted, hidden, once shown, because it holds unsaved input of its own (the route form and
   * the request runner): switching views or hiding the side bar must not throw it away.
   */
  keepMounted?: boolean;
}

/**
 * The side-bar views, in activity-bar order. New views (routes, templates) are added here as one
 * entry each; the activity bar and side bar render whatever this list holds.
 */
export const sideBarViews: readonly SideBarView[] = [
  { id: "explorer", title: "Explorer", icon: "files", component: ExplorerView },
  { id: "search", title: "Search", icon: "search", component: SearchView },
  { id: "routes", title: "Routes", icon: "routes", component: RoutesView, keepMounted: true },
  { id: "templates", title: "Templates", icon: "layout", component: TemplatesView },
  { id: "settings", title: "Settings", icon: "gear", component: SettingsView, placement: "bottom" },
];
