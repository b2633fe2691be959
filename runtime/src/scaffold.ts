import type { HTTPException } from "./exceptions.js";
import { currentContext, type RequestContext } from "./context.js";
import type { VialRequest } from "./request.js";
import { serveFile } from "./static.js";
import type { AfterRequestHook, BeforeRequestHook, ErrorClass, ErrorHandler, Handler, RouteOptions, RouteParams, TeardownHook } from "./types.js";

/**
 * A route as registered, before a blueprint adds its prefix and name.
 *
 * @example
 * ```ts
 * const def: RouteDefinition = { rule: "/", endpoint: "index", handler: () => "hi", methods: ["GET"] };
 * ```
 */
export interface RouteDefinition {
  rule: string;
  endpoint: string;
  handler: Handler<any>;
  methods: string[];
}

/**
 * Options of `addUrlRule`: the route options plus the view (a function or `MyView.asView("name")`).
 *
 * @example
 * ```ts
 * app.addUrlRule("/users/<int:id>", { view: UserView.asView("user") });
 * ```
 */
export interface UrlRuleOptions<P = Record<string, unknown>> extends RouteOptions {
  view: Handler<P> & { methods?: readonly string[] };
}

/**
 * A template helper registry entry: filters and tests take the value first, as in Jinja.
 *
 * @example
 * ```ts
 * const shout: TemplateHelper = (s) => String(s).toUpperCase();
 * ```
 */
export type TemplateHelper = (...args: any[]) => unknown;

/**
 * What `Vial` and `Blueprint` share (Flask's `Scaffold`): routes, hooks, error handlers and the template
 * registries the templating integration reads.
 *
 * @example
 * ```ts
 * for (const s of [app, api]) s.afterRequest((res) => { res.headers.set("X-Served-By", "vial"); return res; });
 * ```
 */
export abstract class Scaffold {
  readonly name: string;
  /** Folder holding `templates/` and `static/` (pass `import.meta.dirname`). */
  root: string;
  templateFolder: string | undefined;
  readonly beforeRequestFuncs: BeforeRequestHook[] = [];
  readonly afterRequestFuncs: AfterRequestHook[] = [];
  readonly teardownRequestFuncs: TeardownHook[] = [];
  /** Error handlers by status code or error class. */
  readonly errorHandlerSpec = new Map<number | ErrorClass<any>, ErrorHandler<any>>();
  /** Functions returning extra template variables (filled by the template integration). */
  readonly templateContextProcessors: Array<() => Record<string, unknown>> = [];
  readonly templateFilters: Record<string, TemplateHelper> = {};
  readonly templateTests: Record<string, TemplateHelper> = {};
  readonly templateGlobals: Record<string, unknown> = {};

  constructor(name: string, options: { root?: string; templateFolder?: string | null }) {
    this.name = name;
    this.root = options.root ?? globalThis.process?.cwd?.() ?? "";
    this.templateFolder = options.templateFolder ?? undefined;
  }

  /**
   * Serves `folder` (relative to `root`) at `<urlPath>/<path:filename>` under the endpoint `static`,
   * reading through the app's `files` (what the app and blueprints with a `staticFolder` do).
   *
   * @example
   * ```ts
   * this.addStaticRoute("static", "/static");
   * ```
   */
  protected addStaticRoute(folder: string, urlPath: string): void {
    const absolute = folder.startsWith("/") || /^[A-Za-z]:[\\/]/.test(folder);
    const root = absolute ? folder : `${this.root.replace(/[\\/]+$/, "")}/${folder}`;
    this.addUrlRule(`${urlPath.replace(/\/+$/, "")}/<path:filename>`, {
      endpoint: "static",
      view: ({ filename }) => {
        const ctx = currentContext() as RequestContext;
        const request = ctx.request as VialRequest;
        return serveFile({ files: ctx.app.files, root, filename: String(filename), request: request.webRequest, maxAge: ctx.app.config.SEND_FILE_MAX_AGE_DEFAULT });
      },
    });
  }

  /** Registers a route with the app or blueprint (each subclass knows where it goes). */
  protected abstract registerRoute(definition: RouteDefinition): void;

  /** Throws when setup can no longer change (after the first request or registration). */
  protected abstract checkSetupFinished(method: string): void;

  /**
   * Registers a view for a rule (Flask's `route`). Methods default to GET; HEAD follows GET and OPTIONS is
   * answered automatically. The endpoint is `options.endpoint`, else the function's name, else one made
   * from the methods and path (`get_user_id`).
   *
   * @example
   * ```ts
   * app.route("/items", { methods: ["GET", "POST"], endpoint: "items" }, () => (request.method === "POST" ? [request.json, 201] : []));
   * ```
   */
  route<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  route<P extends string>(rule: P, options: RouteOptions, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  route<P extends string>(rule: P, a: RouteOptions | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    const [options, handler] = typeof a === "function" ? [{}, a] : [a, b];
    if (typeof handler !== "function") throw new TypeError(`route(${JSON.stringify(rule)}) needs a view function`);
    this.addUrlRule(rule, { ...options, view: handler });
    return handler;
  }

  /**
   * `route` with `methods: ["GET"]`; the view gets typed params from the rule.
   *
   * @example
   * ```ts
   * app.get("/user/<int:id>", ({ id }) => ({ id })); // id: number
   * ```
   */
  get<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  get<P extends string>(rule: P, options: Omit<RouteOptions, "methods">, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  get<P extends string>(rule: P, a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    return this.#method("GET", rule, a, b);
  }

  /** @example `app.post("/echo", () => [request.json, 201]);` */
  post<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  post<P extends string>(rule: P, options: Omit<RouteOptions, "methods">, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  post<P extends string>(rule: P, a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    return this.#method("POST", rule, a, b);
  }

  /** @example `app.put("/items/<int:id>", ({ id }) => ({ id, ...(request.json as object) }));` */
  put<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  put<P extends string>(rule: P, options: Omit<RouteOptions, "methods">, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  put<P extends string>(rule: P, a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    return this.#method("PUT", rule, a, b);
  }

  /** @example `app.patch("/items/<int:id>", ({ id }) => ({ id }));` */
  patch<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  patch<P extends string>(rule: P, options: Omit<RouteOptions, "methods">, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  patch<P extends string>(rule: P, a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    return this.#method("PATCH", rule, a, b);
  }

  /** @example `app.delete("/items/<int:id>", () => ["", 204]);` */
  delete<P extends string>(rule: P, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  delete<P extends string>(rule: P, options: Omit<RouteOptions, "methods">, handler: Handler<RouteParams<P>>): Handler<RouteParams<P>>;
  delete<P extends string>(rule: P, a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>, b?: Handler<RouteParams<P>>): Handler<RouteParams<P>> {
    return this.#method("DELETE", rule, a, b);
  }

  #method<P extends string>(
    method: string,
    rule: P,
    a: Omit<RouteOptions, "methods"> | Handler<RouteParams<P>>,
    b: Handler<RouteParams<P>> | undefined,
  ): Handler<RouteParams<P>> {
    const [options, handler] = typeof a === "function" ? [{}, a] : [a, b];
    if (typeof handler !== "function") throw new TypeError(`${method.toLowerCase()}(${JSON.stringify(rule)}) needs a view function`);
    this.addUrlRule(rule, { ...options, methods: [method], view: handler });
    return handler;
  }

  /**
   * Registers a view without the decorator-style helpers (Flask's `add_url_rule`); how class-based views
   * are registered.
   *
   * @example
   * ```ts
   * app.addUrlRule("/counter", { view: CounterView.asView("counter") });
   * ```
   */
  addUrlRule<P extends string>(rule: P, options: UrlRuleOptions<RouteParams<P>>): void {
    this.checkSetupFinished("addUrlRule");
    const view = options.view;
    const methods = [...new Set((options.methods ?? view.methods ?? ["GET"]).map((m) => m.toUpperCase()))];
    const endpoint = options.endpoint ?? endpointFromView(view) ?? derivedEndpoint(methods, rule);
    this.registerRoute({ rule, endpoint, handler: view, methods });
  }

  /**
   * Runs before each request (of this blueprint, for a blueprint); returning a value stops the request
   * with that response.
   *
   * @example
   * ```ts
   * app.beforeRequest(() => { if (!session.user && request.endpoint !== "login") return redirect(urlFor("login")); });
   * ```
   */
  beforeRequest<F extends BeforeRequestHook>(hook: F): F {
    this.checkSetupFinished("beforeRequest");
    this.beforeRequestFuncs.push(hook);
    return hook;
  }

  /**
   * Runs after the view with its response; must return a response.
   *
   * @example
   * ```ts
   * app.afterRequest((res) => { res.headers.set("X-Frame-Options", "DENY"); return res; });
   * ```
   */
  afterRequest<F extends AfterRequestHook>(hook: F): F {
    this.checkSetupFinished("afterRequest");
    this.afterRequestFuncs.push(hook);
    return hook;
  }

  /**
   * Runs at the very end of every request, even failed ones, with the unhandled error if any.
   *
   * @example
   * ```ts
   * app.teardownRequest((error) => { g.db?.close(); });
   * ```
   */
  teardownRequest<F extends TeardownHook>(hook: F): F {
    this.checkSetupFinished("teardownRequest");
    this.teardownRequestFuncs.push(hook);
    return hook;
  }

  /**
   * Handles errors by status code (`404`) or by class (the most specific registered class wins).
   *
   * @example
   * ```ts
   * app.errorHandler(404, () => ["not here", 404]);
   * app.errorHandler(ValidationFailed, (e) => [{ error: e.message }, 422]);
   * ```
   */
  errorHandler<E = HTTPExceptionLike>(codeOrClass: number | ErrorClass<E>, handler: ErrorHandler<E>): ErrorHandler<E> {
    this.checkSetupFinished("errorHandler");
    if (typeof codeOrClass === "number" && (codeOrClass < 400 || codeOrClass > 599)) {
      throw new RangeError(`errorHandler(${codeOrClass}): use a 4xx or 5xx status code or an error class`);
    }
    this.errorHandlerSpec.set(codeOrClass, handler);
    return handler;
  }

  /**
   * Adds variables to every template rendered (for a blueprint: rendered during its requests).
   * Explicit render arguments win over them.
   *
   * @example
   * ```ts
   * app.contextProcessor(() => ({ siteName: "Vial" }));
   * ```
   */
  contextProcessor<F extends () => Record<string, unknown>>(fn: F): F {
    this.checkSetupFinished("contextProcessor");
    this.templateContextProcessors.push(fn);
    return fn;
  }

  /**
   * Registers a template filter, named after the function unless a name is given (blueprints register app-wide).
   *
   * @example
   * ```ts
   * app.templateFilter("reverse", (s: string) => [...s].reverse().join(""));
   * ```
   */
  templateFilter<F extends TemplateHelper>(nameOrFn: string | F, fn?: F): F {
    this.checkSetupFinished("templateFilter");
    return registerHelper(this.templateFilters, nameOrFn, fn);
  }

  /**
   * Registers a template test (`{% if n is prime %}`).
   *
   * @example
   * ```ts
   * app.templateTest("prime", (n: number) => n > 1 && [...Array(n).keys()].slice(2).every((d) => n % d !== 0));
   * ```
   */
  templateTest<F extends TemplateHelper>(nameOrFn: string | F, fn?: F): F {
    this.checkSetupFinished("templateTest");
    return registerHelper(this.templateTests, nameOrFn, fn);
  }

  /**
   * Registers a template global function.
   *
   * @example
   * ```ts
   * app.templateGlobal("now", () => new Date().toISOString());
   * ```
   */
  templateGlobal<F extends TemplateHelper>(nameOrFn: string | F, fn?: F): F {
    this.checkSetupFinished("templateGlobal");
    return registerHelper(this.templateGlobals, nameOrFn, fn);
  }
}

function registerHelper<F extends TemplateHelper>(table: Record<string, unknown>, nameOrFn: string | F, fn?: F): F {
  const helper = typeof nameOrFn === "function" ? nameOrFn : fn;
  const name = typeof nameOrFn === "string" ? nameOrFn : helper?.name;
  if (typeof helper !== "function" || !name) throw new TypeError("a template helper needs a function and a name (pass the name when the function is anonymous)");
  table[name] = helper;
  return helper;
}

/** The error shape a status-code handler receives by default (an `HTTPException`). */
type HTTPExceptionLike = HTTPException;

function endpointFromView(view: { name: string }): string | undefined {
  const name = view.name.replace(/^bound /, "");
  return name === "" || name === "anonymous" ? undefined : name;
}

function derivedEndpoint(methods: readonly string[], rule: string): string {
  const words = rule
    .replace(/<(?:[^:>]*:)?([^>]+)>/g, "$1")
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean);
  return [...methods.map((m) => m.toLowerCase()), ...(words.length > 0 ? words : ["index"])].join("_");
}
