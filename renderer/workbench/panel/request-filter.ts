import type { RequestEntry } from "../../../electron/api/contract";

/**
 * Keeps the requests that match every word of `query` (case-insensitive): a word matches the method,
 * a part of the path, or the status; `4xx` matches a status class.
 *
 * @example
 * filterRequests(entries, "post 4xx"); // POST requests answered with a 400–499 status
 */
export function filterRequests<E extends Pick<RequestEntry, "method" | "path" | "status">>(entries: E[], query: string): E[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
  if (words.length === 0) return entries;
  return entries.filter((entry) => words.every((word) => matches(entry, word)));
}

function matches(entry: Pick<RequestEntry, "method" | "path" | "status">, word: string): boolean {
  const statusClass = /^([1-5])xx$/.exec(word);
  if (statusClass) return String(entry.status).startsWith(statusClass[1] ?? "");
  return entry.method.toLowerCase() === word || String(entry.status) === word || entry.path.toLowerCase().includes(word);
}
