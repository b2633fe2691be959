import { currentContext } from "./context.js";
import { DefaultJSONProvider, type JSONProvider } from "./json.js";

/**
 * What a response body can be: text, bytes, a web stream, or any (async) iterable of chunks for streaming.
 *
 * @example
 * ```ts
 * async function* rows() { yield "a\n"; yield "b\n"; }
 * const body: ResponseBody = rows();
 * ```
 */
export type ResponseBody = string | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | null;

/**
 * Headers as a `Headers`, a plain object or a list of pairs.
 *
 * @example
 * ```ts
 * const headers: HeadersLike = { "X-Kind": "echo" };
 * ```
 */
export type HeadersLike = Headers | Record<string, string | string[]> | Array<[string, string]>;

/**
 * Options of the `Response` constructor. `mimetype` gets `; charset=utf-8` added for text types.
 *
 * @example
 * ```ts
 * new Response("a,b", { status: 200, mimetype: "text/csv" });
 * ```
 */
export interface ResponseOptions {
  status?: number;
  headers?: HeadersLike;
  mimetype?: string;
  contentType?: string;
}

/**
 * Options of `setCookie`, with Flask's defaults (`path: "/"`).
 *
 * @example
 * ```ts
 * res.setCookie("theme", "dark", { maxAge: 3600, httpOnly: true, sameSite: "Lax" });
 * ```
 */
export interface CookieOptions {
  maxAge?: number;
  expires?: Date | number;
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  partitioned?: boolean;
}

const HTML = "text/html; charset=utf-8";

/**
 * An HTTP response (Flask's `Response`): status, headers, body, cookies. It wraps rather than extends the
 * web `Response` so the Node adapter can write plain text and JSON without building one; `toWeb()` gives
 * the web-standard object. The default content type is `text/html; charset=utf-8`, as in Flask.
 *
 * @example
 * ```ts
 * app.get("/csv", () => new Response("a,b\n1,2\n", { mimetype: "text/csv", headers: { "Cache-Control": "no-store" } }));
 * ```
 */
export class Response {
  status: number;
  body: ResponseBody;
  #contentType: string;
  #headers: Headers | undefined;

  constructor(body: ResponseBody = null, options: ResponseOptions = {}) {
    this.body = body;
    this.status = options.status ?? 200;
    this.#contentType = options.contentType ?? (options.mimetype !== undefined ? withCharset(options.mimetype) : HTML);
    if (options.headers !== undefined) mergeHeaders(this.headers, options.headers);
  }

  /**
   * Wraps a web `Response` (its headers are copied, so they stay mutable).
   *
   * @example
   * ```ts
   * app.get("/proxy", async () => Response.fromWeb(await fetch("http://127.0.0.1:9000/")));
   * ```
   */
  static fromWeb(web: globalThis.Response): Response {
    const res = new Response(web.body, { status: web.status });
    res.#headers = new Headers(web.headers);
    return res;
  }

  /** The headers, created on first access (the fast path never needs them). */
  get headers(): Headers {
    if (this.#headers === undefined) {
      this.#headers = new Headers();
      this.#headers.set("content-type", this.#contentType);
    }
    return this.#headers;
  }

  get contentType(): string | null {
    return this.#headers === undefined ? this.#contentType : this.#headers.get("content-type");
  }

  set contentType(value: string) {
    if (this.#headers === undefined) this.#contentType = value;
    else this.#headers.set("content-type", value);
  }

  /** The content type without parameters, e.g. `application/json`. */
  get mimetype(): string {
    return (this.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  }

  /** The body as text when it is text or bytes; `undefined` for streams. */
  get text(): string | undefined {
    if (typeof this.body === "string") return this.body;
    if (this.body instanceof Uint8Array) return new TextDecoder().decode(this.body);
    if (this.body === null) return "";
    return undefined;
  }

  /**
   * Adds a `Set-Cookie` header. Names must be HTTP tokens; values are percent-encoded where the cookie
   * grammar forbids a character, so no value can inject headers or attributes.
   *
   * @example
   * ```ts
   * res.setCookie("seen", "yes", { maxAge: 86400 });
   * ```
   */
  setCookie(name: string, value = "", options: CookieOptions = {}): void {
    this.headers.append("set-cookie", serializeCookie(name, value, options));
  }

  /**
   * Expires a cookie at once (same `path`/`domain` as when it was set).
   *
   * @example
   * ```ts
   * res.deleteCookie("seen");
   * ```
   */
  deleteCookie(name: string, options: Pick<CookieOptions, "path" | "domain" | "secure" | "httpOnly" | "sameSite"> = {}): void {
    this.setCookie(name, "", { ...options, maxAge: 0, expires: 0 });
  }

  /**
   * The header pairs to send (one pair per `Set-Cookie`), without building `Headers` when untouched.
   *
   * @example
   * ```ts
   * for (const [name, value] of res.headerList()) nodeRes.appendHeader(name, value);
   * ```
   */
  headerList(): Array<[string, string]> {
    if (this.#headers === undefined) return [["content-type", this.#contentType]];
    const list: Array<[string, string]> = [];
    for (const [name, value] of this.#headers) if (name !== "set-cookie") list.push([name, value]);
    for (const cookie of this.#headers.getSetCookie()) list.push(["set-cookie", cookie]);
    return list;
  }

  /** Whether `headers` was ever touched (lets adapters take the short path). */
  get hasCustomHeaders(): boolean {
    return this.#headers !== undefined;
  }

  /**
   * The web-standard `Response` (what `app.fetch` returns). With `head`, the body is dropped.
   *
   * @example
   * ```ts
   * const web = res.toWeb();
   * ```
   */
  toWeb(head = false): globalThis.Response {
    const noBody = head || this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200);
    const headers = this.#headers ?? new Headers({ "content-type": this.#contentType });
    return new globalThis.Response(noBody ? null : toWebBody(this.body), { status: this.status, headers });
  }
}

// Content types by mimetype, so a response built per request reuses one string: Node validates every
// header value it writes, and a string made fresh each time has to be flattened before each check.
const contentTypes = new Map<string, string>();
const CONTENT_TYPES_KEPT = 256;

function withCharset(mimetype: string): string {
  let type = contentTypes.get(mimetype);
  if (type === undefined) {
    const text = !mimetype.includes("charset=") && (mimetype.startsWith("text/") || mimetype === "application/javascript" || mimetype.endsWith("+xml") || mimetype === "application/xml");
    type = text ? `${mimetype}; charset=utf-8` : mimetype;
    if (contentTypes.size < CONTENT_TYPES_KEPT) contentTypes.set(mimetype, type);
  }
  return type;
}

function mergeHeaders(target: Headers, source: HeadersLike): void {
  const pairs: Iterable<[string, string | string[]]> = source instanceof Headers || Array.isArray(source) ? source : Object.entries(source);
  for (const [name, value] of pairs) {
    if (Array.isArray(value)) {
      target.delete(name);
      for (const v of value) target.append(name, v);
    } else if (name.toLowerCase() === "set-cookie") target.append(name, value);
    else target.set(name, value);
  }
}

/**
 * Copies headers onto a response, replacing same-named ones (`Set-Cookie` is appended).
 *
 * @example
 * ```ts
 * applyHeaders(res, { "X-Frame-Options": "DENY" });
 * ```
 */
export function applyHeaders(res: Response, headers: HeadersLike): void {
  mergeHeaders(res.headers, headers);
}

type WebBody = ConstructorParameters<typeof globalThis.Response>[0];

const encoder = new TextEncoder();

function toWebBody(body: ResponseBody): WebBody {
  if (body === null || typeof body === "string" || body instanceof ReadableStream) return body;
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  const iterator = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : (body as Iterable<string | Uint8Array>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;


/**
 * One `Set-Cookie` header value. Throws on a bad name or an attribute containing `;` or control characters.
 *
 * @example
 * ```ts
 * serializeCookie("id", "a b", { httpOnly: true }); // "id=a%20b; Path=/; HttpOnly"
 * ```
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`invalid cookie name ${JSON.stringify(name)}: use letters, digits and !#$%&'*+-.^_\`|~`);
  let out = `${name}=${encodeCookieValue(value)}`;
  const path = options.path ?? "/";
  for (const [label, attr] of [["Domain", options.domain], ["Path", path]] as const) {
    if (attr === undefined) continue;
    if (!isAttributeSafe(attr)) throw new TypeError(`invalid cookie ${label} ${JSON.stringify(attr)}`);
  }
  if (options.domain !== undefined) out += `; Domain=${options.domain}`;
  if (options.expires !== undefined) out += `; Expires=${new Date(options.expires).toUTCString()}`;
  if (options.maxAge !== undefined) out += `; Max-Age=${Math.max(0, Math.floor(options.maxAge))}`;
  if (options.secure) out += "; Secure";
  if (options.httpOnly) out += "; HttpOnly";
  out += `; Path=${path}`;
  if (options.sameSite !== undefined) out += `; SameSite=${options.sameSite}`;
  if (options.partitioned) out += "; Partitioned";
  return out;
}

// No control characters and no ";", so an attribute can never end early or start a new header line.
function isAttributeSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x3b) return false;
  }
  return true;
}

function encodeCookieValue(value: string): string {
  // cookie-octet (RFC 6265) minus "%", which marks our escapes.
  return value.replace(/[^\x21\x23-\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/gu, percentEncode);
}

function percentEncode(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return "%EF%BF%BD";
  }
}

/**
 * A JSON response (Flask's `jsonify`): one argument is the value, several become an array.
 *
 * @example
 * ```ts
 * app.get("/pair", () => jsonify(1, 2)); // [1,2]
 * ```
 */
export function jsonify(...values: unknown[]): Response {
  const value = values.length === 0 ? null : values.length === 1 ? values[0] : values;
  const json = currentJson();
  return new Response(json.dumps(value), { contentType: json.mimetype });
}

const fallbackJson = new DefaultJSONProvider();

/**
 * The JSON provider of the app handling the current request (or the default one outside requests).
 *
 * @example
 * ```ts
 * const text = currentJson().dumps({ ok: true });
 * ```
 */
export function currentJson(): JSONProvider {
  return currentContext()?.app.json ?? fallbackJson;
}

/**
 * A redirect response (302 by default). Characters that cannot appear in a URL are percent-encoded, so a
 * location can never split the header.
 *
 * @example
 * ```ts
 * app.post("/login", () => redirect(urlFor("index")));
 * app.get("/old", () => redirect("/new", 301));
 * ```
 */
export function redirect(location: string, code = 302): Response {
  const safe = location.replace(/[^\x21-\x7e]/gu, percentEncode);
  const escaped = safe.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${escaped}">${escaped}</a>. If not, click the link.\n`;
  return new Response(body, { status: code, headers: { Location: safe } });
}

/**
 * What a view may return: a body, a `Response` (Vial's or the web's), or Flask's tuples
 * `[body, status]`, `[body, status, headers]`, `[body, headers]`.
 *
 * @example
 * ```ts
 * const rv: ResponseReturn = [{ created: true }, 201, { Location: "/items/1" }];
 * ```
 */
export type ResponseReturn = ResponseValue | [ResponseValue, number] | [ResponseValue, number, HeadersLike] | [ResponseValue, HeadersLike];

/**
 * A response body a view may return: text (HTML), bytes, an object or array (JSON), a `Response`, a
 * web `Response` or stream, or an (async) iterable of chunks (streamed).
 *
 * @example
 * ```ts
 * const value: ResponseValue = { ok: true };
 * ```
 */
export type ResponseValue = string | Uint8Array | Response | globalThis.Response | ReadableStream<Uint8Array> | AsyncIterable<string | Uint8Array> | object;

/**
 * Turns a view's return value into a `Response`, like Flask's `make_response`: one return value, or the
 * items of a tuple as separate arguments (`makeResponse("made", 201)`). Arrays of length 2 or 3 whose
 * second item is a status code are tuples, and so is `[textOrResponse, headersObject]` (or any body with
 * a `Headers` instance); other arrays are JSON. Differs from Flask, which can tell tuples from lists:
 * return `jsonify([...])` to send an array that looks like a tuple as JSON.
 *
 * @example
 * ```ts
 * app.get("/", () => { const res = makeResponse("hi", 200, { "X-A": "1" }); res.setCookie("a", "1"); return res; });
 * ```
 */
export function makeResponse(...args: [ResponseReturn] | [ResponseValue, number] | [ResponseValue, number, HeadersLike] | [ResponseValue, HeadersLike]): Response {
  return toResponse((args.length === 1 ? args[0] : args) as ResponseReturn, currentJson());
}

/**
 * `makeResponse` with an explicit JSON provider (what the app's dispatch uses).
 *
 * @example
 * ```ts
 * const res = toResponse({ ok: true }, app.json);
 * ```
 */
export function toResponse(rv: ResponseReturn, json: JSONProvider): Response {
  if (Array.isArray(rv) && isTuple(rv)) {
    const [body, second, third] = rv as [ResponseValue, unknown, unknown];
    const res = toResponse(body as ResponseReturn, json);
    if (typeof second === "number") {
      res.status = second;
      if (third !== undefined && third !== null) mergeHeaders(res.headers, third as HeadersLike);
    } else mergeHeaders(res.headers, second as HeadersLike);
    return res;
  }
  return bodyToResponse(rv, json);
}

function bodyToResponse(rv: unknown, json: JSONProvider): Response {
  if (typeof rv === "string") return new Response(rv);
  if (rv instanceof Response) return rv;
  if (rv === null || rv === undefined) {
    throw new TypeError("The view function did not return a valid response. The function either returned null/undefined or ended without a return statement.");
  }
  if (typeof rv !== "object") {
    throw new TypeError(`The view function did not return a valid response. The return type must be a string, object, array, tuple with headers or status, Response instance or stream, but it was a ${typeof rv}.`);
  }
  if (rv instanceof globalThis.Response) return Response.fromWeb(rv);
  if (rv instanceof Uint8Array || rv instanceof ReadableStream) return new Response(rv);
  if (!Array.isArray(rv) && (Symbol.asyncIterator in rv || (Symbol.iterator in rv && !(rv instanceof Map) && !(rv instanceof Set)))) {
    return new Response(rv as ResponseBody);
  }
  return new Response(json.dumps(rv), { contentType: json.mimetype });
}

function isTuple(rv: unknown[]): boolean {
  if (rv.length !== 2 && rv.length !== 3) return false;
  const second = rv[1];
  if (typeof second === "number") return Number.isInteger(second) && second >= 100 && second <= 599 && (rv.length === 2 || isHeadersLike(rv[2]));
  // `[{...}, {...}]` is far more often a JSON list of two records than a body with headers, so a plain
  // object only counts as headers after a non-JSON body (text, bytes, a Response).
  return rv.length === 2 && (second instanceof Headers || (isHeadersLike(second) && !isJsonBody(rv[0])));
}

function isJsonBody(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  return !(value instanceof Response || value instanceof globalThis.Response || value instanceof Uint8Array || value instanceof ReadableStream);
}

function isHeadersLike(value: unknown): boolean {
  if (value instanceof Headers) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")));
}
