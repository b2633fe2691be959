import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";

/** How close to the bottom (in CSS pixels) still counts as reading the newest entries. */
const SLACK = 8;

/**
 * Keeps a scrolling log at its newest (last) entries while the user is there, as a terminal or the
 * DevTools console does, and leaves it where it is once they scroll up to read. `content` is what the
 * log shows: the hook scrolls after each change of it, and when the log is resized or shown again
 * (a log in a hidden panel tab has no height to scroll until then).
 */
export function useFollowTail<T extends HTMLElement>(content: unknown): { ref: RefObject<T | null>; onScroll: () => void } {
  const ref = useRef<T>(null);
  const following = useRef(true);
  /** Where the log was scrolled to when last seen (after a scroll of its own or of the user). */
  const seenTop = useRef(0);

  const onScroll = useCallback(() => {
    const element = ref.current;
    // A hidden log reports no height: that is not the user scrolling away.
    if (!element || element.clientHeight === 0) return;
    following.current = element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK;
    seenTop.current = element.scrollTop;
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The browser sends the scroll event of the user's scroll with the next frame only: entries that
    // arrive before it must not pull the log back down. So a log found above where it was last seen is
    // the user's doing, unless it sits at its bottom (where a shorter log, cleared say, clamps it).
    const bottom = element.scrollHeight - element.clientHeight;
    if (element.clientHeight > 0 && element.scrollTop < seenTop.current - SLACK && element.scrollTop < bottom - SLACK) following.current = false;
    if (following.current) element.scrollTop = element.scrollHeight;
    seenTop.current = element.scrollTop;
  }, [content]);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (following.current) element.scrollTop = element.scrollHeight;
      seenTop.current = element.scrollTop;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return { ref, onScroll };
}
