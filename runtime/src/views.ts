import { MethodNotAllowed } from "./exceptions.js";
import { request } from "./globals.js";
import type { ResponseReturn } from "./response.js";
import type { Handler } from "./types.js";

/**
 * The function `asView` returns: a view that builds the class per request, carrying the class and its
 * methods so `addUrlRule` registers the right ones.
 *
 * @example
 * ```ts
 * const view: ClassView = ItemsView.asView("items");
 * view.viewClass === ItemsView;
 * ```
 */
export type ClassView = Handler & { viewClass: typeof View; methods: readonly string[] | undefined };

/**
 * A class-based view (Flask's `View`): override `dispatchRequest`. A new instance handles each request,
 * built with the arguments given to `asView`.
 *
 * @example
 * ```ts
 * class Hello extends View {
 *   constructor(private greeting: string) { super(); }
 *   override dispatchRequest() { return `${this.greeting}!`; }
 * }
 * app.addUrlRule("/hello", { view: Hello.asView("hello", "Hi") });
 * ```
 */
export class View {
  /** Methods the view accepts; default GET. */
  static methods: readonly string[] | undefined = undefined;
  /** Functions wrapped around the generated view, innermost first. */
  static decorators: Array<(view: Handler) => Handler> = [];

  dispatchRequest(params: Record<string, unknown>): ResponseReturn | Promise<ResponseReturn> {
    void params;
    throw new Error(`${this.constructor.name} must implement dispatchRequest()`);
  }

  /**
   * Turns the class into a view function registered under `name`.
   *
   * @example
   * ```ts
   * app.addUrlRule("/users/<int:id>", { view: UserView.asView("user") });
   * ```
   */
  static asView<A extends any[]>(this: (new (...args: A) => View) & Pick<typeof View, "methods" | "decorators" | "defaultMethods">, name: string, ...args: A): ClassView {
    let view: Handler = (params) => new this(...args).dispatchRequest(params);
    for (const decorate of this.decorators) view = decorate(view);
    Object.defineProperty(view, "name", { value: name });
    return Object.assign(view, { viewClass: this as unknown as typeof View, methods: this.methods ?? this.defaultMethods() });
  }

  /** The methods used when the class sets no `methods`. */
  static defaultMethods(): readonly string[] | undefined {
    return undefined;
  }
}

const HTTP_METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;

/**
 * A class-based view that dispatches to a method named after the HTTP method (Flask's `MethodView`);
 * `head` falls back to `get`, and the accepted methods are the ones the class defines.
 *
 * @example
 * ```ts
 * class ItemView extends MethodView {
 *   get({ id }: { id: number }) { return { id }; }
 *   delete() { return ["", 204]; }
 * }
 * app.addUrlRule("/items/<int:id>", { view: ItemView.asView("item") });
 * ```
 */
export class MethodView extends View {
  static override defaultMethods(): readonly string[] {
    const found = HTTP_METHODS.filter((m) => typeof (this.prototype as unknown as Record<string, unknown>)[m] === "function");
    return found.map((m) => m.toUpperCase());
  }

  override dispatchRequest(params: Record<string, unknown>): ResponseReturn | Promise<ResponseReturn> {
    const self = this as unknown as Record<string, ((p: Record<string, unknown>) => ResponseReturn | Promise<ResponseReturn>) | undefined>;
    const method = request.method.toLowerCase();
    const fn = self[method] ?? (method === "head" ? self.get : undefined);
    if (typeof fn !== "function") throw new MethodNotAllowed([...((this.constructor as typeof MethodView).methods ?? (this.constructor as typeof MethodView).defaultMethods())]);
    return fn.call(this, params);
  }
}
