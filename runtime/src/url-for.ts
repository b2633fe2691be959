import { currentContext } from "./context.js";
import { OUTSIDE_APP } from "./globals.js";
import type { ParsedRule } from "./router/index.js";

/**
 * Values for `urlFor`: rule variables fill the path, other keys become the query string, and the
 * underscore keys change how the URL is built.
 *
 * @example
 * ```ts
 * const values: UrlForValues = { id: 7, tab: "posts", _anchor: "top", _external: true };
 * ```
 */
export interface UrlForValues {
  /** Absolute URL with scheme and host (from the request, else SERVER_NAME). */
  _external?: boolean;
  /** Appended as `#anchor`. */
  _anchor?: string;
  /** Pick the rule that accepts this method. */
  _method?: string;
  /** Scheme for an external URL (implies `_external`). */
  _scheme?: string;
  [key: string]: unknown;
}

/**
 * Raised when no rule can build the URL (unknown endpoint or missing values), like Werkzeug's `BuildError`.
 *
 * @example
 * ```ts
 * try { urlFor("nope"); } catch (e) { if (e instanceof BuildError) console.error(e.message); }
 * ```
 */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}

/**
 * One rule an endpoint can be built from.
 *
 * @example
 * ```ts
 * const candidate: BuildRule = { rule: parseRule("/u/<int:id>", defaultConverters), methods: ["GET", "HEAD"] };
 * ```
 */
export interface BuildRule {
  rule: ParsedRule;
  methods: readonly string[];
}

/**
 * Builds `path?query#anchor` for an endpoint from its rules: the first rule whose variables are all given
 * (and which accepts `_method`) wins. Values are converted with the rule's converters and percent-encoded.
 *
 * @example
 * ```ts
 * buildPath("user", rules, { id: 7, tab: "a" }); // "/user/7?tab=a"
 * ```
 */
export function buildPath(endpoint: string, rules: readonly BuildRule[], values: UrlForValues): string {
  if (rules.length === 0) throw new BuildError(`Could not build url for endpoint '${endpoint}'. Check the endpoint name (blueprint endpoints are 'blueprint.name').`);
  const method = values._method?.toUpperCase();
  const given = Object.keys(values).filter((k) => !k.startsWith("_") && values[k] !== undefined && values[k] !== null);
  // Werkzeug tries the rules that use more of the given values first.
  const ordered = [...rules].sort((a, b) => b.rule.names.length - a.rule.names.length);
  const candidate = ordered.find((r) => r.rule.names.every((n) => given.includes(n)) && (method === undefined || r.methods.includes(method)));
  if (candidate === undefined) {
    const first = rules[0] as BuildRule;
    const missing = first.rule.names.filter((n) => !given.includes(n));
    throw new BuildError(`Could not build url for endpoint '${endpoint}'${method ? ` (${method})` : ""}. Did you forget to specify values [${missing.map((m) => `'${m}'`).join(", ")}]?`);
  }
  let path = "";
  for (const part of candidate.rule.parts) {
    if ("text" in part) path += part.text;
    else {
      // Werkzeug's safe set for path segments: these stay readable, everything else is percent-encoded.
      path += encodeURIComponent(part.converter.toUrl(values[part.name])).replace(/%(24|26|2B|2C|2F|3A|3B|3D|40)/gi, (m) => decodeURIComponent(m));
    }
  }
  const query = new URLSearchParams();
  for (const key of given) {
    if (candidate.rule.names.includes(key)) continue;
    const value = values[key];
    if (Array.isArray(value)) for (const item of value) query.append(key, String(item));
    else query.append(key, String(value));
  }
  const qs = query.toString();
  const anchor = values._anchor === undefined ? "" : `#${encodeURI(values._anchor).replace(/#/g, "%23")}`;
  return `${path}${qs ? `?${qs}` : ""}${anchor}`;
}

/**
 * The URL for an endpoint (Flask's `url_for`), using the current app. `.name` is relative to the current
 * request's blueprint. Rule variables fill the path; extra values become the query string.
 *
 * @example
 * ```ts
 * urlFor("api.ping");                       // "/api/ping"
 * urlFor("user", { id: 7, tab: "posts" });  // "/user/7?tab=posts"
 * urlFor(".ping");                          // inside an api view: "/api/ping"
 * urlFor("index", { _external: true });     // "http://127.0.0.1:5000/"
 * ```
 */
export function urlFor(endpoint: string, values: UrlForValues = {}): string {
  const ctx = currentContext();
  if (ctx === undefined) throw new Error(OUTSIDE_APP);
  return ctx.app.urlFor(endpoint, values);
}
