import { useEffect, useState, type RefObject } from "react";

const focusable = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [href], [tabindex]:not([tabindex="-1"])';

/** The controls Tab visits, in document order (a selector list does not promise that in every DOM). */
function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>("*")].filter((element) => element.matches(focusable));
}

/**
 * Keeps keyboard focus inside a modal for as long as the calling component is mounted: Tab and
 * Shift+Tab wrap around its controls, and focus that goes elsewhere (the editor focusing itself when a
 * file finishes opening) is taken back, so keys never reach the workbench behind it. On unmount, focus
 * returns to where it was before the modal showed.
 */
export function useFocusTrap(container: RefObject<HTMLElement | null>): void {
  // Read on the first render, before the modal's own controls take focus in their effects.
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    let lastInside: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      const modal = container.current;
      if (!modal || !(event.target instanceof HTMLElement)) return;
      if (modal.contains(event.target)) {
        lastInside = event.target;
        return;
      }
      const back = lastInside?.isConnected ? lastInside : focusableIn(modal)[0];
      back?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const modal = container.current;
      if (event.key !== "Tab" || !modal) return;
      const controls = focusableIn(modal);
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (!first || !last) return;
      const current = document.activeElement;
      if (event.shiftKey && (current === first || !modal.contains(current))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (current === last || !modal.contains(current))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("focusin", onFocusIn, true);
    document.addEventListener("keydown", onKeyDown, true);
    return () => {
      document.removeEventListener("focusin", onFocusIn, true);
      document.removeEventListener("keydown", onKeyDown, true);
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [container, returnTo]);
}
