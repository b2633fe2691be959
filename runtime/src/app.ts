import { nodeFileReader } from "./adapter/node-files.js";
import type { ListeningServer, ListenOptions } from "./adapter/node.js";
import type { Blueprint, BlueprintRegisterOptions } from "./blueprint.js";
import { Config } from "./config.js";
import { bindToContext, currentContext, enterContext, leaveContext, RequestContext, runWithContext } from "./context.js";
import { renderDebugPage } from "./debug-page.js";
import { HTTPException, InternalServerError, MethodNotAllowed, NotFound, RequestRedirect } from "./exceptions.js";
import type { FileReader } from "./files.js";
import { buildPipeline, findErrorHandler, runAfter, runBefore, runTeardown, type Pipeline } from "./hooks.js";
import { DefaultJSONProvider, type JSONProvider } from "./json.js";
import { VialRequest, webRequestSource, type RequestSource } from "./request.js";
import { Response, toResponse, type ResponseReturn } from "./response.js";
import { createRouter, defaultConverters, parseRule, type ConverterSpec, type ParsedRule, type Router, type RouterKind } from "./router/index.js";
import { Scaffold, type RouteDefinition } from "./scaffold.js";
import { SecureCookieSessionInterface, type SessionInterface } from "./sessions.js";
import { gotRequestException, requestFinished, requestStarted } from "./signals.js";
import { TestClient } from "./testing.js";
import { BuildError, buildPath, type BuildRule, type UrlForValues } from "./url-for.js";

/**
 * Options of `new Vial(...)`.
 *
 * @example
 * ```ts
 * new Vial({ root: import.meta.dirname, staticFolder: "public", staticUrlPath: "/assets" });
 * ```
 */
export interface VialOptions {
  /** Folder holding `templates/` and `static/`; default: the current directory. */
  root?: string;
  name?: string;
  /** Folder served at `staticUrlPath` (default "static"); `null` turns the static route off. */
  staticFolder?: string | null;
  staticUrlPath?: string;
  templateFolder?: string | null;
  /** Where files are read from (default: Node's file system). */
  files?: FileReader;
  /** Which router matches requests (default "trie": a radix tree, the fastest on large tables). */
  router?: RouterKind;
}

/**
 * One row of `app.urlMap()` (what `vial routes` prints).
 *
 * @example
 * ```ts
 * const row: UrlMapEntry = { endpoint: "index", methods: ["GET"], rule: "/" };
 * ```
 */
export interface UrlMapEntry {
  endpoint: string;
  methods: string[];
  rule: string;
}

interface RouteRecord extends BuildRule {
  readonly endpoint: string;
  readonly handler: RouteDefinition["handler"];
  readonly chain: readonly Scaffold[];
  pipeline: Pipeline;
}

const EMPTY_PIPELINE = buildPipeline([]);

function isThenable(value: unknown): value is PromiseLike<ResponseReturn> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

const SETUP_FINISHED = (method: string): string =>
  `The setup method '${method}' can no longer be called on the application. It has already handled its first request, any changes will not be applied consistently.\nMake sure all imports, decorators, functions, etc. needed to set up the application are done before running it.`;

/**
 * The application (Flask's `Flask`): the registry of routes, blueprints, hooks and config, and the
 * dispatcher behind `fetch`. Routes may only be added before the first request, as in Flask.
 *
 * @example
 * ```ts
 * export const app = new Vial({ root: import.meta.dirname });
 * app.get("/", () => "Hello");
 * await app.listen({ port: 5000, host: "127.0.0.1" });
 * ```
 */
export class Vial extends Scaffold {
  readonly config: Config;
  /** Converters usable in rules (`<name:var>`); add custom ones before registering the routes that use them. */
  readonly converters: Record<string, ConverterSpec> = { ...defaultConverters };
  json: JSONProvider = new DefaultJSONProvider();
  sessionInterface: SessionInterface = new SecureCookieSessionInterface();
  files: FileReader;
  logger: Pick<Console, "error" | "warn" | "info"> = console;
  /** Blueprints by registered (dotted) name, in registration order. */
  readonly blueprints = new Map<string, Blueprint>();
  /** Per-extension state, keyed by extension name (Flask's `app.extensions`). */
  readonly extensions: Record<string, unknown> = {};
  readonly staticFolder: string | null;
  readonly staticUrlPath: string;

  readonly #router: Router<RouteRecord>;
  readonly #records: RouteRecord[] = [];
  readonly #byEndpoint = new Map<string, RouteRecord[]>();
  readonly #views = new Map<string, RouteDefinition["handler"]>();
  readonly #servers = new Set<ListeningServer>();
  readonly #jsonProvider = (): JSONProvider => this.json;
  #appPipeline: Pipeline | undefined;

  constructor(options: VialOptions = {}) {
    super(options.name ?? "app", { root: options.root, templateFolder: options.templateFolder === undefined ? "templates" : options.templateFolder });
    this.#router = createRouter<RouteRecord>(options.router ?? "trie");
    this.files = options.files ?? nodeFileReader;
    this.config = new Config({ root: this.root, read: (path) => this.files.readTextSync(path) });
    if (globalThis.process?.env?.VIAL_DEBUG === "1") this.config.DEBUG = true;
    this.staticFolder = options.staticFolder === undefined ? "static" : options.staticFolder;
    this.staticUrlPath = (options.staticUrlPath ?? "/static").replace(/\/+$/, "");
    if (this.staticFolder !== null) this.addStaticRoute(this.staticFolder, this.staticUrlPath);
  }

  get debug(): boolean {
    return this.config.DEBUG;
  }

  set debug(value: boolean) {
    this.config.DEBUG = value;
  }

  get testing(): boolean {
    return this.config.TESTING;
  }

  set testing(value: boolean) {
    this.config.TESTING = value;
  }

  /** True once the first request was handled; setup methods throw from then on. */
  get frozen(): boolean {
    return this.#appPipeline !== undefined;
  }

  protected override checkSetupFinished(method: string): void {
    if (this.frozen) throw new Error(SETUP_FINISHED(method));
  }

  protected override registerRoute(definition: RouteDefinition): void {
    this.addRoute(definition, [this]);
  }

  /**
   * Adds a fully resolved route (blueprints call this with their prefix, name and hook chain applied).
   *
   * @example
   * ```ts
   * app.addRoute({ rule: "/x", endpoint: "x", handler: () => "x", methods: ["GET"] }, [app]);
   * ```
   */
  addRoute(definition: RouteDefinition, chain: readonly Scaffold[]): void {
    this.checkSetupFinished("addUrlRule");
    const { endpoint, handler } = definition;
    const existing = this.#views.get(endpoint);
    if (existing !== undefined && existing !== handler) {
      throw new Error(`View function mapping is overwriting an existing endpoint function: ${endpoint}. Give the route a unique name with { endpoint: "..." } or rename the function.`);
    }
    const rule: ParsedRule = parseRule(definition.rule, this.converters);
    const methods = [...definition.methods];
    if (methods.includes("GET") && !methods.includes("HEAD")) methods.push("HEAD");
    const record: RouteRecord = { endpoint, handler, rule, methods, chain, pipeline: EMPTY_PIPELINE };
    for (const method of methods) this.#router.add(method, rule, record);
    this.#views.set(endpoint, handler);
    this.#records.push(record);
    this.#byEndpoint.set(endpoint, [...(this.#byEndpoint.get(endpoint) ?? []), record]);
  }

  /**
   * Registers a blueprint's routes, hooks and nested blueprints (Flask's `register_blueprint`).
   *
   * @example
   * ```ts
   * app.registerBlueprint(api, { urlPrefix: "/api/v1" });
   * ```
   */
  registerBlueprint(blueprint: Blueprint, options: BlueprintRegisterOptions = {}): void {
    this.checkSetupFinished("registerBlueprint");
    blueprint.register(this, options, undefined);
  }

  /**
   * Records a blueprint under its dotted name; a name can only be used once.
   *
   * @example
   * ```ts
   * app.addBlueprintName("api", api);
   * ```
   */
  addBlueprintName(name: string, blueprint: Blueprint): void {
    const existing = this.blueprints.get(name);
    if (existing !== undefined) {
      const whose = existing === blueprint ? "this" : "a different";
      throw new Error(`The name '${name}' is already registered for ${whose} blueprint. Use { name: "..." } to provide a unique name.`);
    }
    this.blueprints.set(name, blueprint);
  }

  /**
   * Every rule in registration order: endpoint, methods (as registered) and rule.
   *
   * @example
   * ```ts
   * for (const r of app.urlMap()) console.log(r.endpoint, r.methods.join(","), r.rule);
   * ```
   */
  urlMap(): UrlMapEntry[] {
    return this.#records.map((r) => ({ endpoint: r.endpoint, methods: r.methods.filter((m) => m !== "HEAD" || !r.methods.includes("GET")), rule: r.rule.rule }));
  }

  /**
   * Builds a URL for an endpoint of this app (what the `urlFor` helper calls). `.name` is relative to the
   * current request's blueprint.
   *
   * @example
   * ```ts
   * app.appContext(() => app.urlFor("user", { id: 7 })); // "/user/7"
   * ```
   */
  urlFor(endpoint: string, values: UrlForValues = {}): string {
    const ctx = currentContext();
    const request = ctx?.app === this ? ctx.request : undefined;
    let name = endpoint;
    if (name.startsWith(".")) {
      const blueprint = request?.blueprint;
      name = blueprint === undefined ? name.slice(1) : `${blueprint}${name}`;
    }
    const path = buildPath(name, this.#byEndpoint.get(name) ?? [], values);
    if (!values._external && values._scheme === undefined) return path;
    const scheme = values._scheme ?? request?.scheme ?? this.config.PREFERRED_URL_SCHEME;
    const host = request?.host ?? this.config.SERVER_NAME;
    if (!host) throw new BuildError("Unable to build an external URL outside a request: set SERVER_NAME in app.config.");
    return `${scheme}://${host}${path}`;
  }

  /**
   * Runs `fn` in an application context (`currentApp`, `g`, `urlFor` work; `request` does not).
   *
   * @example
   * ```ts
   * const url = app.appContext(() => urlFor("index"));
   * ```
   */
  appContext<T>(fn: () => T): T {
    return runWithContext(new RequestContext(this, undefined), fn);
  }

  /**
   * Runs `fn` as if handling a request to `url` (Flask's `test_request_context`), without dispatching.
   *
   * @example
   * ```ts
   * app.testRequestContext("/search?q=vial", {}, () => request.args.get("q")); // "vial"
   * ```
   */
  testRequestContext<T>(url: string, init: RequestInit, fn: () => T): T {
    const request = new VialRequest(webRequestSource(new globalThis.Request(new URL(url, "http://localhost"), init)), this.#jsonProvider);
    this.#route(request);
    return runWithContext(new RequestContext(this, request), fn);
  }

  /**
   * A client that sends requests through `fetch` in-process and keeps cookies, like Flask's test client.
   *
   * @example
   * ```ts
   * const res = await app.testClient().get("/"); // { status, headers, text, json, cookies }
   * ```
   */
  testClient(): TestClient {
    return new TestClient(this);
  }

  /**
   * THE dispatch entry (web standard): the Node adapter and the test client both end up here.
   *
   * @example
   * ```ts
   * const res = await app.fetch(new Request("http://localhost/"));
   * ```
   */
  async fetch(req: globalThis.Request, info: { remoteAddr?: string } = {}): Promise<globalThis.Response> {
    const response = await this.handle(webRequestSource(req, info.remoteAddr));
    return response.toWeb(req.method === "HEAD");
  }

  /**
   * Dispatches one request from any source. Returns synchronously when nothing needed to wait (no
   * hooks, no body, no session, a sync view): the Node adapter's fast path.
   *
   * @example
   * ```ts
   * const out = app.handle(source);
   * const response = out instanceof Promise ? await out : out;
   * ```
   */
  handle(source: RequestSource): Response | Promise<Response> {
    if (this.#appPipeline === undefined) this.#freeze();
    const request = new VialRequest(source, this.#jsonProvider);
    const ctx = new RequestContext(this, request);
    const previous = enterContext(ctx);
    try {
      return this.#dispatch(ctx, request);
    } finally {
      leaveContext(previous);
    }
  }

  /**
   * Serves the app over HTTP with `node:http` (loaded only when called).
   *
   * @example
   * ```ts
   * const server = await app.listen({ port: 0, host: "127.0.0.1" });
   * console.log(server.port);
   * ```
   */
  async listen(options: ListenOptions = {}): Promise<ListeningServer> {
    const { serve } = await import("./adapter/node.js");
    const server = await serve(this, options);
    this.#servers.add(server);
    return server;
  }

  /** Stops every server started by `listen`. @example `await app.close();` */
  async close(): Promise<void> {
    const servers = [...this.#servers];
    this.#servers.clear();
    await Promise.all(servers.map((s) => s.close()));
  }

  // Hooks may be added after the routes they apply to, so pipelines are built once, at the first request.
  #freeze(): void {
    for (const record of this.#records) record.pipeline = buildPipeline(record.chain);
    this.#appPipeline = buildPipeline([this]);
  }

  #dispatch(ctx: RequestContext, request: VialRequest): Response | Promise<Response> {
    if (requestStarted.hasReceivers) requestStarted.send(this, { request });
    const route = this.#route(request);
    const pipeline = route?.pipeline ?? (this.#appPipeline as Pipeline);
    if (route === undefined || !pipeline.empty || this.sessionInterface.hasSession(this, request)) {
      return this.#run(ctx, pipeline, () => this.#view(ctx, request, route, pipeline));
    }
    if (request.hasBody) {
      return request.loadBody(this.config).then(
        () => this.#callView(ctx, pipeline, route, request),
        (error: unknown) => this.#run(ctx, pipeline, () => Promise.reject(error)),
      );
    }
    return this.#callView(ctx, pipeline, route, request);
  }

  // The fast path: a route with no hooks and no session, its body (if any) already read.
  #callView(ctx: RequestContext, pipeline: Pipeline, route: RouteRecord, request: VialRequest): Response | Promise<Response> {
    let rv: ResponseReturn | Promise<ResponseReturn>;
    try {
      rv = route.handler(request.viewArgs);
    } catch (error) {
      return this.#run(ctx, pipeline, () => Promise.reject(error));
    }
    if (isThenable(rv)) return Promise.resolve(rv).then((value) => this.#complete(ctx, pipeline, value), (error) => this.#run(ctx, pipeline, () => Promise.reject(error)));
    return this.#complete(ctx, pipeline, rv);
  }

  // The end of the fast path: nothing to wait for unless the view touched the session.
  #complete(ctx: RequestContext, pipeline: Pipeline, rv: ResponseReturn): Response | Promise<Response> {
    let response: Response;
    try {
      response = toResponse(rv, this.json);
      response.body = bindToContext(response.body, ctx);
    } catch (error) {
      return this.#run(ctx, pipeline, () => Promise.reject(error));
    }
    if (ctx.session !== undefined) return this.#run(ctx, pipeline, async () => response);
    if (requestFinished.hasReceivers) requestFinished.send(this, { request: ctx.request as VialRequest, response });
    return response;
  }

  async #view(ctx: RequestContext, request: VialRequest, route: RouteRecord | undefined, pipeline: Pipeline): Promise<ResponseReturn> {
    if (request.hasBody) await request.loadBody(this.config);
    if (this.sessionInterface.hasSession(this, request)) ctx.session = await this.sessionInterface.openSession(this, request);
    const early = await runBefore(pipeline);
    if (early !== undefined) return early;
    if (route === undefined) throw request.routingException;
    return route.handler(request.viewArgs);
  }

  async #run(ctx: RequestContext, pipeline: Pipeline, view: () => Promise<ResponseReturn>): Promise<Response> {
    let response: Response;
    let failure: unknown;
    try {
      let rv: ResponseReturn;
      try {
        rv = await view();
      } catch (error) {
        rv = await this.#handleUserException(ctx, pipeline, error);
      }
      response = await this.#finalize(ctx, pipeline, rv, false);
    } catch (error) {
      failure = error;
      response = await this.#handleException(ctx, pipeline, error);
    }
    await runTeardown(pipeline, failure, this.logger);
    if (requestFinished.hasReceivers) requestFinished.send(this, { request: ctx.request as VialRequest, response });
    return response;
  }

  async #handleUserException(ctx: RequestContext, pipeline: Pipeline, error: unknown): Promise<ResponseReturn> {
    const accept = ctx.request?.header("accept");
    if (error instanceof RequestRedirect) return error.getResponse(accept);
    const handler = findErrorHandler(pipeline, error);
    if (handler !== undefined) return handler(error);
    if (error instanceof HTTPException) return error.getResponse(accept);
    throw error;
  }

  async #handleException(ctx: RequestContext, pipeline: Pipeline, error: unknown): Promise<Response> {
    const request = ctx.request as VialRequest;
    if (gotRequestException.hasReceivers) gotRequestException.send(this, { request, exception: error });
    this.logger.error(`Exception on ${request.rawPath} [${request.method}]`, error);
    const server = new InternalServerError(undefined, error);
    try {
      const handler = findErrorHandler(pipeline, server);
      const rv = handler !== undefined ? await handler(server) : this.debug ? this.#debugPage(error, request) : server.getResponse(request.header("accept"));
      return await this.#finalize(ctx, pipeline, rv, true);
    } catch (failure) {
      this.logger.error("Handling the previous exception failed too:", failure);
      return server.getResponse(request.header("accept"));
    }
  }

  #debugPage(error: unknown, request: VialRequest): Response {
    const sourceLines = (file: string): string[] | undefined => this.files.readTextSync(file)?.split("\n");
    return new Response(renderDebugPage(error, request.webRequest, { sourceLines }), { status: 500 });
  }

  async #finalize(ctx: RequestContext, pipeline: Pipeline, rv: ResponseReturn, fromErrorHandler: boolean): Promise<Response> {
    let response = toResponse(rv, this.json);
    response.body = bindToContext(response.body, ctx);
    try {
      if (pipeline.after.length > 0) response = await runAfter(pipeline, response);
    } catch (error) {
      if (!fromErrorHandler) throw error;
      this.logger.error("An afterRequest hook failed while handling an error:", error);
    }
    if (ctx.session !== undefined) await this.sessionInterface.saveSession(this, ctx.session, response);
    return response;
  }

  #route(request: VialRequest): RouteRecord | undefined {
    let path: string;
    try {
      path = request.path;
    } catch (error) {
      request.routingException = error as Error;
      return undefined;
    }
    const match = this.#router.match(request.method, path);
    switch (match.type) {
      case "found":
        request.endpoint = match.value.endpoint;
        request.viewArgs = match.params;
        return match.value;
      case "redirect": {
        const query = request.queryString;
        // A leading "//" would make the Location protocol-relative (another host), so it is collapsed.
        request.routingException = new RequestRedirect(`${request.rawPath.replace(/^\/+/, "/")}/${query ? `?${query}` : ""}`);
        return undefined;
      }
      case "methodNotAllowed": {
        const allowed = [...new Set([...match.allowed, "OPTIONS"])].sort();
        if (request.method === "OPTIONS") return this.#optionsRoute(allowed);
        request.routingException = new MethodNotAllowed(allowed);
        return undefined;
      }
      default:
        request.routingException = this.#mergedSlashes(request, path) ?? new NotFound();
        return undefined;
    }
  }

  // Werkzeug's merge_slashes: `/a//b` redirects to `/a/b` when that path exists.
  #mergedSlashes(request: VialRequest, path: string): RequestRedirect | undefined {
    // Only slashes the client typed: encoded ones (%2F) would redirect to the very same URL.
    if (!request.rawPath.includes("//")) return undefined;
    const merged = path.replace(/\/{2,}/g, "/");
    if (this.#router.match(request.method, merged).type === "notFound") return undefined;
    const query = request.queryString;
    return new RequestRedirect(`${request.rawPath.replace(/\/{2,}/g, "/")}${query ? `?${query}` : ""}`);
  }

  // Flask's automatic OPTIONS: an empty 200 listing the methods the path accepts.
  #optionsRoute(allowed: string[]): RouteRecord {
    const pipeline = this.#appPipeline ?? buildPipeline([this]);
    const handler = (): Response => new Response("", { headers: { Allow: allowed.join(", ") } });
    return { endpoint: "", handler, rule: parseRule("/", this.converters), methods: ["OPTIONS"], chain: [this], pipeline };
  }
}
