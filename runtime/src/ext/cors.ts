import { request } from "../globals.js";
import type { Scaffold } from "../scaffold.js";

/**
 * Which origins may read responses: `"*"` (any), one origin, a pattern, a list of either, or a function.
 *
 * @example
 * ```ts
 * const origins: CorsOrigins = ["https://app.example.com", /^https:\/\/.*\.example\.com$/];
 * ```
 */
export type CorsOrigins = "*" | string | RegExp | Array<string | RegExp> | ((origin: string) => boolean);

/**
 * Options of {@link CORS}; the defaults match Flask-CORS.
 *
 * @example
 * ```ts
 * const opts: CorsOptions = { origins: "https://app.example.com", credentials: true, maxAge: 600 };
 * ```
 */
export interface CorsOptions {
  /** Allowed origins (default `"*"`). */
  origins?: CorsOrigins;
  /** Methods a preflight may ask for (default GET, HEAD, POST, OPTIONS, PUT, PATCH, DELETE). */
  methods?: string[];
  /** Request headers a preflight may ask for; `"*"` (default) allows whatever the browser asks. */
  allowHeaders?: "*" | string[];
  /** Response headers scripts may read beyond the CORS-safelisted ones. */
  exposeHeaders?: string[];
  /** Send `Access-Control-Allow-Credentials: true` (cookies, HTTP auth); the origin is then echoed, never `*`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

/**
 * What CORS hooks into: a Vial app or a Blueprint (then only that blueprint's routes get CORS).
 *
 * @example
 * ```ts
 * const target: CorsTarget = app;
 * ```
 */
export type CorsTarget = Pick<Scaffold, "beforeRequest" | "afterRequest">;

const DEFAULT_METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"];

function addVary(headers: Headers, name: string): void {
  const current = headers.get("Vary");
  if (current === null) headers.set("Vary", name);
  else if (!current.split(",").some((part) => part.trim().toLowerCase() === name.toLowerCase() || part.trim() === "*")) {
    headers.set("Vary", `${current}, ${name}`);
  }
}

/**
 * Cross-Origin Resource Sharing for a Vial app or blueprint (the Flask-CORS extension, and the example of
 * the extension pattern): answers preflight `OPTIONS` requests from allowed origins with 204 before any
 * handler runs, and adds `Access-Control-Allow-Origin` (plus credentials, exposed headers and
 * `Vary: Origin`) to every response for an allowed origin. Requests from other origins get no CORS
 * headers, so the browser keeps their scripts from reading the response.
 * Register it before other `beforeRequest` hooks that might refuse a preflight (an auth check, say).
 * On a blueprint, list `OPTIONS` in the methods of routes that get preflights: Vial answers automatic
 * OPTIONS at the app level, where a blueprint's hooks do not run.
 *
 * @example
 * ```ts
 * import { CORS } from "vial/ext/cors";
 * new CORS(app, { origins: ["https://app.example.com"], credentials: true });
 *
 * // or, with an app factory:
 * const cors = new CORS(undefined, { maxAge: 600 });
 * function createApp() { const app = new Vial(); cors.initApp(app); return app; }
 * ```
 */
export class CORS {
  /** The options with their defaults filled in. */
  readonly options: Required<Omit<CorsOptions, "maxAge">> & { maxAge: number | undefined };

  constructor(app?: CorsTarget, options: CorsOptions = {}) {
    if (options.maxAge !== undefined && !(Number.isFinite(options.maxAge) && options.maxAge >= 0)) {
      throw new TypeError(`CORS maxAge must be a number of seconds (0 or more), not ${String(options.maxAge)}.`);
    }
    this.options = {
      origins: options.origins ?? "*",
      methods: (options.methods ?? DEFAULT_METHODS).map((method) => method.toUpperCase()),
      allowHeaders: options.allowHeaders ?? "*",
      exposeHeaders: options.exposeHeaders ?? [],
      credentials: options.credentials ?? false,
      maxAge: options.maxAge,
    };
    if (app !== undefined) this.initApp(app);
  }

  /**
   * Hooks CORS into an app (or blueprint); one CORS object can serve several apps.
   *
   * @example
   * ```ts
   * const cors = new CORS(undefined, { origins: "https://app.example.com" });
   * cors.initApp(app);
   * ```
   */
  initApp(app: CorsTarget): void {
    app.beforeRequest(() => this.#preflight());
    app.afterRequest((response) => {
      this.#decorate(response.headers);
      return response;
    });
  }

  /**
   * Whether `origin` is allowed by the `origins` option.
   *
   * @example
   * ```ts
   * new CORS(undefined, { origins: /\.example\.com$/ }).allows("https://a.example.com"); // true
   * ```
   */
  allows(origin: string): boolean {
    const { origins } = this.options;
    if (typeof origins === "function") return origins(origin);
    const list = Array.isArray(origins) ? origins : [origins];
    return list.some((allowed) => (allowed instanceof RegExp ? allowed.test(origin) : allowed === "*" || allowed === origin));
  }

  #allowOrigin(headers: Headers, origin: string): void {
    const any = this.options.origins === "*" && !this.options.credentials;
    headers.set("Access-Control-Allow-Origin", any ? "*" : origin);
    if (!any) addVary(headers, "Origin");
    if (this.options.credentials) headers.set("Access-Control-Allow-Credentials", "true");
  }

  #preflight(): Response | undefined {
    const origin = request.headers.get("Origin");
    const wanted = request.headers.get("Access-Control-Request-Method");
    if (request.method !== "OPTIONS" || origin === null || wanted === null || !this.allows(origin)) return undefined;
    if (!this.options.methods.includes(wanted.toUpperCase())) return undefined;
    const headers = new Headers();
    this.#allowOrigin(headers, origin);
    headers.set("Access-Control-Allow-Methods", this.options.methods.join(", "));
    const requested = request.headers.get("Access-Control-Request-Headers");
    if (this.options.allowHeaders === "*") {
      if (requested !== null) headers.set("Access-Control-Allow-Headers", requested);
      addVary(headers, "Access-Control-Request-Headers");
    } else if (this.options.allowHeaders.length > 0) {
      headers.set("Access-Control-Allow-Headers", this.options.allowHeaders.join(", "));
    }
    if (this.options.maxAge !== undefined) headers.set("Access-Control-Max-Age", String(Math.floor(this.options.maxAge)));
    return new Response(null, { status: 204, headers });
  }

  #decorate(headers: Headers): void {
    const origin = request.headers.get("Origin");
    if (origin === null || !this.allows(origin)) return;
    this.#allowOrigin(headers, origin);
    if (this.options.exposeHeaders.length > 0) {
      headers.set("Access-Control-Expose-Headers", this.options.exposeHeaders.join(", "));
    }
  }
}
