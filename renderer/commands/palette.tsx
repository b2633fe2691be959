import { useCallback, useEffect, useMemo, useState, type ReactElement } from "react";
import type { PaletteMode } from "../state/layout";
import { useStore } from "../state/use-store";
import { filePaths } from "../state/workspace";
import { useStudio } from "../studio-context";
import { formatKeybinding } from "./keybinding";
import { fuzzyMatch, parseQuickOpen, rankPaths } from "./fuzzy";

interface Item {
  id: string;
  label: string;
  detail?: string;
  hint?: string;
  run: () => void | Promise<unknown>;
}

/**
 * The command palette (Mod+Shift+P) and quick open (Mod+P) in one box, as in VS Code: typing ">"
 * in quick open switches to commands. Each opening mounts a fresh box, so keys typed right after the
 * shortcut land in an empty field rather than after the last query.
 */
export function Palette(): ReactElement | null {
  const studio = useStudio();
  const mode = useStore(studio.layout.state, (state) => state.palette);
  return mode === null ? null : <PaletteBox key={mode} mode={mode} />;
}

function PaletteBox({ mode }: { mode: PaletteMode }): ReactElement {
  const studio = useStudio();
  const tree = useStore(studio.workspace.state, (state) => state.tree);
  const [query, setQuery] = useState(mode === "commands" ? ">" : "");
  const [index, setIndex] = useState(0);
  // Enter pressed before the project's file list arrived: the top match opens as soon as it does.
  const [acceptWhenLoaded, setAcceptWhenLoaded] = useState(false);

  const commandMode = query.startsWith(">");
  const needle = commandMode ? query.slice(1).trim() : query.trim();
  const items = useMemo<Item[]>(() => {
    if (commandMode) {
      return studio.commands
        .available(studio.commandContext())
        .filter((command) => command.id !== "workbench.commandPalette")
        .map((command) => ({
          id: command.id,
          label: command.category ? `${command.category}: ${command.label}` : command.label,
          hint: command.keybinding ? formatKeybinding(command.keybinding, studio.platform) : undefined,
          run: () => studio.commands.execute(command.id, studio.commandContext()),
        }))
        .filter((item) => fuzzyMatch(needle, item.label));
    }
    const { needle: file, line, column } = parseQuickOpen(needle);
    const at = line === undefined ? undefined : column === undefined ? { line } : { line, column };
    return rankPaths(file, filePaths(tree))
      .slice(0, 200)
      .map((path) => ({
        id: path,
        label: path.split("/").pop() ?? path,
        detail: path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : undefined,
        hint: line === undefined ? undefined : `line ${line}`,
        run: () => studio.editors.open(path, at),
      }));
  }, [commandMode, needle, tree, studio]);

  const close = () => studio.layout.closePalette();
  const choose = useCallback(
    (item: Item | undefined) => {
      if (!item) return;
      studio.layout.closePalette();
      void studio.attempt(async () => {
        await item.run();
      });
    },
    [studio],
  );
  const active = Math.min(index, items.length - 1);
  const loadingFiles = !commandMode && tree === null;

  useEffect(() => {
    if (!acceptWhenLoaded || loadingFiles) return;
    setAcceptWhenLoaded(false);
    choose(items[active]);
  }, [acceptWhenLoaded, loadingFiles, items, active, choose]);

  return (
    <div className="palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="palette" role="dialog" aria-label={commandMode ? "Command palette" : "Go to file"} data-testid="palette">
        <input
          // Focused as the box mounts, before the next key event, so nothing typed after the shortcut is lost.
          autoFocus
          className="input palette-input"
          value={query}
          placeholder={commandMode ? "Type a command" : "Search files by name (add :line to jump, type > for commands)"}
          aria-label={commandMode ? "Command" : "File name"}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[active] ? `palette-item-${active}` : undefined}
          data-testid="palette-input"
          onChange={(event) => {
            setQuery(event.target.value);
            setIndex(0);
            setAcceptWhenLoaded(false);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              close();
            } else if (event.key === "ArrowDown") {
              event.preventDefault();
              setIndex((i) => Math.min(i + 1, items.length - 1));
            } else if (event.key === "ArrowUp") {
              event.preventDefault();
              setIndex((i) => Math.max(i - 1, 0));
            } else if (event.key === "Enter") {
              event.preventDefault();
              if (loadingFiles) setAcceptWhenLoaded(true);
              else choose(items[active]);
            }
          }}
        />
        <ul id="palette-list" className="palette-list" role="listbox" aria-label="Results">
          {items.length === 0 && (
            <li className="palette-empty">
              {commandMode ? "No matching commands" : loadingFiles ? "Loading the project's files…" : "No matching files"}
            </li>
          )}
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`palette-item-${i}`}
              role="option"
              aria-selected={i === active}
              className={`palette-item ${i === active ? "is-active" : ""}`}
              onMouseMove={() => setIndex(i)}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(item);
              }}
            >
              <span className="palette-label">{item.label}</span>
              {item.detail && <span className="palette-detail">{item.detail}</span>}
              {item.hint && <kbd className="palette-hint">{item.hint}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
