/**
 * What the route index tells the Studio about a project's routes. These shapes cross IPC and HTTP
 * (the contract's `routes.*` methods refer to them), so they hold plain data only.
 */

/** A span of a file's text as UTF-16 offsets (what TypeScript and Monaco both count in); `end` is exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** One replacement in one file: `text` takes the place of `[start, end)` of the text the plan was made for. */
export interface TextEdit extends TextRange {
  text: string;
}

/** How a route is registered: a method helper (`app.get`), `route` with options, or `addUrlRule`. */
export type RegistrationForm = "get" | "post" | "put" | "patch" | "delete" | "route" | "addUrlRule";

/** Where each part of a registration is in its file, for edits and for "open at line". */
export interface RouteRanges {
  /** The whole expression statement (`app.get(...);`). */
  statement: TextRange;
  /** The method name after the receiver (`get` in `app.get`). */
  name: TextRange;
  /** The rule's string literal, quotes included. */
  rule: TextRange;
  /** The options object literal (`{ methods: [...] }`), when there is one. */
  options: TextRange | null;
  /** The `methods` array literal inside the options. */
  methods: TextRange | null;
  /** The `endpoint` string literal inside the options. */
  endpoint: TextRange | null;
  /** The handler argument (an inline function, or a name). */
  handler: TextRange | null;
  /** The handler's own declaration elsewhere in the same file (`function show() {}` passed as `show`). */
  handlerDeclaration: TextRange | null;
}

/** Where a route lives: only in the code, only in the running app, or both. */
export type RouteOrigin = "code" | "runtime" | "both";

/** One route of the project, as the code and the running app describe it together. */
export interface RouteInfo {
  /** A stable key for the view: `file:offset` for routes in code, `runtime:endpoint` otherwise. */
  id: string;
  /** The full endpoint (`items.detail`). */
  endpoint: string;
  /** The rule as the app serves it, with blueprint prefixes; the rule as written when the prefix is unknown. */
  rule: string;
  methods: string[];
  /** The blueprint's name (its registered name for nested ones, `parent.child`); null for app routes. */
  blueprint: string | null;
  origin: RouteOrigin;
  /** Set for routes found in code. */
  source: RouteSource | null;
}

/** What the index found in the code for one registration. */
export interface RouteSource {
  file: string;
  /** 1-based line and column of the registration. */
  line: number;
  column: number;
  /** 1-based line of the handler's body start (the registration's line for a name imported from elsewhere). */
  handlerLine: number;
  form: RegistrationForm;
  /** The variable the route is registered on (`app`, `items`). */
  receiver: string;
  /** The rule as written (without the blueprint prefix). */
  localRule: string;
  /** The endpoint as written or derived (without the blueprint name). */
  localEndpoint: string;
  handlerName: string | null;
  /** Names the handler reads from `request.json` (`const { title } = request.json`), for the request runner. */
  jsonFields: string[];
  ranges: RouteRanges;
}

/** A variable holding an app or a blueprint, where new routes can be added. */
export interface RouteTarget {
  file: string;
  receiver: string;
  kind: "app" | "blueprint";
  /** The blueprint's name; null for the app. */
  blueprint: string | null;
}

/** A file the index could not read fully: a syntax error (its routes before and after are still listed). */
export interface IndexProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RouteIndex {
  routes: RouteInfo[];
  targets: RouteTarget[];
  problems: IndexProblem[];
  /** True when the running app's url map was merged in; false when the app is not running. */
  live: boolean;
}

/** One row of the running app's `app.urlMap()`. */
export interface UrlRule {
  endpoint: string;
  methods: string[];
  rule: string;
}

/** What a new route answers with: a text, its params as JSON, a template (created when missing), or a redirect (to a path or an endpoint). */
export type RouteReturn =
  | { kind: "text"; text: string }
  | { kind: "json" }
  | { kind: "template"; template: string }
  | { kind: "redirect"; to: string };

export interface NewRoute {
  /** The app or blueprint variable in the file (`app`, `items`). */
  receiver: string;
  methods: string[];
  rule: string;
  /** The endpoint without the blueprint's name. */
  endpoint: string;
  returns: RouteReturn;
}

/** What to change in an existing route; missing keys stay as they are. */
export interface RouteChange {
  methods?: string[];
  rule?: string;
  /** Without the blueprint's name. */
  endpoint?: string;
}

/** Which registration an edit is for: its rule and endpoint as written, and its line as a tie-breaker. */
export interface RouteRef {
  localRule: string;
  localEndpoint: string;
  line: number;
}

/**
 * Edits to apply to one file's text (the text sent as `source`, else the file on disk), and files the
 * host created for the route (a template). The renderer applies `edits` to the editor's model and saves.
 */
export interface RoutePlan {
  path: string;
  edits: TextEdit[];
  created: string[];
}

/** A request for the running app, sent by the host from Node to the app's loopback port. */
export interface AppRequest {
  method: string;
  /** Path and query (`/hello/ada?x=1`). */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface AppResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The body as text (at most 1 MB; see `truncated`). */
  body: string;
  truncated: boolean;
  /** From sending to the last byte of the body, in ms. */
  timeMs: number;
}

/** A request kept in the project's `.vial/requests.json`. */
export interface SavedRequest {
  id: string;
  name: string;
  /** The route it belongs to. */
  endpoint: string;
  method: string;
  /** Values of the rule's variables, by name. */
  params: Record<string, string>;
  /** The query string without `?`. */
  query: string;
  headers: Record<string, string>;
  bodyKind: "none" | "json" | "form";
  body: string;
}
