import { matchesKeybinding, type KeyPress, type Platform } from "./keybinding";

/** Named conditions a command may require; the workbench reports which ones currently hold. */
export interface CommandContext {
  projectOpen: boolean;
  hasActiveEditor: boolean;
}

/** One action of the Studio: the same object feeds menus, the palette and keyboard shortcuts. */
export interface Command {
  id: string;
  label: string;
  /** Shown before the label in the palette, e.g. "File" or "View". */
  category?: string;
  /** "Mod+S" style; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  keybinding?: string;
  when?: (context: CommandContext) => boolean;
  run: () => void | Promise<void>;
}

/** The one table of commands (Excalidraw's action manager, smaller). */
export class CommandRegistry {
  readonly #commands = new Map<string, Command>();

  /** Adds a command; registering the same id twice is a programming error. Returns a disposer. */
  register(command: Command): () => void {
    if (this.#commands.has(command.id)) throw new Error(`Command "${command.id}" is already registered`);
    this.#commands.set(command.id, command);
    return () => this.#commands.delete(command.id);
  }

  get(id: string): Command | undefined {
    return this.#commands.get(id);
  }

  /** Commands usable right now, in registration order. */
  available(context: CommandContext): Command[] {
    return [...this.#commands.values()].filter((command) => command.when?.(context) ?? true);
  }

  /** The available command bound to this key press, if any. */
  forKeyPress(press: KeyPress, context: CommandContext, platform: Platform): Command | undefined {
    return this.available(context).find(
      (command) => command.keybinding !== undefined && matchesKeybinding(command.keybinding, press, platform),
    );
  }

  /** True when some command owns this key press, available now or not (so the browser's own action stays off). */
  isBound(press: KeyPress, platform: Platform): boolean {
    return [...this.#commands.values()].some(
      (command) => command.keybinding !== undefined && matchesKeybinding(command.keybinding, press, platform),
    );
  }

  /** Runs a command by id if it is available; returns whether it ran. */
  async execute(id: string, context: CommandContext): Promise<boolean> {
    const command = this.#commands.get(id);
    if (!command || !(command.when?.(context) ?? true)) return false;
    await command.run();
    return true;
  }
}
