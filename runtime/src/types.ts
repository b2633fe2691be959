import type { Response, ResponseReturn } from "./response.js";

/**
 * The type a converter gives its parameter: `int` and `float` are numbers, built-in text converters are
 * strings, custom converters are `unknown` (narrow them in the view).
 *
 * @example
 * ```ts
 * type N = ConverterValue<"int">; // number
 * ```
 */
export type ConverterValue<C extends string> = C extends "int" | "float" | `int(${string})` | `float(${string})`
  ? number
  : C extends "string" | "default" | "path" | "uuid" | `string(${string})` | `any(${string})`
    ? string
    : unknown;

type VariableParam<V extends string> = V extends `${infer C}:${infer N}` ? { [K in N]: ConverterValue<C> } : { [K in V]: string };

type ExtractParams<P extends string> = P extends `${string}<${infer V}>${infer Rest}` ? VariableParam<V> & ExtractParams<Rest> : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The parameters a rule string gives its view: `RouteParams<"/user/<int:id>">` is `{ id: number }`.
 *
 * @example
 * ```ts
 * app.get("/posts/<int:year>/<slug>", ({ year, slug }) => `${slug} (${year + 0})`);
 * ```
 */
export type RouteParams<P extends string> = string extends P
  ? Record<string, unknown>
  : P extends `${string}<${string}>${string}`
    ? Simplify<ExtractParams<P>>
    : Record<string, never>;

/**
 * A view function: receives the URL parameters, returns anything `makeResponse` accepts (or a promise).
 *
 * @example
 * ```ts
 * const show: Handler<{ id: number }> = ({ id }) => ({ id });
 * ```
 */
export type Handler<P = Record<string, unknown>> = (params: P) => ResponseReturn | Promise<ResponseReturn>;

/**
 * A `beforeRequest` hook: return nothing to continue, or a response value to stop the request there.
 *
 * @example
 * ```ts
 * const requireLogin: BeforeRequestHook = () => (session.user ? undefined : redirect("/login"));
 * ```
 */
export type BeforeRequestHook = () => ResponseReturn | void | undefined | Promise<ResponseReturn | void | undefined>;

/**
 * An `afterRequest` hook: receives the response and returns it (or a replacement).
 *
 * @example
 * ```ts
 * const noSniff: AfterRequestHook = (res) => { res.headers.set("X-Content-Type-Options", "nosniff"); return res; };
 * ```
 */
export type AfterRequestHook = (response: Response) => Response | Promise<Response>;

/**
 * A `teardownRequest` hook: always runs last, with the error that ended the request, if any.
 *
 * @example
 * ```ts
 * const closeDb: TeardownHook = () => { g.db?.close(); };
 * ```
 */
export type TeardownHook = (error: unknown) => void | Promise<void>;

/**
 * An error handler: receives the error, returns a response value.
 *
 * @example
 * ```ts
 * const notFound: ErrorHandler<HTTPException> = (e) => [{ error: e.description }, 404];
 * ```
 */
export type ErrorHandler<E = unknown> = (error: E) => ResponseReturn | Promise<ResponseReturn>;

/**
 * A class of errors an error handler can be registered for.
 *
 * @example
 * ```ts
 * class PaymentError extends Error {}
 * const key: ErrorClass<PaymentError> = PaymentError;
 * ```
 */
export type ErrorClass<E = Error> = abstract new (...args: any[]) => E;

/**
 * Options shared by `route` and `addUrlRule`.
 *
 * @example
 * ```ts
 * app.route("/items", { methods: ["GET", "POST"], endpoint: "items" }, handler);
 * ```
 */
export interface RouteOptions {
  methods?: readonly string[];
  endpoint?: string;
}
