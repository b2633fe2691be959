import type { ComponentType } from "react";
import type { IconName } from "../ui/icons";
import { ExplorerView } from "./explorer/explorer-view";

/** A side-bar view and its activity-bar button. */
export interface SideBarView {
  id: string;
  title: string;
  icon: IconName;
  component: ComponentType;
}

/**
 * The side-bar views, in activity-bar order. New views (routes, templates) are added here as one
 * entry each; the activity bar and side bar render whatever this list holds.
 */
export const sideBarViews: readonly SideBarView[] = [{ id: "explorer", title: "Explorer", icon: "files", component: ExplorerView }];
