import { HTTPException } from "./exceptions.js";
import type { Response, ResponseReturn } from "./response.js";
import type { Scaffold } from "./scaffold.js";
import type { AfterRequestHook, BeforeRequestHook, ErrorHandler, TeardownHook } from "./types.js";

/**
 * The hooks one route runs, flattened once when the app handles its first request (Hono's compose):
 * `before` app-first then outer to inner blueprint; `after` and `teardown` inner blueprint first, each
 * list newest-first, app last (Flask's order). `empty` lets dispatch skip the whole pipeline.
 *
 * @example
 * ```ts
 * const pipeline = buildPipeline([app, adminBlueprint]);
 * if (pipeline.empty) fastPath();
 * ```
 */
export interface Pipeline {
  readonly before: readonly BeforeRequestHook[];
  readonly after: readonly AfterRequestHook[];
  readonly teardown: readonly TeardownHook[];
  /** Where error handlers are looked up: innermost blueprint first, the app last. */
  readonly scaffolds: readonly Scaffold[];
  readonly empty: boolean;
}

/**
 * Flattens the hooks of a scaffold chain (`[app, outerBlueprint, innerBlueprint]`).
 *
 * @example
 * ```ts
 * buildPipeline([app]);
 * ```
 */
export function buildPipeline(chain: readonly Scaffold[]): Pipeline {
  const inner = [...chain].reverse();
  const before = chain.flatMap((s) => s.beforeRequestFuncs);
  const after = inner.flatMap((s) => [...s.afterRequestFuncs].reverse());
  const teardown = inner.flatMap((s) => [...s.teardownRequestFuncs].reverse());
  return { before, after, teardown, scaffolds: inner, empty: before.length + after.length + teardown.length === 0 };
}

/**
 * Runs `before` hooks in order; the first that returns a value ends the request with it.
 *
 * @example
 * ```ts
 * const early = await runBefore(pipeline);
 * ```
 */
export async function runBefore(pipeline: Pipeline): Promise<ResponseReturn | undefined> {
  for (const hook of pipeline.before) {
    const rv = await hook();
    if (rv !== undefined && rv !== null) return rv;
  }
  return undefined;
}

/**
 * Passes the response through every `after` hook; each must return a response.
 *
 * @example
 * ```ts
 * response = await runAfter(pipeline, response);
 * ```
 */
export async function runAfter(pipeline: Pipeline, response: Response): Promise<Response> {
  let current = response;
  for (const hook of pipeline.after) {
    const next = await hook(current);
    if (next === undefined || next === null) throw new TypeError(`the afterRequest hook ${hook.name || "(anonymous)"} must return the response`);
    current = next;
  }
  return current;
}

/**
 * Runs every teardown hook with the error that ended the request; a failing hook is reported and the
 * others still run.
 *
 * @example
 * ```ts
 * await runTeardown(pipeline, undefined, console);
 * ```
 */
export async function runTeardown(pipeline: Pipeline, error: unknown, logger: Pick<Console, "error">): Promise<void> {
  for (const hook of pipeline.teardown) {
    try {
      await hook(error);
    } catch (failure) {
      logger.error(`teardownRequest hook ${hook.name || "(anonymous)"} failed:`, failure);
    }
  }
}

/**
 * Finds the error handler for `error`: for an `HTTPException` first by status code, then by class; for
 * each, blueprints before the app; for classes, the most specific registered class wins.
 *
 * @example
 * ```ts
 * const handler = findErrorHandler(pipeline, new NotFound());
 * ```
 */
export function findErrorHandler(pipeline: Pipeline, error: unknown): ErrorHandler | undefined {
  if (error instanceof HTTPException) {
    for (const scaffold of pipeline.scaffolds) {
      const handler = scaffold.errorHandlerSpec.get(error.code);
      if (handler !== undefined) return handler;
    }
  }
  if (typeof error !== "object" || error === null) return undefined;
  for (const scaffold of pipeline.scaffolds) {
    if (scaffold.errorHandlerSpec.size === 0) continue;
    for (let proto: object | null = Object.getPrototypeOf(error); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const handler = scaffold.errorHandlerSpec.get((proto as { constructor: never }).constructor);
      if (handler !== undefined) return handler;
    }
  }
  return undefined;
}
