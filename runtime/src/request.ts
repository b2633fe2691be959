import type { ConfigKeys } from "./config.js";
import { BadRequest, RequestEntityTooLarge, UnsupportedMediaType } from "./exceptions.js";
import type { JSONProvider } from "./json.js";

/**
 * Where a request comes from, as the core sees it. `app.fetch` wraps a web `Request`; the Node adapter
 * wraps `IncomingMessage` directly so plain requests never build web `Request`/`Headers` objects.
 *
 * @example
 * ```ts
 * const source = webRequestSource(new Request("http://localhost/"));
 * ```
 */
export interface RequestSource {
  readonly method: string;
  /** The request target as received: `/path?query`, still percent-encoded. */
  readonly target: string;
  readonly scheme: string;
  readonly remoteAddr: string | undefined;
  /** One header by lower-case name; repeated headers joined with `, `. */
  header(name: string): string | undefined;
  headers(): Headers;
  hasBody(): boolean;
  /** The whole body; rejects with 413 past `limit` bytes, before reading when Content-Length says so. */
  readBody(limit: number | undefined): Promise<Uint8Array>;
  /** A web `Request` for this request (with `body` as its body when given). */
  webRequest(body: Uint8Array | undefined): globalThis.Request;
}

/**
 * A `RequestSource` over a web `Request` (what `app.fetch` and the test client use).
 *
 * @example
 * ```ts
 * const source = webRequestSource(new Request("http://localhost/x?a=1"), "127.0.0.1");
 * ```
 */
export function webRequestSource(req: globalThis.Request, remoteAddr?: string): RequestSource {
  const url = req.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return {
    method: req.method,
    target: start === -1 ? "/" : url.slice(start),
    scheme: url.startsWith("https:") ? "https" : "http",
    remoteAddr,
    header: (name) => req.headers.get(name) ?? undefined,
    headers: () => req.headers,
    hasBody: () => req.body !== null,
    readBody: (limit) => readWebBody(req, limit),
    webRequest: (body) =>
      body === undefined || req.method === "GET" || req.method === "HEAD"
        ? req
        : new globalThis.Request(req.url, { method: req.method, headers: req.headers, body: body as Uint8Array<ArrayBuffer> }),
  };
}

/**
 * Throws 413 when a declared Content-Length is over `limit` (checked before any byte is read).
 *
 * @example
 * ```ts
 * checkContentLength(source.header("content-length"), app.config.MAX_CONTENT_LENGTH);
 * ```
 */
export function checkContentLength(declared: string | undefined, limit: number | undefined): void {
  if (limit === undefined || limit === null || declared === undefined) return;
  const length = Number(declared);
  if (Number.isFinite(length) && length > limit) throw new RequestEntityTooLarge();
}

/**
 * Collects chunks into one array, throwing 413 as soon as more than `limit` bytes arrive.
 *
 * @example
 * ```ts
 * const bytes = await collectBody(stream, 1024);
 * ```
 */
export async function collectBody(chunks: AsyncIterable<Uint8Array>, limit: number | undefined): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (limit !== undefined && limit !== null && size > limit) throw new RequestEntityTooLarge();
    parts.push(chunk);
  }
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function readWebBody(req: globalThis.Request, limit: number | undefined): Promise<Uint8Array> {
  checkContentLength(req.headers.get("content-length") ?? undefined, limit);
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
  };
  return collectBody(chunks, limit);
}

/**
 * Werkzeug's `MultiDict`: a key may have several values; `get` gives the first, `getAll` all of them.
 * Used for `request.args`, `request.form`, `request.files` and `request.cookies`.
 *
 * @example
 * ```ts
 * request.args.get("page", 1, Number); // ?page=3 → 3, missing or not a number → 1
 * request.args.getAll("tag");           // ?tag=a&tag=b → ["a", "b"]
 * ```
 */
export class MultiDict<V = string> implements Iterable<[string, V]> {
  readonly #map = new Map<string, V[]>();

  constructor(entries: Iterable<[string, V]> = []) {
    for (const [key, value] of entries) this.append(key, value);
  }

  append(key: string, value: V): void {
    const list = this.#map.get(key);
    if (list === undefined) this.#map.set(key, [value]);
    else list.push(value);
  }

  /** The first value, or `defaultValue`; with `type`, the converted value (a throw or NaN gives `defaultValue`). */
  get(key: string): V | undefined;
  get<D>(key: string, defaultValue: D): V | D;
  get<T, D>(key: string, defaultValue: D, type: (value: V) => T): T | D;
  get<T, D>(key: string, defaultValue?: D, type?: (value: V) => T): V | T | D | undefined {
    const value = this.#map.get(key)?.[0];
    if (value === undefined) return defaultValue;
    if (type === undefined) return value;
    try {
      const converted = type(value);
      return typeof converted === "number" && Number.isNaN(converted) ? defaultValue : converted;
    } catch {
      return defaultValue;
    }
  }

  getAll(key: string): V[] {
    return [...(this.#map.get(key) ?? [])];
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  get size(): number {
    return this.#map.size;
  }

  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  *[Symbol.iterator](): Iterator<[string, V]> {
    for (const [key, values] of this.#map) for (const value of values) yield [key, value];
  }

  /** First value per key, as a plain object (what `toJSON` gives). */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, values] of this.#map) out[key] = values[0] as V;
    return out;
  }

  toJSON(): Record<string, V> {
    return this.toObject();
  }
}

/**
 * Parses a `Cookie` header; values are percent-decoded when they decode cleanly, first occurrence first.
 *
 * @example
 * ```ts
 * parseCookies("a=1; b=x%20y").get("b"); // "x y"
 * ```
 */
export function parseCookies(header: string | undefined): MultiDict {
  const cookies = new MultiDict();
  if (!header) return cookies;
  for (const piece of header.split(";")) {
    const eq = piece.indexOf("=");
    if (eq === -1) continue;
    const name = piece.slice(0, eq).trim();
    let value = piece.slice(eq + 1).trim();
    if (name === "") continue;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // A value that is not valid percent-encoding is kept as sent.
      }
    }
    cookies.append(name, value);
  }
  return cookies;
}

/**
 * Percent-decodes a request path; malformed encoding is a 400, never a crash.
 *
 * @example
 * ```ts
 * decodePath("/caf%C3%A9"); // "/café"
 * ```
 */
export function decodePath(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest("The request path contains invalid percent-encoding.");
  }
}

/**
 * What `request.authorization` gives: Basic credentials or a Bearer token.
 *
 * @example
 * ```ts
 * const auth: Authorization = { type: "basic", username: "ada", password: "pw" };
 * ```
 */
export type Authorization = { type: "basic"; username: string; password: string } | { type: "bearer"; token: string };

/**
 * The config keys that bound what a request body may hold (`app.config` satisfies it).
 *
 * @example
 * ```ts
 * await req.loadBody({ MAX_CONTENT_LENGTH: 1 << 20, MAX_FORM_MEMORY_SIZE: 500_000, MAX_FORM_PARTS: 1000, MAX_JSON_DEPTH: 512 });
 * ```
 */
export type BodyLimits = Pick<ConfigKeys, "MAX_CONTENT_LENGTH" | "MAX_FORM_MEMORY_SIZE" | "MAX_FORM_PARTS" | "MAX_JSON_DEPTH">;

const decoder = new TextDecoder();
const latin1 = new TextDecoder("latin1");
const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * Whether arrays and objects in a JSON text nest deeper than `max`, found without parsing (so a body
 * nested 100,000 deep never reaches a recursive parser or serializer).
 *
 * @example
 * ```ts
 * jsonTooDeep("[[1]]", 1); // true
 * ```
 */
export function jsonTooDeep(text: string, max: number): boolean {
  if (text.length <= max || openersAtMost(text, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

// Nesting can never exceed the number of `[` and `{`; counting them with indexOf (a native scan) clears
// almost every body without walking it character by character.
function openersAtMost(text: string, max: number): boolean {
  let count = 0;
  for (const opener of ["[", "{"]) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) if (++count > max) return false;
  }
  return true;
}

function tooManyParts(count: number, limits: BodyLimits | undefined): boolean {
  const max = limits?.MAX_FORM_PARTS;
  return max !== undefined && max !== null && count > max;
}

function overFormMemory(bytes: number, limits: BodyLimits | undefined): boolean {
  const max = limits?.MAX_FORM_MEMORY_SIZE;
  return max !== undefined && max !== null && bytes > max;
}

const TOO_MANY_PARTS = "The form has more parts than MAX_FORM_PARTS allows.";
const FIELD_TOO_LARGE = "A form field is larger than MAX_FORM_MEMORY_SIZE allows.";

// Counts `--boundary` delimiters so a body of many tiny parts is refused before it is parsed.
function countParts(body: Uint8Array, contentType: string): number {
  const match = /;\s*boundary="?([^";]+)"?/i.exec(contentType);
  if (match === null) return 0;
  const text = latin1.decode(body);
  const delimiter = `--${match[1]}`;
  let count = -1;
  for (let at = text.indexOf(delimiter); at !== -1; at = text.indexOf(delimiter, at + delimiter.length)) count++;
  return count;
}

/**
 * The incoming request (Flask's `Request`). Everything is parsed on first access and cached. The body is
 * read before the view runs (only when there is one), so `request.json`, `request.form` and
 * `request.data` are plain properties as in Flask.
 *
 * @example
 * ```ts
 * app.post("/items", () => [{ created: request.json }, 201]);
 * ```
 */
export class VialRequest {
  /** The endpoint that matched, e.g. `api.ping`; `undefined` when routing failed. */
  endpoint: string | undefined = undefined;
  /** The converted URL parameters of the matched rule. */
  viewArgs: Record<string, unknown> = {};
  /** The exception routing raised (404, 405, 308), raised again when the view would run. */
  routingException: Error | undefined = undefined;

  readonly #source: RequestSource;
  readonly #json: () => JSONProvider;
  #path: string | undefined;
  #mimetype: string | undefined;
  #args: MultiDict | undefined;
  #cookies: MultiDict | undefined;
  #data: Uint8Array | undefined;
  #jsonValue: { value: unknown } | undefined;
  #form: MultiDict | undefined;
  #files: MultiDict<File> | undefined;
  #web: globalThis.Request | undefined;
  #limits: BodyLimits | undefined;

  constructor(source: RequestSource, json: () => JSONProvider) {
    this.#source = source;
    this.#json = json;
  }

  get method(): string {
    return this.#source.method;
  }

  /** The percent-decoded path, e.g. `/café`. */
  get path(): string {
    this.#path ??= decodePath(this.rawPath);
    return this.#path;
  }

  /** The path exactly as sent, still percent-encoded. */
  get rawPath(): string {
    const target = this.#source.target;
    const q = target.indexOf("?");
    return q === -1 ? target : target.slice(0, q);
  }

  /** The raw query string without `?`. */
  get queryString(): string {
    const target = this.#source.target;
    const q = target.indexOf("?");
    return q === -1 ? "" : target.slice(q + 1);
  }

  /** `path?query` (Flask's `full_path`; always has the `?`). */
  get fullPath(): string {
    return `${this.path}?${this.queryString}`;
  }

  get scheme(): string {
    return this.#source.scheme;
  }

  get isSecure(): boolean {
    return this.scheme === "https";
  }

  /** The `Host` header, e.g. `127.0.0.1:5000`. */
  get host(): string {
    return this.#source.header("host") ?? "localhost";
  }

  /** `scheme://host/` */
  get hostUrl(): string {
    return `${this.scheme}://${this.host}/`;
  }

  /** The full URL without the query string. */
  get baseUrl(): string {
    return `${this.scheme}://${this.host}${this.rawPath}`;
  }

  /** The full URL with the query string. */
  get url(): string {
    return `${this.scheme}://${this.host}${this.#source.target}`;
  }

  /** The query string parsed: `request.args.get("q")`, `request.args.getAll("tag")`. */
  get args(): MultiDict {
    this.#args ??= new MultiDict(new URLSearchParams(this.queryString));
    return this.#args;
  }

  get headers(): Headers {
    return this.#source.headers();
  }

  /** One header by name without building `Headers` (case-insensitive). */
  header(name: string): string | undefined {
    return this.#source.header(name.toLowerCase());
  }

  get cookies(): MultiDict {
    this.#cookies ??= parseCookies(this.#source.header("cookie"));
    return this.#cookies;
  }

  get contentType(): string | undefined {
    return this.#source.header("content-type");
  }

  /** The content type without parameters, lower case: `application/json`. */
  get mimetype(): string {
    this.#mimetype ??= (this.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    return this.#mimetype;
  }

  get contentLength(): number | undefined {
    const raw = this.#source.header("content-length");
    return raw === undefined ? undefined : Number(raw);
  }

  /** Whether the mimetype is `application/json` or `application/*+json`. */
  get isJson(): boolean {
    const m = this.mimetype;
    return m === "application/json" || (m.startsWith("application/") && m.endsWith("+json"));
  }

  get remoteAddr(): string | undefined {
    return this.#source.remoteAddr;
  }

  /**
   * The `Authorization` header parsed: Basic credentials or a Bearer token (Werkzeug's
   * `request.authorization`); `undefined` when missing or malformed.
   *
   * @example
   * ```ts
   * const auth = request.authorization;
   * if (auth?.type !== "basic" || auth.password !== "secret") abort(401);
   * ```
   */
  get authorization(): Authorization | undefined {
    const header = this.#source.header("authorization");
    if (header === undefined) return undefined;
    const space = header.indexOf(" ");
    const scheme = header.slice(0, space === -1 ? undefined : space).toLowerCase();
    const value = space === -1 ? "" : header.slice(space + 1).trim();
    if (scheme === "bearer" && value !== "") return { type: "bearer", token: value };
    if (scheme !== "basic") return undefined;
    let decoded: string;
    try {
      decoded = decoder.decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(":");
    return colon === -1 ? undefined : { type: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }

  /** The raw body bytes (empty when there was none). */
  get data(): Uint8Array {
    return this.#data ?? EMPTY;
  }

  /** The body as UTF-8 text. */
  getData(): string {
    return decoder.decode(this.data);
  }

  /** The parsed JSON body: 415 when the request is not JSON, 400 when the JSON is malformed. */
  get json(): unknown {
    return this.getJson();
  }

  /**
   * The parsed JSON body. `force` ignores the content type; `silent` returns `undefined` instead of
   * raising 400/415.
   *
   * @example
   * ```ts
   * const payload = request.getJson({ silent: true }) ?? {};
   * ```
   */
  getJson(options: { force?: boolean; silent?: boolean } = {}): unknown {
    if (this.#jsonValue !== undefined) return this.#jsonValue.value;
    if (!options.force && !this.isJson) {
      if (options.silent) return undefined;
      throw new UnsupportedMediaType("Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
    }
    const text = decoder.decode(this.data);
    if (jsonTooDeep(text, this.#limits?.MAX_JSON_DEPTH ?? Infinity)) {
      if (options.silent) return undefined;
      throw new BadRequest("Failed to decode JSON object: the request body is nested deeper than MAX_JSON_DEPTH allows.");
    }
    try {
      this.#jsonValue = { value: this.#json().loads(text) };
    } catch {
      if (options.silent) return undefined;
      throw new BadRequest("Failed to decode JSON object: the request body is not valid JSON.");
    }
    return this.#jsonValue.value;
  }

  /** Form fields from an urlencoded or multipart body; 413 past MAX_FORM_MEMORY_SIZE or MAX_FORM_PARTS. */
  get form(): MultiDict {
    if (this.#form === undefined) {
      if (this.mimetype !== "application/x-www-form-urlencoded") this.#form = new MultiDict();
      else {
        if (overFormMemory(this.data.byteLength, this.#limits)) throw new RequestEntityTooLarge(FIELD_TOO_LARGE);
        const params = new URLSearchParams(this.getData());
        if (tooManyParts(params.size, this.#limits)) throw new RequestEntityTooLarge(TOO_MANY_PARTS);
        this.#form = new MultiDict(params);
      }
    }
    return this.#form;
  }

  /** Uploaded files from a multipart body (web `File` objects). */
  get files(): MultiDict<File> {
    this.#files ??= new MultiDict<File>();
    return this.#files;
  }

  /** `args` and `form` together (form values after query values). */
  get values(): MultiDict {
    return new MultiDict([...this.args, ...this.form]);
  }

  /** The blueprint of the matched endpoint (`admin` for `admin.users`), dotted for nested ones. */
  get blueprint(): string | undefined {
    const endpoint = this.endpoint;
    if (endpoint === undefined) return undefined;
    const dot = endpoint.lastIndexOf(".");
    return dot === -1 ? undefined : endpoint.slice(0, dot);
  }

  /** The matched blueprint and its parents, innermost first (`["a.b", "a"]`). */
  get blueprints(): string[] {
    const out: string[] = [];
    let name = this.blueprint;
    while (name !== undefined) {
      out.push(name);
      const dot = name.lastIndexOf(".");
      name = dot === -1 ? undefined : name.slice(0, dot);
    }
    return out;
  }

  /** This request as a web-standard `Request` (built on first use). */
  get webRequest(): globalThis.Request {
    this.#web ??= this.#source.webRequest(this.#data);
    return this.#web;
  }

  /** Whether a body needs reading before the view runs. */
  get hasBody(): boolean {
    return this.#source.hasBody();
  }

  /**
   * Reads the body (413 past MAX_CONTENT_LENGTH) and, for multipart, parses the form and files: 400 if
   * malformed, 413 past MAX_FORM_PARTS or for a field over MAX_FORM_MEMORY_SIZE. The limits also bound
   * `form` and `json` later.
   *
   * @example
   * ```ts
   * await req.loadBody(app.config);
   * ```
   */
  async loadBody(limits: BodyLimits): Promise<void> {
    this.#limits = limits;
    this.#data = await this.#source.readBody(limits.MAX_CONTENT_LENGTH ?? undefined);
    if (this.mimetype !== "multipart/form-data") return;
    if (tooManyParts(countParts(this.#data, this.contentType ?? ""), limits)) throw new RequestEntityTooLarge(TOO_MANY_PARTS);
    let parsed: FormData;
    try {
      const carrier = new globalThis.Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": this.contentType ?? "" },
        body: this.#data as Uint8Array<ArrayBuffer>,
      });
      parsed = await carrier.formData();
    } catch {
      throw new BadRequest("The multipart form body is malformed.");
    }
    const form = new MultiDict();
    const files = new MultiDict<File>();
    for (const [key, value] of parsed) {
      if (typeof value === "string") {
        if (overFormMemory(value.length * 3, limits) && overFormMemory(encoder.encode(value).byteLength, limits)) throw new RequestEntityTooLarge(FIELD_TOO_LARGE);
        form.append(key, value);
      }
      else files.append(key, value);
    }
    this.#form = form;
    this.#files = files;
  }
}
