/**
 * THE contract between the Studio's renderer and its host: every method the renderer may call
 * (name → request → result) and every event the host pushes. Types only. The host's dispatch table
 * `satisfies` {@link StudioHandlers}, the preload and the web transport are typed from it, so a
 * missing or mistyped method is a compile error everywhere.
 *
 * Paths in requests and results are project-relative POSIX paths (`templates/base.html`); the empty
 * string is the project root. Directories given to `projects.*` are absolute paths on the host.
 */
import type { AppProblem, AppStatus, OutputLine, RequestEntry } from "../host/app-host/types.js";
import type { AppRequest, AppResponse, NewRoute, RouteChange, RouteIndex, RoutePlan, RouteRef, SavedRequest } from "../host/analysis/types.js";
import type { TemplateRender } from "../host/templates/types.js";
import type { Diagnostic } from "../host/diagnostics/types.js";
import type { HostError } from "./errors.js";

export type {
  AppRequest,
  AppResponse,
  IndexProblem,
  NewRoute,
  RegistrationForm,
  RouteChange,
  RouteIndex,
  RouteInfo,
  RouteOrigin,
  RoutePlan,
  RouteRanges,
  RouteRef,
  RouteReturn,
  RouteSource,
  RouteTarget,
  SavedRequest,
  TextEdit,
  TextRange,
} from "../host/analysis/types.js";
export type { TemplateRender } from "../host/templates/types.js";
export type { Diagnostic } from "../host/diagnostics/types.js";
export type { AppProblem, AppState, AppStatus, OutputLine, ProblemKind, RequestEntry, SourceLocation } from "../host/app-host/types.js";

/** A request or result that carries nothing. */
export type Empty = Record<string, never>;

/** Which shell hosts the renderer. */
export type StudioMode = "electron" | "web";

export interface StudioInfo {
  version: string;
  /** `process.platform` of the host: "linux", "darwin", "win32", ... */
  platform: string;
  mode: StudioMode;
  /** Where new projects go when the user does not pick a folder. */
  defaultProjectsDir: string;
}

export interface StarterInfo {
  /** Folder name under resources/starters, passed back to `projects.create`. */
  id: string;
  title: string;
  description: string;
}

export interface ProjectInfo {
  /** Absolute path of the project folder. */
  dir: string;
  /** The folder's name. */
  name: string;
}

export interface RecentProject extends ProjectInfo {
  /** When it was last opened, ms since the epoch. */
  openedAt: number;
  /** False when the folder is gone (moved or deleted) since. */
  exists: boolean;
}

export type FileKind = "file" | "dir";

export interface FileNode {
  name: string;
  path: string;
  kind: FileKind;
  /** Directories only, sorted: directories first, then by name. */
  children?: FileNode[];
}

export interface FileStat {
  path: string;
  kind: FileKind;
  size: number;
  mtimeMs: number;
}

export interface FileContent extends FileStat {
  /** UTF-8 text; empty when `binary` is true. */
  content: string;
  /** The file holds NUL bytes and is not shown as text. */
  binary: boolean;
}

/** What Find in Files looks for. */
export interface SearchQuery {
  /** The text (or, with `regex`, the JavaScript regular expression) to find; an empty query finds nothing. */
  query: string;
  matchCase: boolean;
  /** Only matches with no letter, digit or `_` right before or after them. */
  wholeWord: boolean;
  regex: boolean;
  /**
   * Comma-separated globs of the files to search (`*.html, templates/**`): `*` and `?` stay within one
   * folder name, `**` spans folders, a glob without `/` matches at any depth, and a folder matches
   * what is inside it. Empty or missing: every file.
   */
  include?: string;
  /** Comma-separated globs, as in `include`, of files to leave out. Empty or missing: none. */
  exclude?: string;
  /** The editor's text of files with unsaved edits: searched instead of their copy on disk. */
  unsaved?: { path: string; content: string }[];
}

/** Replace All of Find in Files, worked out on the texts given (the editor's, or the disk's). */
export interface ReplaceRequest extends Pick<SearchQuery, "query" | "matchCase" | "wholeWord" | "regex"> {
  /** What each match becomes; with `regex`, `$1`, `$<name>`, `$&` and `$$` work as in JavaScript's `replace`. */
  replacement: string;
  texts: { path: string; content: string }[];
}

export interface ReplaceResult {
  /** The texts that had matches, with every match replaced (Find in Files' line by line matching). */
  files: { path: string; content: string; replaced: number }[];
}

/** One line of a file with at least one match. */
export interface SearchLine {
  /** 1-based. */
  line: number;
  /** 1-based column (UTF-16 code units, as the editor counts) of the line's first match. */
  column: number;
  /** The line around its first match, leading whitespace dropped; "…" marks where it was cut. */
  text: string;
  /** The matches shown in `text`, as [start, end) offsets into it. */
  ranges: { start: number; end: number }[];
  /** Matches on the line, counting any cut out of `text`. */
  matches: number;
}

export interface SearchFileResult {
  path: string;
  lines: SearchLine[];
}

export interface SearchResult {
  /** Files with matches, in the explorer's order. */
  files: SearchFileResult[];
  /** True when the search stopped at its limit of matches (or the project has more files than the tree lists). */
  truncated: boolean;
  /** Text files read, skipped binary and large files not counted. */
  filesSearched: number;
}

/** An unsaved editor buffer kept by hot exit. */
export interface SavedBuffer {
  path: string;
  content: string;
  /** `mtimeMs` of the file when the editor loaded it; `null` for a file that did not exist. */
  baseMtimeMs: number | null;
  /** When the host stored it, ms since the epoch. */
  savedAt: number;
}

export type ThemePreference = "system" | "light" | "dark";

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Settings {
  theme: ThemePreference;
  /** Editor font size in px, 8–40. */
  fontSize: number;
  wordWrap: boolean;
  /** 1–8. */
  tabSize: number;
  /** The port the user's app is started on (1024–65535); 0 picks a free one. */
  defaultPort: number;
  /** Electron window bounds, remembered between launches; `null` until first saved. */
  window: WindowState | null;
  /** Sizes of the workbench's resizable parts in px, by part name ("sidebar", "preview", "panel"). */
  layout: Record<string, number>;
}

/** An area of the Studio's page, in CSS pixels. */
export interface PreviewBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Menu and shortcut commands the Electron menu sends to the renderer. */
export type MenuCommandId =
  | "file.newProject"
  | "file.openFolder"
  | "file.newFile"
  | "file.save"
  | "file.saveAll"
  | "file.closeEditor"
  | "file.closeProject"
  | "file.quickOpen"
  | "file.export"
  | "file.preferences"
  | "edit.findInFiles"
  | "view.toggleSidebar"
  | "view.togglePanel"
  | "view.togglePreview"
  | "run.start"
  | "run.stop"
  | "run.restart"
  | "help.about";

/** Every method: name → { request; result }. */
export interface StudioMethods {
  "studio.info": { request: Empty; result: StudioInfo };

  "projects.starters": { request: Empty; result: { starters: StarterInfo[] } };
  /** Copies resources/starters/<starter> to `<parentDir>/<name>` and opens it. `parentDir` defaults to `StudioInfo.defaultProjectsDir`. */
  "projects.create": { request: { starter: string; name: string; parentDir?: string }; result: ProjectInfo };
  "projects.open": { request: { dir: string }; result: ProjectInfo };
  "projects.current": { request: Empty; result: { project: ProjectInfo | null } };
  "projects.recent": { request: Empty; result: { projects: RecentProject[] } };
  "projects.forget": { request: { dir: string }; result: Empty };
  "projects.close": { request: Empty; result: Empty };

  /** The whole project, without node_modules, .git, .vial, build and dist. */
  "files.tree": { request: Empty; result: { root: FileNode; truncated: boolean } };
  "files.read": { request: { path: string }; result: FileContent };
  /**
   * Atomic write. With `expectedMtimeMs` (the `mtimeMs` the editor read) it fails with `conflict`
   * when the file changed or vanished on disk since; without it, it overwrites or creates.
   */
  "files.write": { request: { path: string; content: string; expectedMtimeMs?: number }; result: FileStat };
  /** Fails with `exists` when something is already there; parent folders are created. */
  "files.create": { request: { path: string; kind: FileKind }; result: FileStat };
  /** Fails with `exists` when `to` is taken. */
  "files.rename": { request: { from: string; to: string }; result: FileStat };
  /** Moves the file or folder to the Studio's trash in the user-data folder (recoverable by hand). */
  "files.delete": { request: { path: string }; result: { trashedTo: string } };
  "files.stat": { request: { path: string }; result: { stat: FileStat | null } };
  /**
   * Find in Files over the tree's files (the folders `files.tree` leaves out stay out), skipping binary
   * files and files over 1 MB. Stops at 2,000 matches (`truncated`). A bad regular expression fails with
   * `bad-request` and the parser's reason; so does a search stopped after 5 s (a pattern that backtracks
   * without end) or replaced by a newer search.
   */
  "files.search": { request: SearchQuery; result: SearchResult };
  /**
   * Replace All's new texts; it writes nothing (the Studio applies them in its editors or saves them).
   * Fails as `files.search` does for a bad or runaway pattern.
   */
  "files.replace": { request: ReplaceRequest; result: ReplaceResult };

  /** Hot exit: store the unsaved content of one editor of the open project (the renderer debounces). */
  "buffers.save": { request: { path: string; content: string; baseMtimeMs: number | null }; result: { savedAt: number } };
  /** Unsaved buffers of the open project, to restore after a crash. */
  "buffers.list": { request: Empty; result: { buffers: SavedBuffer[] } };
  /** Forget a buffer (after a save, or when the user discards the edits). */
  "buffers.discard": { request: { path: string }; result: Empty };

  "settings.get": { request: Empty; result: Settings };
  /** Merges the given top-level keys (`window` and `layout` are replaced whole), validates, stores, and returns the full settings. */
  "settings.set": { request: Partial<Settings>; result: Settings };

  /** Electron only; browser mode fails with `unsupported` (the UI asks for a path instead). `dir` is null when cancelled. */
  "dialogs.openFolder": { request: { title?: string }; result: { dir: string | null } };
  /** Opens an http(s) URL in the user's browser; anything else fails with `bad-request`. */
  "shell.openExternal": { request: { url: string }; result: Empty };

  /**
   * Electron only (browser mode fails with `unsupported`: use an iframe there): shows the user's app in
   * a native view over the given area of the window (CSS pixels of the Studio's page), in its own
   * session with no Node and no preload. `url` must be a loopback http URL. Loads `url` when it differs
   * from the shown one, or when `reload` is true. The view is native and covers the page's own
   * elements in that area: hide it while a dialog or menu of the page overlaps it.
   */
  "preview.show": { request: { url: string; bounds: PreviewBounds; reload?: boolean }; result: Empty };
  /** Hides the native preview view (keeping its page). */
  "preview.hide": { request: Empty; result: Empty };
  /**
   * Electron only (browser mode fails with `unsupported`: there the pane speaks to the page in its
   * iframe): the inspect tool in the native preview view. `on: true` starts it in the shown page (and
   * again in each page the view loads) and resolves when the user clicks an element, with the origin
   * mark of the template line that wrote it (`templates/index.html:5`), or with null when inspecting ends
   * without a pick (Escape in the page, `on: false`, the view hidden). `on: false` ends it at once.
   */
  "preview.inspect": { request: { on: boolean }; result: { source: string | null } };

  /** The open project's app (stopped when no project is open). */
  "appHost.status": { request: Empty; result: AppStatus };
  /** Starts the app unless it runs; resolves when it runs or failed (see `error`). */
  "appHost.start": { request: Empty; result: AppStatus };
  "appHost.stop": { request: Empty; result: AppStatus };
  /** Recompiles and restarts on the same port. */
  "appHost.restart": { request: Empty; result: AppStatus };
  /** What the panels show when they open: recent output, the request log, current problems (oldest first). */
  "appHost.logs": { request: Empty; result: { output: OutputLine[]; requests: RequestEntry[]; problems: AppProblem[] } };
  "appHost.clearRequests": { request: Empty; result: Empty };

  /** Every route of the open project, from its TypeScript merged with the running app's url map. */
  "routes.index": { request: Empty; result: RouteIndex };
  /**
   * Plans a new route in `file` on `receiver` (an app or blueprint variable). `source` is the text the
   * editor holds (the file on disk when missing); the edits apply to it. A missing template is created.
   */
  "routes.create": { request: NewRoute & { file: string; source?: string }; result: RoutePlan };
  /** Plans changing a route's methods, rule or endpoint: only those literals change. */
  "routes.update": { request: { file: string; route: RouteRef; change: RouteChange; source?: string }; result: RoutePlan };
  /** Plans removing a route; with `withHandler` its separately declared handler goes too. */
  "routes.delete": { request: { file: string; route: RouteRef; withHandler: boolean; source?: string }; result: RoutePlan };
  /** Sends a request to the running app from the host (fails with `unsupported` when it does not run). */
  "routes.send": { request: AppRequest; result: AppResponse };
  /** The project's saved requests (`.vial/requests.json`). */
  "requests.list": { request: Empty; result: { requests: SavedRequest[] } };
  /** Replaces the project's saved requests. */
  "requests.save": { request: { requests: SavedRequest[] }; result: Empty };

  /**
   * Renders a template for the template designer's canvas from `source` (the editor's text), with the
   * project's other templates from disk and sample data from `.vial/samples/<name>.json`.
   */
  "templates.render": { request: { name: string; source: string }; result: TemplateRender };

  /** The open project's type errors and template syntax errors as of the last check (after the last save). */
  "diagnostics.list": { request: Empty; result: { diagnostics: Diagnostic[] } };
  /**
   * The type-checking flags of the open project's tsconfig.json (`strict`, `noImplicitAny`,
   * `noUncheckedIndexedAccess`, …; only those it sets), so the editor's own checks match Problems.
   */
  "diagnostics.checkFlags": { request: Empty; result: { flags: Record<string, boolean> } };

  /**
   * Exports the open project as a standalone Node project into `dest` (an absolute folder path on the
   * host, created when missing): its own files, Vial vendored in `vendor/vial/`, package.json, README.md,
   * Dockerfile, .dockerignore, .gitignore and the build and start scripts. Fails with `not-empty` when
   * `dest` holds files, unless `force` (which overwrites the files the export writes and keeps the rest).
   * `files` lists every file written, relative to `dest`.
   */
  "export.run": { request: { dest: string; force?: boolean }; result: { dest: string; files: string[] } };
}

export type MethodName = keyof StudioMethods;
export type RequestOf<M extends MethodName> = StudioMethods[M]["request"];
export type ResultOf<M extends MethodName> = StudioMethods[M]["result"];

/** Every event the host pushes: name → payload. */
export interface StudioEvents {
  /** Files changed on disk by something other than the Studio's own writes. */
  "files.changed": { paths: string[]; kind: "created" | "changed" | "deleted" };
  /** A project was opened or closed (also from the menu or a second launch). */
  "project.changed": { project: ProjectInfo | null };
  /** A menu item or accelerator of the Electron menu. */
  "menu.command": { id: MenuCommandId };
  /** The app's status changed (starting, running, failed, reloaded: `revision` went up). */
  "appHost.status": AppStatus;
  /** A line the app printed (or an app-host note). */
  "appHost.output": OutputLine;
  /** The app served a request. */
  "appHost.request": RequestEntry;
  /** The app's current problems, all of them (an empty list clears the panel). */
  "appHost.problems": { problems: AppProblem[] };
  /** The project's static diagnostics, all of them, after each check (an empty list clears them). */
  "diagnostics.changed": { diagnostics: Diagnostic[] };
}

export type EventName = keyof StudioEvents;
export type EventOf<E extends EventName> = StudioEvents[E];

/** What every invoke answers, over IPC and HTTP alike (the body of `POST /api/invoke`). */
export type InvokeResponse<M extends MethodName = MethodName> =
  | { ok: true; result: ResultOf<M> }
  | { ok: false; error: HostError };

/** The body of `POST /api/invoke`. */
export interface InvokeRequest<M extends MethodName = MethodName> {
  method: M;
  request: RequestOf<M>;
}

/** A WebSocket text frame on `/api/events`, and the payload of the `vial:event` IPC channel. */
export type EventMessage = { [E in EventName]: { event: E; payload: StudioEvents[E] } }[EventName];

/**
 * `window.vialStudio` in Electron (exposed by the preload). `invoke` resolves with the envelope, never
 * rejects for a host error, so the error code survives the context bridge.
 */
export interface StudioBridge {
  invoke<M extends MethodName>(method: M, request: RequestOf<M>): Promise<InvokeResponse<M>>;
  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
}

/** Host-side implementation of every method; `dispatch.ts` `satisfies` this. */
export type StudioHandlers = { [M in MethodName]: (request: RequestOf<M>) => Promise<ResultOf<M>> };
