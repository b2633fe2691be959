/**
 * MarkupSafe for templates: a `Markup` string is already safe HTML; everything mixed into it
 * (concatenation, join, replace, format, `%`) is escaped first.
 */
import { HTML, pyStr } from "./values.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;" };
const ESCAPE_RE = /[&<>'"]/g;
const NEEDS_ESCAPE_RE = /[&<>'"]/;

/**
 * Escapes a plain string for HTML (the MarkupSafe character set).
 * @example
 * escapeHtml('<a href="x">') // "&lt;a href=&#34;x&#34;&gt;"
 */
export function escapeHtml(s: string): string {
  return NEEDS_ESCAPE_RE.test(s) ? s.replace(ESCAPE_RE, (c) => ESCAPES[c] as string) : s;
}

/**
 * A string that is safe HTML: printing it with autoescape on leaves it as is.
 * @example
 * new Markup("<b>hi</b>").concat("<i>") // Markup("<b>hi</b>&lt;i&gt;")
 */
export class Markup {
  readonly [HTML] = true;
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }

  get length(): number {
    return this.value.length;
  }

  /** The HTML itself (the `__html__` protocol). */
  __html__(): string {
    return this.value;
  }

  /** `Markup + other`: the other side is escaped. */
  concat(other: unknown): Markup {
    return new Markup(this.value + escape(other).value);
  }

  /** `Markup.join(seq)`: every item escaped. */
  join(items: Iterable<unknown>): Markup {
    const parts: string[] = [];
    for (const item of items) parts.push(escape(item).value);
    return new Markup(parts.join(this.value));
  }

  /** Removes tags and comments, collapses whitespace and unescapes entities. */
  striptags(): string {
    const text = this.value.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, "");
    return unescapeHtml(text.split(/\s+/).filter(Boolean).join(" "));
  }

  /** Converts entities back to characters. */
  unescape(): string {
    return unescapeHtml(this.value);
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes HTML character references (named basics and numeric), as Python's html.unescape does for these. */
function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[ref] ?? m;
  });
}

/**
 * True for Markup and any object with an `__html__()` method.
 * @example
 * isSafe(new Markup("<b>")) // true
 */
export function isSafe(v: unknown): boolean {
  return v instanceof Markup || (v !== null && typeof v === "object" && typeof (v as { __html__?: unknown }).__html__ === "function");
}

/**
 * Escapes a value to Markup (Markup and `__html__` objects pass through unchanged).
 * @example
 * escape("<script>").toString() // "&lt;script&gt;"
 */
export function escape(value: unknown): Markup {
  if (value instanceof Markup) return value;
  if (isSafe(value)) return new Markup(String((value as { __html__(): unknown }).__html__()));
  return new Markup(escapeHtml(pyStr(value)));
}

/**
 * Escapes a value for output, returning a plain string (the hot path of autoescaped `{{ }}`).
 * @example
 * escapeToString("<b>") // "&lt;b&gt;"
 */
export function escapeToString(value: unknown): string {
  if (typeof value === "string") return escapeHtml(value);
  if (value instanceof Markup) return value.value;
  if (typeof value === "number") return pyStr(value);
  return escape(value).value;
}

/**
 * Marks a string as safe without escaping (the `|safe` filter).
 * @example
 * markSafe("<b>").toString() // "<b>"
 */
export function markSafe(value: unknown): Markup {
  return value instanceof Markup ? value : new Markup(pyStr(value));
}

/**
 * `soft_str`: keeps Markup as Markup, makes everything else a string.
 * @example
 * softStr(3) // "3"; softStr(new Markup("<b>")) stays Markup
 */
export function softStr(value: unknown): string | Markup {
  return value instanceof Markup ? value : pyStr(value);
}
