/**
 * Options of {@link renderDebugPage}.
 *
 * @example
 * ```ts
 * const opts: DebugPageOptions = { sourceLines: (file) => app.files.readTextSync(file)?.split("\n") };
 * ```
 */
export interface DebugPageOptions {
  /** The lines of a source file named in the stack (or the template's file), for the code excerpts. */
  sourceLines?: (file: string) => string[] | undefined;
}

/**
 * One parsed line of a V8 stack trace.
 *
 * @example
 * ```ts
 * const frame: StackFrame = { fn: "handler", file: "/app/app.ts", line: 12, column: 5 };
 * ```
 */
export interface StackFrame {
  fn: string | undefined;
  file: string;
  line: number;
  column: number;
}

const CONTEXT_LINES = 5;

/**
 * Reads the frames out of a V8 `error.stack`. `file://` URLs become paths; frames without a position
 * (`at new Promise (<anonymous>)`) are skipped. With esbuild's inline source maps and Node's
 * `--enable-source-maps`, positions are already the user's TypeScript lines.
 *
 * @example
 * ```ts
 * parseStack("Error: x\n    at handler (file:///app/app.ts:3:9)");
 * // [{ fn: "handler", file: "/app/app.ts", line: 3, column: 9 }]
 * ```
 */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n")) {
    const match = /^\s*at (?:(.+?) \((.+):(\d+):(\d+)\)|(.+):(\d+):(\d+))$/.exec(text);
    if (!match) continue;
    const file = match[2] ?? match[5] ?? "";
    frames.push({
      fn: match[1],
      file: fileUrlToPath(file),
      line: Number(match[3] ?? match[6]),
      column: Number(match[4] ?? match[7]),
    });
  }
  return frames;
}

function fileUrlToPath(file: string): string {
  if (!file.startsWith("file://")) return file;
  const path = decodeURIComponent(file.slice("file://".length));
  // file:///C:/x on Windows is the path C:/x.
  return /^\/[a-zA-Z]:\//.test(path) ? path.slice(1) : path;
}

// The vial package's folder (this file sits in its dist/ or src/, and source maps point dist/ frames back
// into src/): frames there are the framework's, not the user's.
const VIAL_DIR = fileUrlToPath(new URL("../", import.meta.url).href);

function isLibraryFrame(frame: StackFrame): boolean {
  // Windows stacks use backslashes; compare in one form.
  const file = frame.file.replaceAll("\\", "/");
  return file.startsWith("node:") || file.includes("/node_modules/") || !file.includes("/") || file.startsWith(VIAL_DIR);
}

/**
 * Escapes text for HTML element content and double- or single-quoted attributes.
 *
 * @example
 * ```ts
 * escapeHtml(`<a href="x">`); // "&lt;a href=&quot;x&quot;&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

interface TemplateLocation {
  name: string;
  filename: string | undefined;
  lineno: number;
  sourceLine: string | undefined;
}

function templateLocation(error: unknown): TemplateLocation | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const fields = error as { templateName?: unknown; filename?: unknown; lineno?: unknown; sourceLine?: unknown };
  const name = typeof fields.templateName === "string" ? fields.templateName : undefined;
  const filename = typeof fields.filename === "string" ? fields.filename : undefined;
  if ((name === undefined && filename === undefined) || typeof fields.lineno !== "number") return undefined;
  return {
    name: name ?? filename ?? "",
    filename,
    lineno: fields.lineno,
    sourceLine: typeof fields.sourceLine === "string" ? fields.sourceLine : undefined,
  };
}

function codeExcerpt(lines: string[] | undefined, line: number, context = CONTEXT_LINES): string {
  if (!lines || line < 1 || line > lines.length) return "";
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const current = n === line ? ' class="current"' : "";
    rows.push(`<tr${current}><td class="ln">${n}</td><td><pre>${escapeHtml(lines[n - 1] ?? "")}</pre></td></tr>`);
  }
  return `<table class="code">${rows.join("")}</table>`;
}

function safeLines(opts: DebugPageOptions, file: string): string[] | undefined {
  try {
    return opts.sourceLines?.(file);
  } catch {
    // The page explains one failure; a source file that cannot be read just shows no excerpt.
    return undefined;
  }
}

function describe(error: unknown): { type: string; message: string; stack: string | undefined; cause: unknown } {
  if (error instanceof Error) {
    return { type: error.name || error.constructor.name, message: error.message, stack: error.stack, cause: error.cause };
  }
  return { type: typeof error, message: String(error), stack: undefined, cause: undefined };
}

function renderTemplateSection(location: TemplateLocation, opts: DebugPageOptions): string {
  const lines = location.filename === undefined ? undefined : safeLines(opts, location.filename);
  const excerpt =
    codeExcerpt(lines, location.lineno) ||
    (location.sourceLine === undefined
      ? ""
      : codeExcerpt([...Array<string>(location.lineno - 1).fill(""), location.sourceLine], location.lineno, 0));
  return `<section class="template"><h2>Template <code>${escapeHtml(location.name)}</code>, line ${location.lineno}</h2>${excerpt}</section>`;
}

function renderFrames(stack: string | undefined, opts: DebugPageOptions): string {
  const frames = stack === undefined ? [] : parseStack(stack);
  if (frames.length === 0) return "";
  const items = frames.map((frame) => {
    const library = isLibraryFrame(frame);
    const where = `${escapeHtml(frame.file)}:${frame.line}:${frame.column}`;
    const excerpt = library ? "" : codeExcerpt(safeLines(opts, frame.file), frame.line);
    return `<li class="${library ? "frame library" : "frame"}"><div class="where"><code>${escapeHtml(
      frame.fn ?? "<anonymous>",
    )}</code> in <code>${where}</code></div>${excerpt}</li>`;
  });
  return `<section><h2>Traceback <small>(most recent call first)</small></h2><ol class="frames">${items.join("")}</ol></section>`;
}

function renderError(error: unknown, opts: DebugPageOptions, depth: number): string {
  const { type, message, stack, cause } = describe(error);
  const template = templateLocation(error);
  const heading = depth === 0 ? "h1" : "h2";
  const causeSection =
    cause !== undefined && depth < 3 ? `<div class="cause"><p>Caused by:</p>${renderError(cause, opts, depth + 1)}</div>` : "";
  return `<${heading}>${escapeHtml(type)}</${heading}><p class="message">${escapeHtml(message)}</p>${
    template ? renderTemplateSection(template, opts) : ""
  }${renderFrames(stack, opts)}${causeSection}`;
}

function renderRequest(request: Request): string {
  const rows = [...request.headers]
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  return `<section><h2>Request</h2><p><code>${escapeHtml(request.method)} ${escapeHtml(
    request.url,
  )}</code></p><table class="headers">${rows}</table></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{color:#b42318;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.message{font-size:17px;white-space:pre-wrap;background:#fef3f2;border-left:4px solid #b42318;padding:8px 12px}
.frames{padding-left:20px}.frame{margin:10px 0}.frame.library{color:#6e7781}.where code{font-size:13px}
table.code{border-collapse:collapse;width:100%;background:#f6f8fa;margin-top:4px;font:13px/1.4 ui-monospace,monospace}
table.code pre{margin:0;white-space:pre-wrap}table.code td{padding:0 8px}.ln{color:#6e7781;text-align:right;width:1%;user-select:none}
tr.current{background:#ffebe9}tr.current .ln{color:#b42318;font-weight:bold}
.cause{border-left:2px solid #d0d7de;padding-left:16px;margin-top:16px}
table.headers{border-collapse:collapse;font-size:13px}table.headers th{text-align:left;padding:2px 12px 2px 0;vertical-align:top}
table.headers td{font-family:ui-monospace,monospace;word-break:break-all}
footer{color:#6e7781;font-size:13px;margin-top:32px}`;

/**
 * The HTML page shown for an uncaught error when `app.debug` is on: the error's type and message, the
 * template name and line for template errors, each stack frame with the code around it (library frames
 * are listed without code), any `cause` chain, and the request's method, URL and headers. Every value is
 * HTML-escaped.
 * Differs from Flask: Werkzeug's debugger adds an in-browser Python console; this page has no script at
 * all, because a console that evaluates code sent by the browser is remote code execution for anyone who
 * can reach the port (the Werkzeug PIN is the only guard, and dev servers get exposed).
 *
 * @example
 * ```ts
 * const html = renderDebugPage(error, request, { sourceLines: (f) => app.files.readTextSync(f)?.split("\n") });
 * return new Response(html, { status: 500, headers: { "Content-Type": "text/html; charset=utf-8" } });
 * ```
 */
export function renderDebugPage(error: unknown, request: Request, opts: DebugPageOptions = {}): string {
  const { type, message } = describe(error);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${type}: ${message}`.slice(0, 200))} // Vial debugger</title><style>${STYLE}</style></head>
<body><main>${renderError(error, opts, 0)}${renderRequest(request)}
<footer>This page is shown because debug mode is on. Turn it off (DEBUG = false) before anyone else can reach this server.</footer>
</main></body></html>`;
}
