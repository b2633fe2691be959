import type { CSSProperties, ReactElement } from "react";
import { useStore } from "../state/use-store";
import { useStudio } from "../studio-context";
import { ErrorBoundary } from "../ui/error-boundary";
import { Sash } from "../ui/sash";
import { ActivityBar } from "./activity-bar/activity-bar";
import { EditorArea } from "./editor/editor-area";
import { usePartSize } from "./layout/use-part-size";
import { BottomPanel } from "./panel";
import { PreviewPane } from "./preview";
import { SideBar } from "./side-bar/side-bar";

/** Each resizable part: its size before the user drags, and where its divider may go. */
const resizable = {
  sidebar: { fallback: 260, orientation: "vertical", grows: "right", min: 170, max: 600, label: "Resize side bar" },
  panel: { fallback: 220, orientation: "horizontal", grows: "up", min: 90, max: 700, label: "Resize panel" },
  preview: { fallback: 460, orientation: "vertical", grows: "left", min: 240, max: 1200, label: "Resize preview" },
} as const;

type ResizablePart = keyof typeof resizable;

/** The divider of one part, resizing it while dragged and remembering its size when let go. */
function PartSash({ part, size }: { part: ResizablePart; size: ReturnType<typeof usePartSize> }): ReactElement {
  const { orientation, grows, min, max, label } = resizable[part];
  return (
    <Sash
      orientation={orientation}
      grows={grows}
      size={size.size}
      min={min}
      max={max}
      label={label}
      testId={`sash-${part}`}
      onResize={size.resize}
      onCommit={size.commit}
    />
  );
}

/**
 * The IDE frame with a project open: activity bar | side bar | (editor over panel) | preview.
 * Each divider resizes its part; sizes are remembered in settings.
 */
export function Workbench(): ReactElement {
  const studio = useStudio();
  const { sidebarVisible, panelVisible, previewVisible } = useStore(studio.layout.state);
  const sidebar = usePartSize("sidebar", resizable.sidebar.fallback);
  const preview = usePartSize("preview", resizable.preview.fallback);
  const panel = usePartSize("panel", resizable.panel.fallback);
  const style = {
    "--sidebar-width": `${sidebar.size}px`,
    "--preview-width": `${preview.size}px`,
    "--panel-height": `${panel.size}px`,
  } as CSSProperties;
  return (
    <div className="workbench" style={style} data-testid="workbench">
      <ActivityBar />
      <ErrorBoundary part="Side bar">
        <SideBar hidden={!sidebarVisible} />
      </ErrorBoundary>
      {sidebarVisible && <PartSash part="sidebar" size={sidebar} />}
      <div className="workbench-center">
        <ErrorBoundary part="Editor">
          <EditorArea />
        </ErrorBoundary>
        {panelVisible && <PartSash part="panel" size={panel} />}
        {/* Hidden rather than unmounted, so a Requests filter or a chosen request outlives Mod+J. */}
        <div className="workbench-panel" hidden={!panelVisible}>
          <ErrorBoundary part="Panel">
            <BottomPanel />
          </ErrorBoundary>
        </div>
      </div>
      {previewVisible && (
        <>
          <PartSash part="preview" size={preview} />
          <div className="workbench-preview">
            <ErrorBoundary part="Preview">
              <PreviewPane />
            </ErrorBoundary>
          </div>
        </>
      )}
    </div>
  );
}
