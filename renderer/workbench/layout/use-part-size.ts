import { useState } from "react";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";

/**
 * The size of one resizable part: the remembered size from settings, overridden while dragging.
 * `commit` persists the new size through the host's settings.
 */
export function usePartSize(part: string, fallback: number) {
  const studio = useStudio();
  const stored = useStore(studio.settings.settings, (settings) => settings.layout[part]);
  const [dragging, setDragging] = useState<number | null>(null);
  return {
    size: dragging ?? stored ?? fallback,
    resize: setDragging,
    commit: (size: number) => {
      setDragging(null);
      void studio.attempt(() => studio.settings.setLayoutSize(part, size));
    },
  };
}
