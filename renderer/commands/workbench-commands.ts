import { StudioError } from "../api/client";
import { resolveTheme, toggledTheme } from "../state/settings";
import { invalidNameReason, joinPath, parentPath } from "../state/workspace";
import type { Studio } from "../studio";
import { appHostStoreFor } from "../workbench/preview/app-host-store";
import { searchStoreFor } from "../workbench/search/search-store";
import type { Command } from "./registry";

/** The folder new files go into: the selected folder, the selected file's folder, or the root. */
function targetFolder(studio: Studio): string {
  const selected = studio.explorer.state.get().selected;
  if (selected === null) return "";
  const tree = studio.workspace.state.get().tree;
  const isFolder = (function find(node = tree): boolean {
    if (!node) return false;
    if (node.path === selected) return node.kind === "dir";
    return (node.children ?? []).some((child) => find(child));
  })();
  return isFolder ? selected : parentPath(selected);
}

async function createEntry(studio: Studio, kind: "file" | "dir"): Promise<void> {
  const folder = targetFolder(studio);
  const label = kind === "file" ? "File name" : "Folder name";
  const name = await studio.dialogs.prompt({
    title: kind === "file" ? "New File" : "New Folder",
    label: folder === "" ? label : `${label} (in ${folder}/)`,
    confirmLabel: "Create",
    validate: invalidNameReason,
  });
  if (name === null) return;
  const path = joinPath(folder, name.trim());
  await studio.workspace.create(path, kind);
  studio.explorer.reveal(path);
  if (kind === "file") await studio.editors.open(path);
}

/** Asks for a folder path: the native dialog in Electron, a text prompt in browser mode. */
async function openFolder(studio: Studio): Promise<void> {
  if (studio.workspace.state.get().info?.mode === "electron") {
    const { dir } = await studio.client.invoke("dialogs.openFolder", { title: "Open Folder" });
    if (dir) await studio.workspace.openProject(dir);
    return;
  }
  const dir = await studio.dialogs.prompt({
    title: "Open Folder",
    label: "Absolute path of the project folder",
    confirmLabel: "Open",
    validate: (value) => (value.trim() === "" ? "Enter a folder path." : undefined),
  });
  if (dir !== null) await studio.workspace.openProject(dir.trim());
}

/**
 * Exports the open project as a standalone Node project: asks for the folder (the native picker in
 * Electron, a path prompt in browser mode) and, when it is not empty, whether to overwrite.
 */
async function exportProject(studio: Studio): Promise<void> {
  const dest =
    studio.workspace.state.get().info?.mode === "electron"
      ? (await studio.client.invoke("dialogs.openFolder", { title: "Export Project To" })).dir
      : await studio.dialogs.prompt({
          title: "Export Project",
          label: "Absolute path of an empty or new folder",
          confirmLabel: "Export",
          validate: (value) => (value.trim() === "" ? "Enter a folder path." : undefined),
        });
  if (!dest) return;
  const run = (force: boolean) => studio.client.invoke("export.run", { dest: dest.trim(), force });
  let result;
  try {
    result = await run(false);
  } catch (error) {
    if (!(error instanceof StudioError && error.code === "not-empty")) throw error;
    const choice = await studio.dialogs.choose({
      title: "Export Project",
      message: `${error.message} Overwriting replaces the files the export writes and keeps the others.`,
      choices: [
        { id: "overwrite", label: "Overwrite", kind: "danger" },
        { id: "cancel", label: "Cancel", kind: "plain" },
      ],
    });
    if (choice !== "overwrite") return;
    result = await run(true);
  }
  studio.notifications.info(`Exported ${result.files.length} files to ${result.dest}. There, run npm install, then npm start.`);
}

/** The commands every part of the workbench shares (menus, palette, shortcuts). */
export function workbenchCommands(studio: Studio, systemPrefersDark: () => boolean): Command[] {
  const { editors, layout, workspace } = studio;
  const projectOpen = (context: { projectOpen: boolean }) => context.projectOpen;
  const hasEditor = (context: { hasActiveEditor: boolean }) => context.hasActiveEditor;
  return [
    {
      id: "workbench.commandPalette",
      label: "Show All Commands",
      category: "View",
      keybinding: "Mod+Shift+P",
      run: () => layout.openPalette("commands"),
    },
    {
      id: "file.quickOpen",
      label: "Go to File…",
      category: "File",
      keybinding: "Mod+P",
      when: projectOpen,
      run: () => layout.openPalette("files"),
    },
    {
      id: "file.save",
      label: "Save",
      category: "File",
      keybinding: "Mod+S",
      when: hasEditor,
      run: async () => {
        await editors.save();
      },
    },
    {
      id: "file.saveAll",
      label: "Save All",
      category: "File",
      keybinding: "Mod+Alt+S",
      when: hasEditor,
      run: () => editors.saveAll(),
    },
    {
      id: "file.closeEditor",
      label: "Close Editor",
      category: "File",
      keybinding: "Mod+W",
      when: hasEditor,
      run: async () => {
        const active = editors.state.get().active;
        if (active) await editors.close(active);
      },
    },
    {
      id: "editor.next",
      label: "Open Next Editor",
      category: "View",
      keybinding: "Ctrl+PageDown",
      when: hasEditor,
      run: () => editors.cycle(1),
    },
    {
      id: "editor.previous",
      label: "Open Previous Editor",
      category: "View",
      keybinding: "Ctrl+PageUp",
      when: hasEditor,
      run: () => editors.cycle(-1),
    },
    {
      id: "file.newFile",
      label: "New File…",
      category: "File",
      keybinding: "Mod+Alt+N",
      when: projectOpen,
      run: () => createEntry(studio, "file"),
    },
    {
      id: "file.newFolder",
      label: "New Folder…",
      category: "File",
      when: projectOpen,
      run: () => createEntry(studio, "dir"),
    },
    {
      id: "file.openFolder",
      label: "Open Folder…",
      category: "File",
      keybinding: "Mod+O",
      run: () => openFolder(studio),
    },
    {
      id: "file.export",
      label: "Export…",
      category: "File",
      when: projectOpen,
      run: () => exportProject(studio),
    },
    {
      id: "file.closeProject",
      label: "Close Project",
      category: "File",
      when: projectOpen,
      run: async () => {
        if (await editors.closeAll()) await workspace.closeProject();
      },
    },
    {
      id: "file.newProject",
      label: "New Project…",
      category: "File",
      run: async () => {
        if (workspace.state.get().project && (await editors.closeAll())) await workspace.closeProject();
      },
    },
    {
      id: "edit.findInFiles",
      label: "Find in Files",
      category: "Edit",
      keybinding: "Mod+Shift+F",
      when: projectOpen,
      run: () => searchStoreFor(studio).focus(),
    },
    {
      id: "explorer.refresh",
      label: "Refresh Explorer",
      category: "Explorer",
      when: projectOpen,
      run: () => workspace.refreshTree(),
    },
    {
      id: "view.toggleSidebar",
      label: "Toggle Side Bar",
      category: "View",
      keybinding: "Mod+B",
      run: () => layout.toggle("sidebarVisible"),
    },
    {
      id: "view.togglePanel",
      label: "Toggle Panel",
      category: "View",
      keybinding: "Mod+J",
      run: () => layout.toggle("panelVisible"),
    },
    {
      id: "view.togglePreview",
      label: "Toggle Preview",
      category: "View",
      keybinding: "Mod+Alt+B",
      run: () => layout.toggle("previewVisible"),
    },
    {
      id: "view.toggleTheme",
      label: "Toggle Light/Dark Theme",
      category: "View",
      keybinding: "Mod+Alt+T",
      run: () => {
        const shown = resolveTheme(studio.settings.settings.get().theme, systemPrefersDark());
        return studio.settings.update({ theme: toggledTheme(shown) });
      },
    },
    {
      id: "file.preferences",
      label: "Settings",
      category: "Preferences",
      keybinding: "Mod+,",
      run: () => layout.showView("settings"),
    },
    {
      id: "view.followSystemTheme",
      label: "Use the System Theme",
      category: "View",
      run: () => studio.settings.update({ theme: "system" }),
    },
    {
      id: "run.start",
      label: "Start App",
      category: "Run",
      keybinding: "F5",
      when: projectOpen,
      run: () => appHostStoreFor(studio.client).start(),
    },
    {
      id: "run.stop",
      label: "Stop App",
      category: "Run",
      keybinding: "Shift+F5",
      when: projectOpen,
      run: () => appHostStoreFor(studio.client).stop(),
    },
    {
      id: "run.restart",
      label: "Restart App",
      category: "Run",
      keybinding: "Mod+Shift+F5",
      when: projectOpen,
      run: () => appHostStoreFor(studio.client).restart(),
    },
    {
      id: "help.about",
      label: "About Vial Studio",
      category: "Help",
      run: () => {
        const info = workspace.state.get().info;
        studio.notifications.info(`Vial Studio ${info?.version ?? ""} (${info?.mode ?? "web"} on ${info?.platform ?? "?"})`);
      },
    },
  ];
}
