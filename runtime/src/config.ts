/**
 * The configuration keys Vial itself reads, with Flask's names and defaults. Any other key is allowed.
 *
 * @example
 * ```ts
 * const keys: Partial<ConfigKeys> = { SECRET_KEY: "dev", MAX_CONTENT_LENGTH: 1024 * 1024 };
 * ```
 */
export interface ConfigKeys {
  DEBUG: boolean;
  TESTING: boolean;
  SECRET_KEY: string | undefined;
  /** Older keys still accepted when reading sessions, so rotating SECRET_KEY logs nobody out. */
  SECRET_KEY_FALLBACKS: string[];
  /** Largest accepted request body in bytes (default 16 MiB: bodies are held in memory); larger is a 413. `undefined` means no limit. */
  MAX_CONTENT_LENGTH: number | undefined;
  /** Largest urlencoded body, and largest non-file multipart field, in bytes (Werkzeug's default: 500 kB); larger is a 413. */
  MAX_FORM_MEMORY_SIZE: number | undefined;
  /** Most fields and files in one form body (Werkzeug's default: 1000); more is a 413. */
  MAX_FORM_PARTS: number | undefined;
  /** Deepest nesting of arrays and objects `request.json` accepts; deeper is a 400 (checked before parsing). */
  MAX_JSON_DEPTH: number;
  /** Longest request target (`/path?query`) in characters; longer is a 414. Read when the server starts. */
  MAX_URL_LENGTH: number;
  /** Largest request line plus headers in bytes (Node's `maxHeaderSize`); larger is a 431. Read when the server starts. */
  MAX_HEADER_SIZE: number;
  /** Most header lines in one request; more is a 431. Read when the server starts. */
  MAX_HEADER_COUNT: number;
  /** Seconds a client has to send the request line and headers (slow clients are dropped with 408). Read when the server starts. */
  HEADERS_TIMEOUT: number;
  /** Seconds a client has to send the whole request, body included. Read when the server starts. */
  REQUEST_TIMEOUT: number;
  /** Seconds an idle keep-alive connection stays open between requests. Read when the server starts. */
  KEEP_ALIVE_TIMEOUT: number;
  /** Seconds a permanent session lasts (Flask: 31 days). */
  PERMANENT_SESSION_LIFETIME: number;
  SESSION_COOKIE_NAME: string;
  SESSION_COOKIE_DOMAIN: string | undefined;
  SESSION_COOKIE_PATH: string | undefined;
  SESSION_COOKIE_HTTPONLY: boolean;
  SESSION_COOKIE_SECURE: boolean;
  SESSION_COOKIE_SAMESITE: "Strict" | "Lax" | "None" | undefined;
  SESSION_REFRESH_EACH_REQUEST: boolean;
  /** `host[:port]` used by `urlFor(..., { _external: true })` outside a request. */
  SERVER_NAME: string | undefined;
  APPLICATION_ROOT: string;
  PREFERRED_URL_SCHEME: string;
  /** Cache lifetime in seconds for static files (`undefined`: no Cache-Control max-age). */
  SEND_FILE_MAX_AGE_DEFAULT: number | undefined;
  TEMPLATES_AUTO_RELOAD: boolean | undefined;
}

const DEFAULTS: ConfigKeys = {
  DEBUG: false,
  TESTING: false,
  SECRET_KEY: undefined,
  SECRET_KEY_FALLBACKS: [],
  MAX_CONTENT_LENGTH: 16 * 1024 * 1024,
  MAX_FORM_MEMORY_SIZE: 500_000,
  MAX_FORM_PARTS: 1000,
  MAX_JSON_DEPTH: 512,
  MAX_URL_LENGTH: 8192,
  MAX_HEADER_SIZE: 16_384,
  MAX_HEADER_COUNT: 100,
  HEADERS_TIMEOUT: 10,
  REQUEST_TIMEOUT: 30,
  KEEP_ALIVE_TIMEOUT: 5,
  PERMANENT_SESSION_LIFETIME: 31 * 24 * 3600,
  SESSION_COOKIE_NAME: "session",
  SESSION_COOKIE_DOMAIN: undefined,
  SESSION_COOKIE_PATH: undefined,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_SAMESITE: "Lax",
  SESSION_REFRESH_EACH_REQUEST: true,
  SERVER_NAME: undefined,
  APPLICATION_ROOT: "/",
  PREFERRED_URL_SCHEME: "http",
  SEND_FILE_MAX_AGE_DEFAULT: undefined,
  TEMPLATES_AUTO_RELOAD: undefined,
};

/**
 * Reads a file as text for `fromFile`; `undefined` when the file does not exist.
 *
 * @example
 * ```ts
 * const read: ConfigFileReader = (path) => app.files.readTextSync(path);
 * ```
 */
export type ConfigFileReader = (path: string) => string | undefined;

/**
 * The app's configuration (Flask's `app.config`): a plain object with Flask's keys plus loaders. Only
 * UPPER_CASE keys are taken from objects and files, as in Flask.
 *
 * @example
 * ```ts
 * app.config.fromObject({ SECRET_KEY: "dev" });
 * app.config.fromEnv("VIAL");            // VIAL_SECRET_KEY, VIAL_MAX_CONTENT_LENGTH=1024, …
 * app.config.fromFile("config.json");    // relative to app.root
 * ```
 */
export class Config implements ConfigKeys {
  declare DEBUG: boolean;
  declare TESTING: boolean;
  declare SECRET_KEY: string | undefined;
  declare SECRET_KEY_FALLBACKS: string[];
  declare MAX_CONTENT_LENGTH: number | undefined;
  declare MAX_FORM_MEMORY_SIZE: number | undefined;
  declare MAX_FORM_PARTS: number | undefined;
  declare MAX_JSON_DEPTH: number;
  declare MAX_URL_LENGTH: number;
  declare MAX_HEADER_SIZE: number;
  declare MAX_HEADER_COUNT: number;
  declare HEADERS_TIMEOUT: number;
  declare REQUEST_TIMEOUT: number;
  declare KEEP_ALIVE_TIMEOUT: number;
  declare PERMANENT_SESSION_LIFETIME: number;
  declare SESSION_COOKIE_NAME: string;
  declare SESSION_COOKIE_DOMAIN: string | undefined;
  declare SESSION_COOKIE_PATH: string | undefined;
  declare SESSION_COOKIE_HTTPONLY: boolean;
  declare SESSION_COOKIE_SECURE: boolean;
  declare SESSION_COOKIE_SAMESITE: "Strict" | "Lax" | "None" | undefined;
  declare SESSION_REFRESH_EACH_REQUEST: boolean;
  declare SERVER_NAME: string | undefined;
  declare APPLICATION_ROOT: string;
  declare PREFERRED_URL_SCHEME: string;
  declare SEND_FILE_MAX_AGE_DEFAULT: number | undefined;
  declare TEMPLATES_AUTO_RELOAD: boolean | undefined;
  [key: string]: unknown;

  readonly #root: string;
  readonly #read: ConfigFileReader;

  constructor(options: { root?: string; read?: ConfigFileReader; defaults?: Partial<ConfigKeys> & Record<string, unknown> } = {}) {
    Object.assign(this, DEFAULTS, options.defaults);
    this.#root = options.root ?? "";
    this.#read = options.read ?? (() => undefined);
  }

  /**
   * Copies the UPPER_CASE keys of an object.
   *
   * @example
   * ```ts
   * app.config.fromObject({ DEBUG: true, ignored: 1 });
   * ```
   */
  fromObject(source: Record<string, unknown>): this {
    for (const [key, value] of Object.entries(source)) if (isUpper(key)) this[key] = value;
    return this;
  }

  /**
   * Loads `PREFIX_KEY` variables (Flask's `from_prefixed_env`): values are parsed as JSON when they
   * parse (`1024`, `true`, `["a"]`), else kept as strings; `PREFIX_A__B` sets `config.A.B`.
   *
   * @example
   * ```ts
   * app.config.fromEnv("VIAL", { VIAL_DEBUG: "true" }); // config.DEBUG === true
   * ```
   */
  fromEnv(prefix = "VIAL", env: Record<string, string | undefined> = globalThis.process?.env ?? {}): this {
    const start = `${prefix}_`;
    for (const name of Object.keys(env).sort()) {
      const raw = env[name];
      if (!name.startsWith(start) || raw === undefined) continue;
      let value: unknown = raw;
      try {
        value = JSON.parse(raw);
      } catch {
        // Not JSON: keep the string, as Flask does.
      }
      setPath(this, name.slice(start.length).split("__"), value);
    }
    return this;
  }

  /**
   * Loads a file through the app's file reader, parsed by `load` (JSON by default), relative to the
   * app root. A missing file throws unless `silent`.
   *
   * @example
   * ```ts
   * app.config.fromFile("config.json");
   * app.config.fromFile("config.toml", { load: parseToml, silent: true });
   * ```
   */
  fromFile(filename: string, options: { load?: (text: string) => unknown; silent?: boolean } = {}): boolean {
    const path = filename.startsWith("/") || /^[A-Za-z]:[\\/]/.test(filename) || this.#root === "" ? filename : `${this.#root.replace(/[\\/]$/, "")}/${filename}`;
    const text = this.#read(path);
    if (text === undefined) {
      if (options.silent) return false;
      throw new Error(`Unable to load configuration file (file not found): ${path}`);
    }
    const data = (options.load ?? JSON.parse)(text);
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error(`The configuration file ${path} must contain an object.`);
    this.fromObject(data as Record<string, unknown>);
    return true;
  }
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown): void {
  let target = root;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== "object" || next === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path[path.length - 1] as string] = value;
}

function isUpper(key: string): boolean {
  return key === key.toUpperCase() && /[A-Z]/.test(key);
}
