import { useEffect, useState, type ReactElement } from "react";
import * as monaco from "monaco-editor";
import { errorMessage } from "./api/client";
import { Palette } from "./commands/palette";
import { useShortcuts } from "./commands/use-shortcuts";
import { workbenchCommands } from "./commands/workbench-commands";
import { STUDIO_THEMES } from "./monaco/setup";
import { resolveTheme } from "./state/settings";
import { useStore } from "./state/use-store";
import { useStudio } from "./studio-context";
import { DialogHost } from "./ui/dialog-host";
import { Notifications } from "./ui/notifications";
import { systemPrefersDark, useSystemPrefersDark } from "./ui/use-system-theme";
import { StatusBar } from "./workbench/status-bar/status-bar";
import { Welcome } from "./workbench/welcome/welcome";
import { Workbench } from "./workbench/workbench";

/** "● app.ts — my-app — Vial Studio": the file (with a dot while unsaved), the project, the app. */
function windowTitle(project: string | undefined, tab: { path: string; dirty: boolean } | undefined): string {
  if (!project) return "Vial Studio";
  if (!tab) return `${project} — Vial Studio`;
  return `${tab.dirty ? "● " : ""}${tab.path.split("/").pop()} — ${project} — Vial Studio`;
}

/** Shows the resolved theme on <html data-theme> and in Monaco. */
function useTheme(): "light" | "dark" {
  const studio = useStudio();
  const preference = useStore(studio.settings.settings, (settings) => settings.theme);
  const theme = resolveTheme(preference, useSystemPrefersDark());
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    monaco.editor.setTheme(STUDIO_THEMES[theme]);
  }, [theme]);
  return theme;
}

/** The Studio: welcome screen or workbench, the status bar, and the overlays (palette, dialogs, toasts). */
export function App(): ReactElement {
  const studio = useStudio();
  const { ready, project } = useStore(studio.workspace.state);
  const [bootError, setBootError] = useState<string | null>(null);
  const theme = useTheme();
  useShortcuts(studio);

  useEffect(() => {
    const disposers = workbenchCommands(studio, systemPrefersDark).map((command) => studio.commands.register(command));
    Promise.all([studio.settings.load(), studio.workspace.init()]).catch((error: unknown) => setBootError(errorMessage(error)));
    return () => {
      for (const dispose of disposers) dispose();
    };
  }, [studio]);

  const activeTab = useStore(studio.editors.state, (state) => state.tabs.find((tab) => tab.path === state.active));
  useEffect(() => {
    document.title = windowTitle(project?.name, activeTab);
  }, [project, activeTab]);

  return (
    <div className="app" data-theme-shown={theme} data-testid="app" data-ready={ready}>
      <div className="app-main">
        {bootError ? (
          <div className="boot-error" role="alert">
            <h1>Vial Studio cannot reach its host</h1>
            <p>{bootError}</p>
          </div>
        ) : !ready ? (
          <div className="boot-loading" aria-busy="true">
            Loading…
          </div>
        ) : project ? (
          <Workbench />
        ) : (
          <Welcome />
        )}
      </div>
      <StatusBar />
      <Palette />
      <DialogHost />
      <Notifications />
    </div>
  );
}
