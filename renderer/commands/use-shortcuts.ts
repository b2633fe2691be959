import { useEffect } from "react";
import type { Studio } from "../studio";

/**
 * Routes key presses to the command registry. Listens in the capture phase so Studio shortcuts win
 * over Monaco's and the browser's (Ctrl+S must not open "Save page as").
 */
export function useShortcuts(studio: Studio): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (studio.dialogs.queue.get().length > 0) return;
      const command = studio.commands.forKeyPress(event, studio.commandContext(), studio.platform);
      if (!command) {
        // A Studio shortcut that does not apply right now (Mod+S with no file open) must not save or print the page.
        if (studio.commands.isBound(event, studio.platform)) event.preventDefault();
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      void studio.attempt(async () => {
        await command.run();
      });
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, [studio]);
}
