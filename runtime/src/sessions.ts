import type { Vial } from "./app.js";
import { currentContext } from "./context.js";
import { OUTSIDE_REQUEST } from "./globals.js";
import type { VialRequest } from "./request.js";
import type { Response } from "./response.js";
import { BadSignature, URLSafeTimedSerializer } from "./signing.js";

/**
 * The session: a dict-like object (read and assign keys directly) plus Flask's flags. `permanent` makes
 * the cookie outlive the browser session (PERMANENT_SESSION_LIFETIME).
 *
 * @example
 * ```ts
 * session.user = "ada";
 * session.permanent = true;
 * const cart = session.get("cart", []);
 * ```
 */
export interface Session {
  [key: string]: any;
  permanent: boolean;
  /** Set when a key was assigned or deleted; set it yourself after mutating a nested value. */
  modified: boolean;
  /** Set when any key was read (adds `Vary: Cookie`). */
  accessed: boolean;
  /** True when the request carried no valid session cookie. */
  readonly new: boolean;
  get<T = unknown>(key: string, defaultValue?: T): T;
  pop<T = unknown>(key: string, defaultValue?: T): T;
  clear(): void;
  toJSON(): Record<string, unknown>;
}

const NO_SECRET =
  "The session is unavailable because no secret key was set.  Set app.config.SECRET_KEY on the application to something unique and secret.";

/**
 * Builds a session over `data`. Without `writable`, any change throws Flask's "no secret key" error.
 *
 * @example
 * ```ts
 * const s = createSession({ user: "ada" }, { isNew: false, writable: true });
 * ```
 */
export function createSession(data: Record<string, unknown>, options: { isNew: boolean; writable: boolean }): Session {
  const state = { modified: false, accessed: false };
  const write = (): void => {
    if (!options.writable) throw new Error(NO_SECRET);
    state.modified = true;
    state.accessed = true;
  };
  const methods: Record<string, unknown> = {
    get(key: string, defaultValue?: unknown) {
      state.accessed = true;
      return key in data ? data[key] : defaultValue;
    },
    pop(key: string, defaultValue?: unknown) {
      state.accessed = true;
      if (!(key in data)) return defaultValue;
      write();
      const value = data[key];
      delete data[key];
      return value;
    },
    clear() {
      write();
      for (const key of Object.keys(data)) delete data[key];
    },
    toJSON: () => ({ ...data }),
  };
  return new Proxy(data, {
    get(target, key) {
      if (typeof key === "symbol") return undefined;
      // `await` and promise resolution look for `then` on every value they are handed: not a read by the
      // app, and the session is awaited on every request that brings a cookie.
      if (key === "then") return undefined;
      if (key === "permanent") return target._permanent === true;
      if (key === "modified") return state.modified;
      if (key === "accessed") return state.accessed;
      if (key === "new") return options.isNew;
      if (key in methods) return methods[key];
      state.accessed = true;
      return target[key];
    },
    set(target, key, value) {
      if (typeof key === "symbol") return false;
      if (key === "modified" || key === "accessed") {
        state[key] = Boolean(value);
        return true;
      }
      write();
      if (key === "permanent") target._permanent = Boolean(value);
      else target[key] = value;
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === "symbol") return false;
      write();
      delete target[key];
      return true;
    },
    has(target, key) {
      state.accessed = true;
      return key in target;
    },
  }) as Session;
}

/**
 * Where sessions come from and go to (Flask's `SessionInterface`); replace `app.sessionInterface` to keep
 * sessions server-side.
 *
 * @example
 * ```ts
 * app.sessionInterface = new SecureCookieSessionInterface();
 * ```
 */
export interface SessionInterface {
  /** A fresh empty session (a read-only one when the app has no SECRET_KEY). */
  emptySession(app: Vial): Session;
  /** Whether `openSession` has anything to read for this request (lets plain requests skip it). */
  hasSession(app: Vial, request: VialRequest): boolean;
  openSession(app: Vial, request: VialRequest): Promise<Session>;
  saveSession(app: Vial, session: Session, response: Response): Promise<void>;
}

/**
 * The default: the session is JSON in a cookie, timestamped and signed with HMAC-SHA256 using
 * SECRET_KEY (and SECRET_KEY_FALLBACKS for verification). Tampered, expired or unreadable cookies give
 * an empty session. The cookie is HttpOnly and SameSite=Lax by default, Secure with SESSION_COOKIE_SECURE,
 * and written only when the session changed (or, for permanent sessions, to refresh its expiry).
 *
 * @example
 * ```ts
 * app.config.SECRET_KEY = "change me";
 * app.get("/count", () => { session.n = (session.n ?? 0) + 1; return String(session.n); });
 * ```
 */
export class SecureCookieSessionInterface implements SessionInterface {
  salt = "cookie-session";
  /** Seconds since the epoch; tests replace it to travel in time. */
  now: () => number = () => Math.floor(Date.now() / 1000);

  emptySession(app: Vial): Session {
    return createSession({}, { isNew: true, writable: Boolean(app.config.SECRET_KEY) });
  }

  hasSession(app: Vial, request: VialRequest): boolean {
    const header = request.header("cookie");
    return header !== undefined && header.includes(`${app.config.SESSION_COOKIE_NAME}=`);
  }

  async openSession(app: Vial, request: VialRequest): Promise<Session> {
    const serializer = this.#serializer(app);
    const raw = request.cookies.get(app.config.SESSION_COOKIE_NAME);
    if (serializer === undefined || raw === undefined) return this.emptySession(app);
    try {
      const data = await serializer.loads(raw, app.config.PERMANENT_SESSION_LIFETIME);
      if (typeof data !== "object" || data === null || Array.isArray(data)) return this.emptySession(app);
      return createSession(data as Record<string, unknown>, { isNew: false, writable: true });
    } catch (error) {
      if (error instanceof BadSignature) return this.emptySession(app);
      throw error;
    }
  }

  async saveSession(app: Vial, session: Session, response: Response): Promise<void> {
    const config = app.config;
    const name = config.SESSION_COOKIE_NAME;
    const cookie = {
      domain: config.SESSION_COOKIE_DOMAIN,
      path: config.SESSION_COOKIE_PATH ?? config.APPLICATION_ROOT,
      secure: config.SESSION_COOKIE_SECURE,
      httpOnly: config.SESSION_COOKIE_HTTPONLY,
      sameSite: config.SESSION_COOKIE_SAMESITE,
    };
    if (session.accessed) response.headers.append("vary", "Cookie");
    if (Object.keys(session.toJSON()).length === 0) {
      if (session.modified) response.deleteCookie(name, cookie);
      return;
    }
    if (!session.modified && !(session.permanent && config.SESSION_REFRESH_EACH_REQUEST)) return;
    const serializer = this.#serializer(app);
    if (serializer === undefined) throw new Error(NO_SECRET);
    const value = await serializer.dumps(session.toJSON());
    const lifetime = config.PERMANENT_SESSION_LIFETIME;
    response.setCookie(name, value, session.permanent ? { ...cookie, expires: (this.now() + lifetime) * 1000 } : cookie);
  }

  #serializer(app: Vial): URLSafeTimedSerializer | undefined {
    const secret = app.config.SECRET_KEY;
    if (!secret) return undefined;
    const serializer = new URLSafeTimedSerializer([secret, ...app.config.SECRET_KEY_FALLBACKS], { salt: this.salt });
    serializer.signer.now = this.now;
    return serializer;
  }
}

/**
 * Stores a message for the next request (Flask's `flash`), in the session under `_flashes`.
 *
 * @example
 * ```ts
 * flash("Saved!", "success");
 * ```
 */
export function flash(message: string, category = "message"): void {
  const ctx = currentContext();
  if (ctx?.request === undefined) throw new Error(OUTSIDE_REQUEST);
  const session = ctx.getSession();
  const flashes = (session.get<Array<[string, string]>>("_flashes") ?? []).slice();
  flashes.push([category, message]);
  session._flashes = flashes;
}

/**
 * Takes the flashed messages out of the session (Flask's `get_flashed_messages`); repeated calls in the
 * same request return the same messages.
 *
 * @example
 * ```ts
 * getFlashedMessages(); // ["Saved!"]
 * getFlashedMessages({ withCategories: true, categoryFilter: ["error"] }); // [["error", "Oops"]]
 * ```
 */
export function getFlashedMessages(options: { withCategories: true; categoryFilter?: string[] }): Array<[string, string]>;
export function getFlashedMessages(options?: { withCategories?: false; categoryFilter?: string[] }): string[];
export function getFlashedMessages(options: { withCategories?: boolean; categoryFilter?: string[] } = {}): string[] | Array<[string, string]> {
  const ctx = currentContext();
  if (ctx?.request === undefined) throw new Error(OUTSIDE_REQUEST);
  if (ctx.flashes === undefined) {
    const session = ctx.getSession();
    ctx.flashes = "_flashes" in session.toJSON() ? session.pop<Array<[string, string]>>("_flashes", []) : [];
  }
  const filter = options.categoryFilter;
  const selected = filter === undefined || filter.length === 0 ? ctx.flashes : ctx.flashes.filter(([category]) => filter.includes(category));
  return options.withCategories ? selected : selected.map(([, message]) => message);
}
