import { errorMessage, type StudioClient } from "./api/client";
import { detectPlatform, type Platform } from "./commands/keybinding";
import { CommandRegistry, type CommandContext } from "./commands/registry";
import type { ModelRegistry } from "./monaco/models";
import type { MonacoModel } from "./monaco/setup";
import { DialogsStore } from "./state/dialogs";
import { EditorsStore } from "./state/editors";
import { ExplorerStore } from "./state/explorer";
import { LayoutStore } from "./state/layout";
import { NotificationsStore } from "./state/notifications";
import { SettingsStore } from "./state/settings";
import { createStore, type Store } from "./state/store";
import { WorkspaceStore } from "./state/workspace";

export interface CursorPosition {
  line: number;
  column: number;
  language: string;
}

/** Everything the workbench shares: the host client, one store per concern and the command table. */
export interface Studio {
  client: StudioClient;
  platform: Platform;
  workspace: WorkspaceStore;
  editors: EditorsStore<MonacoModel>;
  explorer: ExplorerStore;
  settings: SettingsStore;
  layout: LayoutStore;
  dialogs: DialogsStore;
  notifications: NotificationsStore;
  commands: CommandRegistry;
  cursor: Store<CursorPosition | null>;
  /** The conditions commands' `when` clauses read, as they are right now. */
  commandContext(): CommandContext;
  /** Runs a user action; a failure becomes an error toast instead of an unhandled rejection. */
  attempt(action: () => Promise<unknown>): Promise<void>;
}

/** Builds the stores and wires host events to them. */
export function createStudio(client: StudioClient, models: ModelRegistry<MonacoModel>): Studio {
  const dialogs = new DialogsStore();
  const notifications = new NotificationsStore();
  const workspace = new WorkspaceStore(client);
  const editors = new EditorsStore(client, models, dialogs);
  const layout = new LayoutStore();
  const studio: Studio = {
    client,
    platform: detectPlatform(),
    workspace,
    editors,
    explorer: new ExplorerStore(),
    settings: new SettingsStore(client),
    layout,
    dialogs,
    notifications,
    commands: new CommandRegistry(),
    cursor: createStore<CursorPosition | null>(null),
    commandContext: () => ({
      projectOpen: workspace.state.get().project !== null,
      hasActiveEditor: editors.state.get().active !== null,
    }),
    async attempt(action) {
      try {
        await action();
      } catch (error) {
        notifications.error(errorMessage(error));
      }
    },
  };

  let treeRefresh: ReturnType<typeof setTimeout> | undefined;
  client.on("files.changed", ({ paths, kind }) => {
    clearTimeout(treeRefresh);
    treeRefresh = setTimeout(() => void studio.attempt(() => workspace.refreshTree()), 100);
    void studio.attempt(() => editors.filesChanged(paths, kind));
  });
  client.on("project.changed", ({ project }) => void studio.attempt(() => workspace.projectChanged(project)));
  client.on("menu.command", ({ id }) => void studio.attempt(() => studio.commands.execute(id, studio.commandContext())));

  window.addEventListener("pagehide", () => editors.flushHotExit());

  let openDir: string | undefined = undefined;
  workspace.state.subscribe(() => {
    const dir = workspace.state.get().project?.dir;
    if (dir === openDir) return;
    openDir = dir;
    editors.reset();
    studio.explorer.reset();
    if (dir) void studio.attempt(() => editors.restoreBuffers());
  });
  return studio;
}
