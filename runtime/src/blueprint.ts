import type { Vial } from "./app.js";
import { Scaffold, type RouteDefinition } from "./scaffold.js";
import type { AfterRequestHook, BeforeRequestHook, ErrorClass, ErrorHandler, TeardownHook } from "./types.js";

/**
 * Options of `registerBlueprint`: override the blueprint's prefix or register it again under another name.
 *
 * @example
 * ```ts
 * app.registerBlueprint(api, { urlPrefix: "/v2", name: "api_v2" });
 * ```
 */
export interface BlueprintRegisterOptions {
  urlPrefix?: string;
  name?: string;
}

/**
 * What a blueprint's deferred functions receive when it is registered (Flask's `BlueprintSetupState`).
 *
 * @example
 * ```ts
 * bp.record((state) => state.app.config.API_ENABLED = true);
 * ```
 */
export interface BlueprintSetupState {
  readonly app: Vial;
  readonly blueprint: Blueprint;
  /** The dotted name the blueprint is registered under (`parent.child`). */
  readonly name: string;
  readonly urlPrefix: string | undefined;
  /** The scaffolds whose hooks apply to this blueprint's routes: the app, parents, then this one. */
  readonly chain: readonly Scaffold[];
  addUrlRule(definition: RouteDefinition): void;
}

/**
 * Options of `new Blueprint(name, options)`.
 *
 * @example
 * ```ts
 * new Blueprint("admin", { urlPrefix: "/admin", root: import.meta.dirname, templateFolder: "templates" });
 * ```
 */
export interface BlueprintOptions {
  urlPrefix?: string;
  root?: string;
  templateFolder?: string;
  /** A folder of files served at `<urlPrefix><staticUrlPath>/<path:filename>`, endpoint `name.static`. */
  staticFolder?: string;
  /** Default: `/` + the folder's name. */
  staticUrlPath?: string;
}

/**
 * A group of routes, hooks and error handlers registered on an app under a name and URL prefix
 * (Flask's `Blueprint`). Endpoints become `name.endpoint`; blueprints can be nested.
 *
 * @example
 * ```ts
 * const api = new Blueprint("api", { urlPrefix: "/api" });
 * api.get("/ping", function ping() { return { ok: true }; });
 * app.registerBlueprint(api); // GET /api/ping, urlFor("api.ping")
 * ```
 */
export class Blueprint extends Scaffold {
  readonly urlPrefix: string | undefined;
  readonly deferredFunctions: Array<(state: BlueprintSetupState) => void> = [];
  readonly children: Array<[Blueprint, BlueprintRegisterOptions]> = [];
  #registered = false;

  constructor(name: string, options: BlueprintOptions = {}) {
    super(name, options);
    if (name === "" || name.includes(".")) throw new Error(`'name' may not be empty or contain a dot '.' character: ${JSON.stringify(name)}`);
    this.urlPrefix = options.urlPrefix;
    if (options.staticFolder !== undefined) {
      this.addStaticRoute(options.staticFolder, options.staticUrlPath ?? `/${options.staticFolder.split(/[\\/]/).filter(Boolean).pop() ?? "static"}`);
    }
  }

  protected override checkSetupFinished(method: string): void {
    if (this.#registered) {
      throw new Error(
        `The setup method '${method}' can no longer be called on the blueprint '${this.name}'. It has already been registered at least once, any changes will not be applied consistently.\nMake sure all imports, decorators, functions, etc. needed to set up the blueprint are done before registering it.`,
      );
    }
  }

  protected override registerRoute(definition: RouteDefinition): void {
    if (definition.endpoint.includes(".")) throw new Error(`'endpoint' may not contain a dot '.' character: ${definition.endpoint}`);
    this.record((state) => state.addUrlRule(definition));
  }

  /**
   * Defers a function until the blueprint is registered (Flask's `record`).
   *
   * @example
   * ```ts
   * bp.record((state) => { state.app.extensions.myBlueprintLoaded = true; });
   * ```
   */
  record(fn: (state: BlueprintSetupState) => void): void {
    this.checkSetupFinished("record");
    this.deferredFunctions.push(fn);
  }

  /**
   * Nests a blueprint: its name and prefix are appended to this one's.
   *
   * @example
   * ```ts
   * parent.registerBlueprint(child); // endpoints "parent.child.x", URLs "/parent/child/x"
   * ```
   */
  registerBlueprint(blueprint: Blueprint, options: BlueprintRegisterOptions = {}): void {
    this.checkSetupFinished("registerBlueprint");
    if (blueprint === this) throw new Error("Cannot register a blueprint on itself");
    this.children.push([blueprint, options]);
  }

  /** @example `admin.beforeAppRequest(() => { g.adminLoaded = true; });` */
  beforeAppRequest<F extends BeforeRequestHook>(hook: F): F {
    this.record((state) => state.app.beforeRequest(hook));
    return hook;
  }

  /** @example `admin.afterAppRequest((res) => res);` */
  afterAppRequest<F extends AfterRequestHook>(hook: F): F {
    this.record((state) => state.app.afterRequest(hook));
    return hook;
  }

  /** @example `admin.teardownAppRequest(() => {});` */
  teardownAppRequest<F extends TeardownHook>(hook: F): F {
    this.record((state) => state.app.teardownRequest(hook));
    return hook;
  }

  /** Registers an error handler on the app, for every request. @example `bp.appErrorHandler(404, () => ["gone", 404]);` */
  appErrorHandler<E>(codeOrClass: number | ErrorClass<E>, handler: ErrorHandler<E>): ErrorHandler<E> {
    this.record((state) => state.app.errorHandler(codeOrClass, handler));
    return handler;
  }

  /**
   * Called by `app.registerBlueprint`: runs the deferred functions with this registration's state, then
   * registers nested blueprints.
   *
   * @example
   * ```ts
   * blueprint.register(app, {}, undefined);
   * ```
   */
  register(app: Vial, options: BlueprintRegisterOptions, parent: BlueprintSetupState | undefined): BlueprintSetupState {
    const ownName = options.name ?? this.name;
    const name = parent === undefined ? ownName : `${parent.name}.${ownName}`;
    const prefix = joinPrefix(parent?.urlPrefix, options.urlPrefix ?? this.urlPrefix);
    const chain = [...(parent?.chain ?? [app]), this];
    const state: BlueprintSetupState = {
      app,
      blueprint: this,
      name,
      urlPrefix: prefix,
      chain,
      addUrlRule: (definition) => {
        const rule = prefix === undefined ? definition.rule : definition.rule === "" ? prefix : `${prefix.replace(/\/+$/, "")}/${definition.rule.replace(/^\/+/, "")}`;
        app.addRoute({ ...definition, rule, endpoint: `${name}.${definition.endpoint}` }, chain);
      },
    };
    app.addBlueprintName(name, this);
    for (const fn of this.deferredFunctions) fn(state);
    this.#registered = true;
    for (const [child, childOptions] of this.children) child.register(app, childOptions, state);
    return state;
  }
}

function joinPrefix(parent: string | undefined, own: string | undefined): string | undefined {
  if (parent === undefined) return own;
  if (own === undefined) return parent;
  return `${parent.replace(/\/+$/, "")}/${own.replace(/^\/+/, "")}`;
}
