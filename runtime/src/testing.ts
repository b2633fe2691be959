import type { Vial } from "./app.js";

type BodyInit = NonNullable<ConstructorParameters<typeof Request>[1]>["body"];

/**
 * Options of one test-client request. `json` sends JSON; `form` sends urlencoded fields, or multipart when
 * a value is a `Blob`/`File`; `query` is added to the URL.
 *
 * @example
 * ```ts
 * await client.post("/upload", { form: { title: "cat", file: new File(["meow"], "cat.txt") } });
 * ```
 */
export interface TestRequestOptions {
  headers?: Record<string, string> | Headers;
  json?: unknown;
  form?: Record<string, string | Blob | Array<string | Blob>> | FormData;
  body?: BodyInit;
  query?: Record<string, string | number | boolean | Array<string | number>>;
  /** The method for `request()`; default GET (the helpers set it). */
  method?: string;
  /** Follow redirects (at most 10), like Flask's `follow_redirects=True`. */
  followRedirects?: boolean;
}

/**
 * What the test client returns: status, headers, the body as text and (when it is JSON) parsed, and the
 * cookies this response set.
 *
 * @example
 * ```ts
 * const res = await client.get("/api/ping");
 * expect(res.status).toBe(200);
 * expect(res.json).toEqual({ ok: true });
 * ```
 */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is valid JSON, else `undefined`. */
  json: unknown;
  /** Cookies set by this response (name → value; deleted cookies have `""`). */
  cookies: Record<string, string>;
  /** The URL of the last request (after redirects). */
  url: string;
}

/**
 * Flask's test client: calls `app.fetch` in-process and keeps cookies across requests like a browser.
 *
 * @example
 * ```ts
 * const client = app.testClient();
 * await client.post("/login", { form: { user: "ada" } });
 * const res = await client.get("/me"); // sends the session cookie
 * ```
 */
export class TestClient {
  /** Cookies the client will send, by name. */
  readonly cookieJar = new Map<string, string>();

  constructor(
    readonly app: Vial,
    readonly baseUrl = "http://localhost",
  ) {}

  /** @example `await client.get("/search", { query: { q: "vial" } })` */
  get(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "GET" });
  }

  /** @example `await client.post("/items", { json: { name: "cup" } })` */
  post(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "POST" });
  }

  /** @example `await client.put("/items/1", { json: { name: "mug" } })` */
  put(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "PUT" });
  }

  /** @example `await client.patch("/items/1", { json: { name: "mug" } })` */
  patch(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "PATCH" });
  }

  /** @example `await client.delete("/items/1")` */
  delete(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "DELETE" });
  }

  /** @example `await client.head("/")` */
  head(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "HEAD" });
  }

  /** @example `await client.options("/items")` */
  options(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request(path, { ...options, method: "OPTIONS" });
  }

  /**
   * Sends a request with any method (Flask's `client.open`).
   *
   * @example
   * ```ts
   * await client.request("/dav", { method: "PROPFIND" });
   * ```
   */
  async request(path: string, options: TestRequestOptions = {}): Promise<TestResponse> {
    let url = this.#url(path, options.query);
    let currentMethod = (options.method ?? "GET").toUpperCase();
    let current = options;
    for (let hop = 0; ; hop++) {
      const res = await this.#send(currentMethod, url, current);
      const location = res.headers.get("location");
      if (!options.followRedirects || location === null || res.status < 300 || res.status >= 400 || hop >= 10) return res;
      url = new URL(location, url).toString();
      if (res.status !== 307 && res.status !== 308) {
        currentMethod = currentMethod === "HEAD" ? "HEAD" : "GET";
        current = { headers: options.headers };
      }
    }
  }

  /** Sets a cookie the client will send. @example `client.setCookie("theme", "dark")` */
  setCookie(name: string, value: string): void {
    this.cookieJar.set(name, value);
  }

  /** Forgets a cookie. @example `client.deleteCookie("session")` */
  deleteCookie(name: string): void {
    this.cookieJar.delete(name);
  }

  #url(path: string, query: TestRequestOptions["query"]): string {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    return url.toString();
  }

  async #send(method: string, url: string, options: TestRequestOptions): Promise<TestResponse> {
    const headers = new Headers(options.headers);
    let body: BodyInit | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else if (options.form !== undefined) {
      body = encodeForm(options.form);
    }
    if (this.cookieJar.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookieJar].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const response = await this.app.fetch(new Request(url, { method, headers, body, duplex: "half" } as RequestInit), { remoteAddr: "127.0.0.1" });
    const text = await response.text();
    const cookies: Record<string, string> = {};
    for (const line of response.headers.getSetCookie()) this.#store(line, cookies);
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, cookies, url };
  }

  #store(line: string, seen: Record<string, string>): void {
    const [pair = "", ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq === -1) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [key = "", v = ""] = a.trim().split("=");
      if (key.toLowerCase() === "max-age") return Number(v) <= 0;
      if (key.toLowerCase() === "expires") return Date.parse(v) <= Date.now();
      return false;
    });
    seen[name] = expired ? "" : safeDecode(value);
    if (expired) this.cookieJar.delete(name);
    else this.cookieJar.set(name, value);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function encodeForm(form: NonNullable<TestRequestOptions["form"]>): FormData | URLSearchParams {
  if (form instanceof FormData) return form;
  const values = Object.entries(form).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => [key, v] as const));
  if (values.some(([, v]) => typeof v !== "string")) {
    const data = new FormData();
    for (const [key, value] of values) data.append(key, value);
    return data;
  }
  return new URLSearchParams(values as Array<[string, string]>);
}
