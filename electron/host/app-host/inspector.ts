/**
 * What the previewed app's pages carry for the inspect tool. The runtime marks the tags of every
 * template the app renders (the child asks it to, see protocol.ts `inspectEnv`); an `afterRequest` hook,
 * registered by the child before the app listens, then decides per response:
 * - a page a browser loads (the preview's frame or view, or a browser tab: `Sec-Fetch-Dest` `document` or
 *   `iframe`) keeps its marks and gets the in-page inspector (inspector-script.ts) after its last byte (a
 *   script after `</html>` still runs, and a streamed page stays streamed);
 * - anything else (the route runner, `fetch` from a script, curl) gets the app's own bytes: the marks are
 *   taken out again.
 * Responses that are not UTF-8 `text/html`, or are encoded, are left alone.
 */
import { inspectorScript } from "./inspector-script.js";

/** The part of a Vial `Response` the hook reads and rewrites. */
export interface InspectableResponse {
  body: string | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | null;
  readonly mimetype: string;
  readonly headers: Headers;
}

/** The part of a Vial app the hook needs. */
export interface InspectableApp {
  afterRequest?(hook: <R extends InspectableResponse>(response: R) => R): unknown;
}

/** The part of the runtime the hook needs: the current request (Flask's `request`, valid inside hooks). */
export interface InspectableRuntime {
  request?: { header(name: string): string | undefined };
}

type Body = InspectableResponse["body"];

/** Rewrites a text body given chunk by chunk: `push` returns what may go out now, `end` the rest. */
interface TextRewriter {
  push(text: string): string;
  end(): string;
}

const scriptTag = `\n<script data-vial-studio="inspect">${inspectorScript.replace(/<\/script/gi, "<\\/script")}</script>\n`;
/** How an origin mark starts (runtime/src/templating/origin-marks.ts); its value never holds a `"`. */
const markStart = ' data-vial-src="';
const markRe = / data-vial-src="[^"]*"/g;

/** Passes the text through and adds the inspector at the end, if the page carries a mark. */
function appendInspector(): TextRewriter {
  let carry = "";
  let marked = false;
  return {
    push(text) {
      if (!marked) {
        marked = (carry + text).includes(markStart);
        carry = (carry + text).slice(-markStart.length);
      }
      return text;
    },
    end: () => (marked ? scriptTag : ""),
  };
}

/** Where a mark that the next chunk may finish starts at the end of `text` (or text.length if none). */
function unfinishedMark(text: string): number {
  const last = text.lastIndexOf(markStart);
  if (last !== -1 && !text.includes('"', last + markStart.length)) return last;
  for (let length = Math.min(markStart.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(markStart.slice(0, length))) return text.length - length;
  }
  return text.length;
}

/** Takes every origin mark out, also one split across chunks. */
function stripMarks(): TextRewriter {
  let carry = "";
  return {
    push(text) {
      const clean = (carry + text).replace(markRe, "");
      const cut = unfinishedMark(clean);
      carry = clean.slice(cut);
      return clean.slice(0, cut);
    },
    end: () => carry,
  };
}

async function* rewriteChunks(body: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, rewriter: TextRewriter): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    const out = rewriter.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (out !== "") yield out;
  }
  const rest = rewriter.push(decoder.decode()) + rewriter.end();
  if (rest !== "") yield rest;
}

function rewriteStream(body: ReadableStream<Uint8Array>, rewriter: TextRewriter): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const out = rewriter.push(decoder.decode(chunk, { stream: true }));
        if (out !== "") controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        const rest = rewriter.push(decoder.decode()) + rewriter.end();
        if (rest !== "") controller.enqueue(encoder.encode(rest));
      },
    }),
  );
}

function rewriteBody(body: NonNullable<Body>, rewriter: TextRewriter): Body {
  if (typeof body === "string") return rewriter.push(body) + rewriter.end();
  if (body instanceof Uint8Array) return new TextEncoder().encode(rewriter.push(new TextDecoder().decode(body)) + rewriter.end());
  if (body instanceof ReadableStream) return rewriteStream(body, rewriter);
  return rewriteChunks(body, rewriter);
}

function rewritable(response: InspectableResponse): boolean {
  if (response.body === null || response.mimetype !== "text/html" || response.headers.has("Content-Encoding")) return false;
  const charset = /;\s*charset="?([^";]+)/i.exec(response.headers.get("Content-Type") ?? "")?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

function rewrite<R extends InspectableResponse>(response: R, rewriter: TextRewriter): R {
  if (!rewritable(response) || response.body === null) return response;
  response.body = rewriteBody(response.body, rewriter);
  response.headers.delete("Content-Length");
  return response;
}

/**
 * The page with the inspector after its last byte, if the page carries origin marks.
 *
 * @example
 * withInspector(response); // for a page a browser loads
 */
export function withInspector<R extends InspectableResponse>(response: R): R {
  if (typeof response.body === "string" && !response.body.includes(markStart)) return response;
  return rewrite(response, appendInspector());
}

/**
 * The page without origin marks: the bytes the app would serve outside the Studio.
 *
 * @example
 * withoutMarks(response); // for the route runner, a script's fetch, curl
 */
export function withoutMarks<R extends InspectableResponse>(response: R): R {
  if (typeof response.body === "string" && !response.body.includes(markStart)) return response;
  return rewrite(response, stripMarks());
}

function isPageLoad(runtime: InspectableRuntime): boolean {
  try {
    const destination = runtime.request?.header("sec-fetch-dest");
    return destination === "document" || destination === "iframe";
  } catch {
    return false;
  }
}

/**
 * Registers the hook on the app. Returns false when the app cannot take an `afterRequest` hook
 * (already serving, or not a Vial app): the preview then has no inspect tool, and the route runner may
 * see origin marks.
 *
 * @example
 * if (process.env[inspectEnv] === "1") injectInspector(app, runtime);
 */
export function injectInspector(app: InspectableApp, runtime: InspectableRuntime): boolean {
  if (typeof app.afterRequest !== "function") return false;
  try {
    app.afterRequest((response) => (isPageLoad(runtime) ? withInspector(response) : withoutMarks(response)));
    return true;
  } catch {
    return false;
  }
}
