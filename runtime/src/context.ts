import { promiseHooks } from "node:v8";
import type { Vial } from "./app.js";
import type { VialRequest } from "./request.js";
import type { ResponseBody } from "./response.js";
import type { Session } from "./sessions.js";

/**
 * Everything bound to one request (or, without `request`, to an application context): the app, the
 * request, the session, `g`. Flask keeps two stacked contexts; Vial keeps one object per request.
 *
 * @example
 * ```ts
 * const ctx = currentContext();
 * if (ctx?.request) console.log(ctx.request.path);
 * ```
 */
export class RequestContext {
  session: Session | undefined = undefined;
  /** Flashed messages taken from the session by the first `getFlashedMessages` of this request. */
  flashes: Array<[string, string]> | undefined = undefined;
  #g: Record<string, unknown> | undefined = undefined;

  constructor(
    readonly app: Vial,
    readonly request: VialRequest | undefined,
  ) {}

  /** Flask's `g`: made on first use, since most requests never touch it. */
  get g(): Record<string, unknown> {
    this.#g ??= {};
    return this.#g;
  }

  /** The session, created empty on first use when the request carried none. */
  getSession(): Session {
    this.session ??= this.app.sessionInterface.emptySession(this.app);
    return this.session;
  }
}

// The context is a plain variable while code runs synchronously, and travels with promises: a promise
// created while a context is current carries it, and its reactions (`then` callbacks, the code after an
// `await`) run with it current again. AsyncLocalStorage would do the same, but once enabled it runs a hook
// for every socket write, timer and tick in the process, about an eighth of the instructions of a small
// request; promise hooks cost nothing for requests that create no promise. Raw callbacks (timers, event
// listeners) do not see the context: read what they need before handing them over.
let current: RequestContext | undefined;
const CONTEXT = Symbol("vial.context");
const outer: Array<RequestContext | undefined> = [];

let hooked = false;

// Installed with the first context, so a process that imports Vial without serving (the CLI, tools) keeps
// every promise hook-free.
function hookPromises(): void {
  hooked = true;
  promiseHooks.createHook({
    init(promise) {
      if (current !== undefined) (promise as unknown as Record<symbol, RequestContext>)[CONTEXT] = current;
    },
    before(promise) {
      outer.push(current);
      current = (promise as unknown as Record<symbol, RequestContext | undefined>)[CONTEXT];
    },
    after() {
      current = outer.pop();
    },
  });
}

/**
 * Runs `fn` with `ctx` as the current context; it stays current across every `await` inside `fn`.
 *
 * @example
 * ```ts
 * runWithContext(new RequestContext(app, undefined), () => urlFor("index"));
 * ```
 */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  const previous = enterContext(ctx);
  try {
    return fn();
  } finally {
    leaveContext(previous);
  }
}

/**
 * `runWithContext` in two halves, for the dispatch of every request, which would otherwise make a
 * closure per request: makes `ctx` current and returns the context to restore with `leaveContext`
 * (in a `finally`).
 *
 * @example
 * ```ts
 * const previous = enterContext(ctx);
 * try {
 *   return dispatch();
 * } finally {
 *   leaveContext(previous);
 * }
 * ```
 */
export function enterContext(ctx: RequestContext): RequestContext | undefined {
  if (!hooked) hookPromises();
  const previous = current;
  current = ctx;
  return previous;
}

/**
 * Restores the context `enterContext` returned.
 *
 * @example
 * ```ts
 * leaveContext(previous);
 * ```
 */
export function leaveContext(previous: RequestContext | undefined): void {
  current = previous;
}

/**
 * Makes a streamed body run inside `ctx`: each chunk is produced with the request context current, so
 * a generator can use `request`, `session` and `g` while the response streams. Differs from Flask: no
 * `stream_with_context` is needed. Text, bytes and web streams are returned unchanged.
 *
 * @example
 * ```ts
 * response.body = bindToContext(response.body, ctx);
 * ```
 */
export function bindToContext(body: ResponseBody, ctx: RequestContext): ResponseBody {
  if (body === null || typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream) return body;
  const source = body;
  return {
    [Symbol.asyncIterator](): AsyncIterator<string | Uint8Array> {
      const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
      return {
        next: () => runWithContext(ctx, async () => iterator.next()),
        return: async () => {
          await runWithContext(ctx, async () => iterator.return?.());
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * The current context, or `undefined` outside any request or application context.
 *
 * @example
 * ```ts
 * const app = currentContext()?.app;
 * ```
 */
export function currentContext(): RequestContext | undefined {
  return current;
}
