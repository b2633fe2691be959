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

/**
 * The IDE frame with a project open: activity bar | side bar | (editor over panel) | preview.
 * Each divider resizes its part; sizes are remembered in settings.
 */
export function Workbench(): ReactElement {
  const studio = useStudio();
  const { sidebarVisible, panelVisible, previewVisible } = useStore(studio.layout.state);
  const sidebar = usePartSize("sidebar", 260);
  const preview = usePartSize("preview", 460);
  const panel = usePartSize("panel", 220);
  const style = {
    "--sidebar-width": `${sidebar.size}px`,
    "--preview-width": `${preview.size}px`,
    "--panel-height": `${panel.size}px`,
  } as CSSProperties;
  return (
    <div className="workbench" style={style} data-testid="workbench">
      <ActivityBar />
      {sidebarVisible && (
        <>
          <ErrorBoundary part="Side bar">
            <SideBar />
          </ErrorBoundary>
          <Sash
            orientation="vertical"
            grows="right"
            size={sidebar.size}
            min={170}
            max={600}
            label="Resize side bar"
            testId="sash-sidebar"
            onResize={sidebar.resize}
            onCommit={sidebar.commit}
          />
        </>
      )}
      <div className="workbench-center">
        <ErrorBoundary part="Editor">
          <EditorArea />
        </ErrorBoundary>
        {panelVisible && (
          <>
            <Sash
              orientation="horizontal"
              grows="up"
              size={panel.size}
              min={90}
              max={700}
              label="Resize panel"
              testId="sash-panel"
              onResize={panel.resize}
              onCommit={panel.commit}
            />
            <div className="workbench-panel">
              <ErrorBoundary part="Panel">
                <BottomPanel />
              </ErrorBoundary>
            </div>
          </>
        )}
      </div>
      {previewVisible && (
        <>
          <Sash
            orientation="vertical"
            grows="left"
            size={preview.size}
            min={240}
            max={1200}
            label="Resize preview"
            testId="sash-preview"
            onResize={preview.resize}
            onCommit={preview.commit}
          />
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
