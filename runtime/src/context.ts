import { AsyncLocalStorage } from "node:async_hooks";
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
  readonly g: Record<string, unknown> = {};
  session: Session | undefined = undefined;
  /** Flashed messages taken from the session by the first `getFlashedMessages` of this request. */
  flashes: Array<[string, string]> | undefined = undefined;

  constructor(
    readonly app: Vial,
    readonly request: VialRequest | undefined,
  ) {}

  /** The session, created empty on first use when the request carried none. */
  getSession(): Session {
    this.session ??= this.app.sessionInterface.emptySession(this.app);
    return this.session;
  }
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` with `ctx` as the current context; it stays current across every `await` inside `fn`.
 *
 * @example
 * ```ts
 * runWithContext(new RequestContext(app, undefined), () => urlFor("index"));
 * ```
 */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
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
        next: () => storage.run(ctx, async () => iterator.next()),
        return: async () => {
          await storage.run(ctx, async () => iterator.return?.());
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
  return storage.getStore();
}
