import type { Vial } from "./app.js";
import { currentContext, type RequestContext } from "./context.js";
import type { VialRequest } from "./request.js";
import type { Session } from "./sessions.js";

/**
 * Flask's message for using `request` or `session` with no request being handled.
 *
 * @example
 * ```ts
 * expect(() => request.path).toThrow(OUTSIDE_REQUEST);
 * ```
 */
export const OUTSIDE_REQUEST =
  "Working outside of request context.\n\nThis typically means that you attempted to use functionality that needed\nan active HTTP request. Consult the documentation on testing for\ninformation about how to avoid this problem.";

/**
 * Flask's message for using `currentApp` or `g` with no application context.
 *
 * @example
 * ```ts
 * expect(() => currentApp.name).toThrow(OUTSIDE_APP);
 * ```
 */
export const OUTSIDE_APP =
  "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed\nthe current application. To solve this, set up an application context\nwith app.appContext(). See the documentation for more information.";

function appContext(): RequestContext {
  const ctx = currentContext();
  if (ctx === undefined) throw new Error(OUTSIDE_APP);
  return ctx;
}

function requestContext(): RequestContext & { request: VialRequest } {
  const ctx = currentContext();
  if (ctx?.request === undefined) throw new Error(OUTSIDE_REQUEST);
  return ctx as RequestContext & { request: VialRequest };
}

// Flask's LocalProxy: every access resolves the object of the current context.
function localProxy<T extends object>(resolve: () => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = resolve();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(resolve(), key, value),
    has: (_target, key) => Reflect.has(resolve(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(resolve(), key),
    ownKeys: () => Reflect.ownKeys(resolve()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), key);
      if (descriptor !== undefined) descriptor.configurable = true;
      return descriptor;
    },
  });
}

/**
 * The request being handled (Flask's `request`), right across `await` and `then`. A timer or event
 * callback the view starts runs outside the request, as a thread would in Flask: read what it needs first.
 *
 * @example
 * ```ts
 * app.get("/hi", () => `hello ${request.args.get("name") ?? "world"}`);
 * ```
 */
export const request: VialRequest = localProxy(() => requestContext().request);

/**
 * The current user's session (a signed cookie). Assigning a key marks it modified; mutating a nested
 * value does not, so set `session.modified = true` then, as in Flask.
 *
 * @example
 * ```ts
 * app.post("/login", () => { session.user = request.form.get("user"); return redirect("/"); });
 * ```
 */
export const session: Session = localProxy(() => requestContext().getSession());

/**
 * A namespace for data during one request (Flask's `g`).
 *
 * @example
 * ```ts
 * app.beforeRequest(() => { g.start = Date.now(); });
 * ```
 */
export const g: Record<string, any> = localProxy(() => appContext().g);

/**
 * The app handling the current request (Flask's `current_app`).
 *
 * @example
 * ```ts
 * app.get("/debug", () => String(currentApp.debug));
 * ```
 */
export const currentApp: Vial = localProxy(() => appContext().app);
