/**
 * The preview's own back/forward list of paths inside the app. The pane keeps it rather than the
 * frame's history because in browser mode the app is cross-origin and the frame cannot be read.
 */
export interface PreviewHistory {
  entries: string[];
  index: number;
}

export const initialHistory: PreviewHistory = { entries: ["/"], index: 0 };

/** The path shown now. */
export function currentPath(history: PreviewHistory): string {
  return history.entries[history.index] ?? "/";
}

/** Goes to `path`: it becomes the newest entry and the forward entries are dropped, as in a browser. */
export function visit(history: PreviewHistory, path: string): PreviewHistory {
  if (path === currentPath(history)) return history;
  const entries = [...history.entries.slice(0, history.index + 1), path];
  return { entries, index: entries.length - 1 };
}

export function canGoBack(history: PreviewHistory): boolean {
  return history.index > 0;
}

export function canGoForward(history: PreviewHistory): boolean {
  return history.index < history.entries.length - 1;
}

export function back(history: PreviewHistory): PreviewHistory {
  return canGoBack(history) ? { ...history, index: history.index - 1 } : history;
}

export function forward(history: PreviewHistory): PreviewHistory {
  return canGoForward(history) ? { ...history, index: history.index + 1 } : history;
}

/**
 * What the user typed in the address bar as a path inside the app: `about` → `/about`; a full URL
 * keeps its path, query and hash (the preview only ever shows the app).
 *
 * @example
 * normalizePath("http://127.0.0.1:5000/users?page=2"); // "/users?page=2"
 */
export function normalizePath(input: string): string {
  const text = input.trim();
  if (text === "") return "/";
  if (/^https?:\/\//i.test(text) && URL.canParse(text)) {
    const url = new URL(text);
    return url.pathname + url.search + url.hash;
  }
  return text.startsWith("/") ? text : `/${text}`;
}

/** The part of a request-log entry that tells a frame navigation apart from other requests. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  requestHeaders: Record<string, string>;
  /** When the request finished, and how long it took (ms). */
  time: number;
  durationMs: number;
}

/**
 * The path the preview navigated to, when this logged request was a page load in the preview (a link
 * click inside the app): a frame load in browser mode, a page load by Electron's preview view (a
 * regular browser tab on the app is neither). Redirects are skipped; the page they lead to counts. So is
 * a load that began before `since`, the user's latest navigation: its report can arrive after the user
 * typed another address (a slow page, a reload as the app restarts), and must not take the address back.
 *
 * @example
 * framePath({ method: "GET", path: "/about", status: 200, requestHeaders: { "sec-fetch-dest": "iframe" }, time: 1_000, durationMs: 4 }); // "/about"
 */
export function framePath(entry: LoggedRequest, since = 0): string | undefined {
  const redirect = entry.status >= 300 && entry.status < 400;
  const dest = entry.requestHeaders["sec-fetch-dest"];
  const inPreview = dest === "iframe" || (dest === "document" && /\bElectron\//.test(entry.requestHeaders["user-agent"] ?? ""));
  const stale = entry.time - entry.durationMs < since;
  return entry.method === "GET" && !redirect && inPreview && !stale ? entry.path : undefined;
}
