/**
 * What the app host tells the Studio about the user's running app. These shapes cross IPC and HTTP
 * (the contract's `appHost.*` methods and events refer to them), so they hold plain data only.
 */

/** Where the app is in its life: `error` means the last start failed and the app is not serving. */
export type AppState = "stopped" | "starting" | "running" | "error";

/** A position in the user's project: `file` is project-relative POSIX (`src/app.ts`), lines and columns 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/**
 * Which fault the app hit: `compile` (esbuild could not build the code), `import` (the module threw
 * while loading), `export` (no Vial app exported), `exit` (the app called `process.exit` or died),
 * `crash` (an uncaught exception after start), `hang` (the event loop was stuck), `port` (the port was
 * taken), `request` (a handler raised; the runtime answered 500).
 */
export type ProblemKind = "compile" | "import" | "export" | "exit" | "crash" | "hang" | "port" | "request";

export interface AppProblem {
  id: number;
  kind: ProblemKind;
  severity: "error" | "warning";
  /** One or two sentences that say what happened and what to do. */
  message: string;
  location?: SourceLocation;
  /** The stack trace (source-mapped to the user's files) or the compiler's full output. */
  detail?: string;
  /** When it happened, ms since the epoch. */
  time: number;
}

export interface AppStatus {
  state: AppState;
  /** The 127.0.0.1 port the app listens on; kept across restarts. */
  port: number | null;
  /** `http://127.0.0.1:<port>` while running. */
  url: string | null;
  /**
   * Goes up each time the app serves something new: after each successful restart and after each
   * template or static file change. The preview reloads when it changes and `error` is null.
   */
  revision: number;
  /** Save → the app listening again after a code change, in ms. */
  lastRestartMs: number | null;
  /** Save → the first response served after that change (what the user waits for), in ms. */
  lastReloadMs: number | null;
  /** The fault that stopped (or last restarted) the app; the preview shows it over the page. */
  error: AppProblem | null;
}

/** One line the app printed; `studio` lines are the app host's own notes (started, restarted, ...). */
export interface OutputLine {
  seq: number;
  stream: "stdout" | "stderr" | "studio";
  text: string;
  time: number;
}

/** One request the app served, as the runtime's `requestFinished` signal reported it. */
export interface RequestEntry {
  id: number;
  method: string;
  /** Path with the query string. */
  path: string;
  status: number;
  durationMs: number;
  /** When the request finished, ms since the epoch. */
  time: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** The request body when it was small text (a form, JSON), for the details view. */
  requestBody?: string;
  /** The response body when it was small text (HTML, JSON), for the details view. */
  responseBody?: string;
}
