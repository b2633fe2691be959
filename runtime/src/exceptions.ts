import { Response } from "./response.js";

/**
 * An HTTP error that becomes a response, like Werkzeug's `HTTPException`. `name` is the status text
 * ("Not Found"), `code` the status, `description` the sentence shown on the error page.
 *
 * @example
 * ```ts
 * app.errorHandler(HTTPException, (e) => ({ error: e.name, code: e.code }));
 * throw new HTTPException(418, "I'm a teapot");
 * ```
 */
export class HTTPException extends Error {
  readonly code: number;
  description: string;
  /** A complete response to send instead of the default error page (what `abort(response)` carries). */
  response: Response | undefined;
  /** Extra headers for the default error page (`Allow` for 405, `Location` for redirects…). */
  readonly headers: Record<string, string> = {};

  constructor(code: number, description?: string, response?: Response) {
    const info = STATUS[code];
    super(description ?? info?.[1] ?? "");
    this.code = code;
    this.name = info?.[0] ?? "Unknown Error";
    this.description = description ?? info?.[1] ?? "";
    this.response = response;
  }

  /**
   * The response for this error: the carried one, else a small HTML page, or JSON when the client's
   * `Accept` header prefers `application/json`.
   *
   * @example
   * ```ts
   * app.errorHandler(404, (e: HTTPException) => e.getResponse());
   * ```
   */
  getResponse(accept?: string | null): Response {
    if (this.response !== undefined) return this.response;
    const headers = { ...this.headers };
    if (prefersJson(accept)) {
      const body = JSON.stringify({ code: this.code, name: this.name, description: this.description });
      return new Response(body, { status: this.code, headers, mimetype: "application/json" });
    }
    const page = `<!doctype html>\n<html lang=en>\n<title>${this.code} ${escapeHtml(this.name)}</title>\n<h1>${escapeHtml(this.name)}</h1>\n<p>${escapeHtml(this.description)}</p>\n`;
    return new Response(page, { status: this.code, headers });
  }
}

type Ctor = new (description?: string) => HTTPException;

/**
 * 400: the HTTPException subclass `abort(400)` throws.
 *
 * @example
 * ```ts
 * throw new BadRequest("The JSON body is malformed.");
 * ```
 */
export class BadRequest extends HTTPException {
  constructor(description?: string) {
    super(400, description);
  }
}

/**
 * 401: the HTTPException subclass `abort(401)` throws.
 *
 * @example
 * ```ts
 * abort(401);
 * ```
 */
export class Unauthorized extends HTTPException {
  constructor(description?: string) {
    super(401, description);
  }
}

/**
 * 403: the HTTPException subclass `abort(403)` throws.
 *
 * @example
 * ```ts
 * throw new Forbidden();
 * ```
 */
export class Forbidden extends HTTPException {
  constructor(description?: string) {
    super(403, description);
  }
}

/**
 * 404: the HTTPException subclass `abort(404)` throws.
 *
 * @example
 * ```ts
 * throw new NotFound("No such user.");
 * ```
 */
export class NotFound extends HTTPException {
  constructor(description?: string) {
    super(404, description);
  }
}

/**
 * 406: the HTTPException subclass `abort(406)` throws.
 *
 * @example
 * ```ts
 * throw new NotAcceptable();
 * ```
 */
export class NotAcceptable extends HTTPException {
  constructor(description?: string) {
    super(406, description);
  }
}

/**
 * 409: the HTTPException subclass `abort(409)` throws.
 *
 * @example
 * ```ts
 * throw new Conflict();
 * ```
 */
export class Conflict extends HTTPException {
  constructor(description?: string) {
    super(409, description);
  }
}

/**
 * 410: the HTTPException subclass `abort(410)` throws.
 *
 * @example
 * ```ts
 * throw new Gone();
 * ```
 */
export class Gone extends HTTPException {
  constructor(description?: string) {
    super(410, description);
  }
}

/**
 * 413: the HTTPException subclass `abort(413)` throws.
 *
 * @example
 * ```ts
 * throw new RequestEntityTooLarge();
 * ```
 */
export class RequestEntityTooLarge extends HTTPException {
  constructor(description?: string) {
    super(413, description);
  }
}

/**
 * 415: the HTTPException subclass `abort(415)` throws.
 *
 * @example
 * ```ts
 * throw new UnsupportedMediaType();
 * ```
 */
export class UnsupportedMediaType extends HTTPException {
  constructor(description?: string) {
    super(415, description);
  }
}

/**
 * 422: the HTTPException subclass `abort(422)` throws.
 *
 * @example
 * ```ts
 * throw new UnprocessableEntity("email is required");
 * ```
 */
export class UnprocessableEntity extends HTTPException {
  constructor(description?: string) {
    super(422, description);
  }
}

/**
 * 429: the HTTPException subclass `abort(429)` throws.
 *
 * @example
 * ```ts
 * throw new TooManyRequests();
 * ```
 */
export class TooManyRequests extends HTTPException {
  constructor(description?: string) {
    super(429, description);
  }
}

/**
 * 501: the HTTPException subclass `abort(501)` throws.
 *
 * @example
 * ```ts
 * throw new NotImplemented();
 * ```
 */
export class NotImplemented extends HTTPException {
  constructor(description?: string) {
    super(501, description);
  }
}

/**
 * 503: the HTTPException subclass `abort(503)` throws.
 *
 * @example
 * ```ts
 * throw new ServiceUnavailable();
 * ```
 */
export class ServiceUnavailable extends HTTPException {
  constructor(description?: string) {
    super(503, description);
  }
}

/**
 * 405: the path exists but not for this method. `validMethods` become the `Allow` header.
 *
 * @example
 * ```ts
 * throw new MethodNotAllowed(["GET", "HEAD", "OPTIONS"]);
 * ```
 */
export class MethodNotAllowed extends HTTPException {
  constructor(readonly validMethods: string[] = [], description?: string) {
    super(405, description);
    if (validMethods.length > 0) this.headers.Allow = validMethods.join(", ");
  }
}

/**
 * 500, carrying the error that caused it so a 500 handler can report it.
 *
 * @example
 * ```ts
 * app.errorHandler(500, (e: InternalServerError) => `failed: ${String(e.originalException)}`);
 * ```
 */
export class InternalServerError extends HTTPException {
  constructor(
    description?: string,
    readonly originalException?: unknown,
  ) {
    super(500, description);
  }
}

/**
 * 308 raised by routing when `/a/` is visited as `/a`. Error handlers never see it (as in Werkzeug).
 * The location is built from the request's own path, so it is kept on this host: backslashes are
 * percent-encoded (browsers read `/\evil.com` as `//evil.com`) and leading slashes collapse to one.
 *
 * @example
 * ```ts
 * throw new RequestRedirect("/docs/");
 * ```
 */
export class RequestRedirect extends HTTPException {
  readonly newUrl: string;

  constructor(newUrl: string) {
    const local = newUrl.replace(/[^\x21-\x5b\x5d-\x7e]/gu, encodeChar).replace(/^\/{2,}/, "/");
    super(308, `Redirecting to ${local}`);
    this.newUrl = local;
    this.headers.Location = local;
  }
}

function encodeChar(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return "%EF%BF%BD";
  }
}

const BY_CODE = new Map<number, Ctor>([
  [400, BadRequest],
  [401, Unauthorized],
  [403, Forbidden],
  [404, NotFound],
  [406, NotAcceptable],
  [409, Conflict],
  [410, Gone],
  [413, RequestEntityTooLarge],
  [415, UnsupportedMediaType],
  [422, UnprocessableEntity],
  [429, TooManyRequests],
  [501, NotImplemented],
  [503, ServiceUnavailable],
]);

/**
 * Stops the request with an HTTP error, like Flask's `abort`. Pass a status code (and an optional
 * description) or a complete `Response`.
 *
 * @example
 * ```ts
 * app.get("/admin", () => { if (!session.user) abort(401); return "hi"; });
 * ```
 */
export function abort(status: number | Response, description?: string): never {
  if (status instanceof Response) throw new HTTPException(status.status, description, status);
  if (status === 405) throw new MethodNotAllowed([], description);
  if (status === 500) throw new InternalServerError(description);
  const cls = BY_CODE.get(status);
  if (cls !== undefined) throw new cls(description);
  if (STATUS[status] === undefined) throw new LookupError(`no exception for ${status}`);
  throw new HTTPException(status, description);
}

/**
 * Raised by `abort` for a status code that is not an error Vial knows (Werkzeug's `LookupError`).
 *
 * @example
 * ```ts
 * try { abort(299); } catch (e) { e instanceof LookupError; }
 * ```
 */
export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LookupError";
  }
}

/**
 * Whether an `Accept` header ranks `application/json` above `text/html` (ties go to HTML).
 *
 * @example
 * ```ts
 * prefersJson("application/json"); // true
 * prefersJson("text/html,application/json;q=0.9"); // false
 * ```
 */
export function prefersJson(accept: string | null | undefined): boolean {
  if (!accept || !accept.includes("json")) return false;
  let json = 0;
  let html = 0;
  for (const item of accept.split(",")) {
    const [type = "", ...params] = item.trim().toLowerCase().split(";");
    const qParam = params.find((p) => p.trim().startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.trim().slice(2)) || 0;
    const t = type.trim();
    if (t === "application/json" || t.endsWith("+json")) json = Math.max(json, q);
    else if (t === "text/html") html = Math.max(html, q);
    else if (t === "*/*" || t === "text/*") html = Math.max(html, q * 0.5);
  }
  return json > html;
}

/**
 * Escapes `& < > " '` for HTML text and attributes.
 *
 * @example
 * ```ts
 * escapeHtml("<b>"); // "&lt;b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STATUS: Record<number, [string, string]> = {
  300: ["Multiple Choices", ""],
  301: ["Moved Permanently", ""],
  302: ["Found", ""],
  303: ["See Other", ""],
  307: ["Temporary Redirect", ""],
  308: ["Permanent Redirect", ""],
  400: ["Bad Request", "The browser (or proxy) sent a request that this server could not understand."],
  401: ["Unauthorized", "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."],
  403: ["Forbidden", "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."],
  404: ["Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."],
  405: ["Method Not Allowed", "The method is not allowed for the requested URL."],
  406: ["Not Acceptable", "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request."],
  408: ["Request Timeout", "The server closed the network connection because the browser didn't finish the request within the specified time."],
  409: ["Conflict", "A conflict happened while processing the request. The resource might have been modified while the request was being processed."],
  410: ["Gone", "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page."],
  411: ["Length Required", "A request with this method requires a valid Content-Length header."],
  412: ["Precondition Failed", "The precondition on the request for the URL failed positive evaluation."],
  413: ["Request Entity Too Large", "The data value transmitted exceeds the capacity limit."],
  414: ["Request URI Too Large", "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed."],
  415: ["Unsupported Media Type", "The server does not support the media type transmitted in the request."],
  416: ["Requested Range Not Satisfiable", "The server cannot provide the requested range."],
  417: ["Expectation Failed", "The server could not meet the requirements of the Expect header"],
  418: ["I'm a teapot", "This server is a teapot, not a coffee machine"],
  422: ["Unprocessable Entity", "The request was well-formed but was unable to be followed due to semantic errors."],
  423: ["Locked", "The resource that is being accessed is locked."],
  424: ["Failed Dependency", "The method could not be performed on the resource because the requested action depended on another action and that action failed."],
  428: ["Precondition Required", "This request is required to be conditional; try using \"If-Match\" or \"If-Unmodified-Since\"."],
  429: ["Too Many Requests", "This user has exceeded an allotted request count. Try again later."],
  431: ["Request Header Fields Too Large", "One or more header fields exceeds the maximum size."],
  451: ["Unavailable For Legal Reasons", "Unavailable for legal reasons."],
  500: ["Internal Server Error", "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."],
  501: ["Not Implemented", "The server does not support the action requested by the browser."],
  502: ["Bad Gateway", "The proxy server received an invalid response from an upstream server."],
  503: ["Service Unavailable", "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."],
  504: ["Gateway Timeout", "The connection to an upstream server timed out."],
  505: ["HTTP Version Not Supported", "The server does not support the HTTP protocol version used in the request."],
};
