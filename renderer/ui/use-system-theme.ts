import { useSyncExternalStore } from "react";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(listener: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", listener);
  return () => media.removeEventListener("change", listener);
}

/** Whether the OS asks for dark colours now. */
export function systemPrefersDark(): boolean {
  return window.matchMedia(QUERY).matches;
}

/** Whether the OS asks for dark colours, re-rendering when the user switches. */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribe, systemPrefersDark);
}
