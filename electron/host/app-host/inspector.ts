/**
 * Puts the inspect tool's in-page script (inspector-script.ts) into the previewed app's pages: an
 * `afterRequest` hook, registered by the child before the app listens, appends it after the last byte
 * of every `text/html` response that carries the runtime's origin marks (a script after `</html>` still
 * runs, a streamed page stays streamed, and a page the templates did not write is left as it is). The
 * child does this only when the Studio asks (`VIAL_STUDIO_INSPECT`), so an app run outside the Studio
 * never carries it.
 */
import { inspectorScript } from "./inspector-script.js";

/** The part of a Vial `Response` the injection reads and rewrites. */
export interface InspectableResponse {
  body: string | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | null;
  readonly mimetype: string;
  readonly headers: Headers;
}

/** The part of a Vial app the injection needs. */
export interface InspectableApp {
  afterRequest?(hook: <R extends InspectableResponse>(response: R) => R): unknown;
}

const scriptTag = `\n<script data-vial-studio="inspect">${inspectorScript.replace(/<\/script/gi, "<\\/script")}</script>\n`;

/** The attribute of the runtime's origin marks (runtime/src/templating/origin-marks.ts). */
const markAttribute = "data-vial-src=";

/** Watches a body go by, chunk after chunk, for an origin mark (also one split across two chunks). */
function markWatcher(): { saw(chunk: string | Uint8Array): boolean } {
  const decoder = new TextDecoder();
  let carry = "";
  let seen = false;
  return {
    saw(chunk) {
      if (seen) return true;
      const text = carry + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      seen = text.includes(markAttribute);
      carry = text.slice(-markAttribute.length);
      return seen;
    },
  };
}

async function* followedBy(body: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, tail: string): AsyncGenerator<string | Uint8Array> {
  const watcher = markWatcher();
  let marked = false;
  for await (const chunk of body) {
    marked = watcher.saw(chunk);
    yield chunk;
  }
  if (marked) yield tail;
}

/**
 * Appends the inspector to an HTML page the app's templates marked (string, bytes, stream or iterable
 * body alike), leaving every other response, and an encoded one, as it is.
 *
 * @example
 * app.afterRequest(withInspector);
 */
export function withInspector<R extends InspectableResponse>(response: R): R {
  const { body } = response;
  if (body === null || response.mimetype !== "text/html" || response.headers.has("Content-Encoding")) return response;
  if (typeof body === "string") {
    if (!body.includes(markAttribute)) return response;
    response.body = body + scriptTag;
  } else if (body instanceof Uint8Array) {
    if (!markWatcher().saw(body)) return response;
    const tail = new TextEncoder().encode(scriptTag);
    const joined = new Uint8Array(body.length + tail.length);
    joined.set(body);
    joined.set(tail, body.length);
    response.body = joined;
  } else if (body instanceof ReadableStream) {
    const watcher = markWatcher();
    let marked = false;
    response.body = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          marked = watcher.saw(chunk);
          controller.enqueue(chunk);
        },
        flush(controller) {
          if (marked) controller.enqueue(new TextEncoder().encode(scriptTag));
        },
      }),
    );
  } else response.body = followedBy(body, scriptTag);
  response.headers.delete("Content-Length");
  return response;
}

/**
 * Registers the injection on the app. Returns false when the app cannot take an `afterRequest` hook
 * (already serving, or not a Vial app): the preview then simply has no inspect tool.
 *
 * @example
 * if (process.env[inspectEnv] === "1") injectInspector(app);
 */
export function injectInspector(app: InspectableApp): boolean {
  if (typeof app.afterRequest !== "function") return false;
  try {
    app.afterRequest(withInspector);
    return true;
  } catch {
    return false;
  }
}
