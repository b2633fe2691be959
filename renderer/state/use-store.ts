import { useSyncExternalStore } from "react";
import type { Store } from "./store";

/**
 * Reads a store (or a slice of it) in a component and re-renders when it changes.
 * The selector must return a value that is stable between calls for the same state (no new objects).
 * @example
 * const tabs = useStore(editorsStore, (s) => s.tabs);
 */
export function useStore<T, S = T>(store: Store<T>, select: (state: T) => S = (state) => state as unknown as S): S {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
