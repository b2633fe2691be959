/**
 * Messages between the supervisor and the child process that runs the user's app. Regular messages
 * go over the IPC channel (a forked child) or the parent port (an Electron utility process); last
 * words (a fault right before the child exits) are written synchronously, because a message may not
 * flush before the process is gone: to a separate pipe when the child has one, else to stderr.
 */
import type { RequestEntry } from "./types.js";

/** The child's stdio slot that carries last words as newline-delimited JSON. */
export const lastWordsFd = 4;

/** Marks last words on stderr, for a child without the extra pipe (a utility process has stdout and stderr only). */
export const lastWordsPrefix = "\u001evial-studio:last-words ";

/** One row of the app's `app.urlMap()`. */
export interface UrlMapRow {
  endpoint: string;
  methods: string[];
  rule: string;
}

/** Supervisor → child: load the compiled bundle and listen. */
export interface StartMessage {
  type: "start";
  bundleUrl: string;
  port: number;
  host: string;
}

export type ParentMessage = StartMessage;

/** Where the child is when something went wrong. */
export type FaultKind = "import" | "export" | "exit" | "crash" | "port" | "listen";

export interface FaultMessage {
  type: "fault";
  kind: FaultKind;
  message: string;
  /** Source-mapped stack (the child runs with --enable-source-maps). */
  stack?: string;
  /** For `exit`: the code passed to process.exit. */
  code?: number;
}

/** Where a template error happened, as the runtime's TemplateError carries it. */
export interface TemplatePosition {
  /** Absolute path of the template file, when it came from disk. */
  filename?: string;
  /** The name it was loaded by (`index.html`). */
  name?: string;
  lineno: number;
  column?: number;
}

export type ChildMessage =
  | { type: "heartbeat" }
  /** The runtime is loaded; the child waits for a start message. */
  | { type: "warm" }
  /** Listening; `urlMap` is the app's `app.urlMap()` (the Studio's route designer merges it with the code). */
  | { type: "ready"; port: number; urlMap: UrlMapRow[] }
  /** A request reached the app; if the app hangs now, this request is the likely cause. */
  | { type: "request-start"; method: string; path: string }
  | { type: "request"; entry: Omit<RequestEntry, "id"> }
  /** A handler raised; the runtime answered with a 500 debug page. */
  | { type: "request-error"; message: string; stack?: string; template?: TemplatePosition }
  | FaultMessage;

/** Environment variable naming the runtime's entry (a file URL) for the child to preload. */
export const runtimeUrlEnv = "VIAL_STUDIO_RUNTIME_URL";
/** Environment variable with the heartbeat interval in ms. */
export const heartbeatEnv = "VIAL_STUDIO_HEARTBEAT_MS";
/**
 * Environment variable asking the runtime for origin marks on rendered templates (the inspect tool);
 * the runtime honours it only in debug mode, and the child then adds the inspector script to pages.
 */
export const inspectEnv = "VIAL_STUDIO_INSPECT";
