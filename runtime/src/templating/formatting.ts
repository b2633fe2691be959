/**
 * The text formats behind some filters, ported from Python: JSON as json.dumps prints it (tojson), urlize,
 * textwrap (wordwrap), pprint and URL quoting.
 */
import { TemplateRuntimeError } from "./errors.js";
import { escapeHtml, Markup } from "./markup.js";
import { floatRepr, isMapping, isTuple, mappingKeys, pyCompare, pyRepr, pyStr, PyFloat, PyGenerator, typeName, Undefined } from "./values.js";

/**
 * Python's urllib.parse.quote (`forQs`: quote_plus style for query strings).
 * @example
 * urlQuote("a b/c", true) // "a+b%2Fc"
 */
export function urlQuote(value: unknown, forQs: boolean): string {
  const s = pyStr(value);
  const safe = forQs ? "" : "/";
  let out = "";
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(c) || safe.includes(c)) out += c;
    else out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return forQs ? out.replace(/%20/g, "+") : out;
}

/**
 * JSON as Python's json.dumps(sort_keys=True) prints it: `, ` and `: ` separators, ASCII only.
 * @example
 * pyJsonDumps({ b: 1, a: [1, 2] }) // '{"a": [1, 2], "b": 1}'
 */
function pyJsonDumps(value: unknown, indent?: number | null, level = 0): string {
  const nl = indent === undefined || indent === null ? null : "\n" + " ".repeat(indent * (level + 1));
  const close = indent === undefined || indent === null ? "" : "\n" + " ".repeat(indent * level);
  const sep = nl === null ? ", " : ",";
  if (value === null || value === undefined) return "null";
  if (value instanceof Undefined || value instanceof PyGenerator || typeof value === "function" || typeof value === "symbol") {
    throw new TemplateRuntimeError(`Object of type ${typeName(value)} is not JSON serializable`);
  }
  if (value === true) return "true";
  if (value === false) return "false";
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return pyStr(value);
  }
  if (typeof value === "string" || value instanceof Markup) {
    return JSON.stringify(String(value)).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }
  if (Array.isArray(value) || value instanceof Set) {
    const items = [...value];
    if (!items.length) return "[]";
    return `[${nl ?? ""}${items.map((v) => pyJsonDumps(v, indent, level + 1)).join(sep + (nl ?? ""))}${close}]`;
  }
  if (isMapping(value)) {
    const entries = new Map<string, unknown>(value instanceof Map ? [...value].map(([k, v]) => [typeof k === "string" ? k : pyJsonKey(k), v]) : Object.entries(value));
    const keys = [...entries.keys()].sort();
    if (!keys.length) return "{}";
    const get = (k: string): unknown => entries.get(k);
    return `{${nl ?? ""}${keys.map((k) => `${pyJsonDumps(k)}: ${pyJsonDumps(get(k), indent, level + 1)}`).join(sep + (nl ?? ""))}${close}}`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return pyJsonDumps((value as { toJSON(): unknown }).toJSON(), indent, level);
  const plain: Record<string, unknown> = {};
  for (const k of Object.keys(value as object)) plain[k] = (value as Record<string, unknown>)[k];
  return pyJsonDumps(plain, indent, level);
}

function pyJsonKey(k: unknown): string {
  if (k === null || k === undefined) return "null";
  if (typeof k === "boolean") return k ? "true" : "false";
  return pyStr(k);
}

/**
 * JSON safe inside `<script>` and HTML attributes (Jinja2's and Flask's `|tojson`).
 * @example
 * htmlSafeJson({ b: "<x>", a: 1 }).toString() // '{"a": 1, "b": "\\u003cx\\u003e"}'
 */
export function htmlSafeJson(value: unknown, indent?: number | null): Markup {
  return new Markup(pyJsonDumps(value, indent).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027"));
}

const LT = "[\\p{L}_]";
const WP = "[\\p{L}\\p{N}_!\"'&.,?]";
const WORDSEP_RE = new RegExp(
  `(\\s+|(?<=${WP})-{2,}(?=[\\p{L}\\p{N}_])|\\S+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))(?=${LT}-?${LT})|(?=\\s|$)|(?<=${WP})(?=-{2,}[\\p{L}\\p{N}_])))`,
  "u",
);

/**
 * Python's textwrap.wrap (no tab expansion, whitespace kept, long words broken, optional hyphen breaks).
 * @example
 * wrapLine("well-known words", 6, true, true) // ["well-", "known", "words"]
 */
export function wrapLine(text: string, width: number, breakLong: boolean, breakOnHyphens: boolean): string[] {
  const chunks = text.split(breakOnHyphens ? WORDSEP_RE : /(\s+)/u).filter((c) => c !== "" && c !== undefined).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const line: string[] = [];
    let len = 0;
    if ((chunks[chunks.length - 1] as string).trim() === "" && lines.length) chunks.pop();
    while (chunks.length) {
      const l = (chunks[chunks.length - 1] as string).length;
      if (len + l > width) break;
      line.push(chunks.pop() as string);
      len += l;
    }
    if (chunks.length && (chunks[chunks.length - 1] as string).length > width) {
      const spaceLeft = width < 1 ? 1 : width - len;
      const chunk = chunks[chunks.length - 1] as string;
      if (breakLong) {
        let end = spaceLeft;
        if (breakOnHyphens && chunk.length > spaceLeft) {
          const hyphen = chunk.lastIndexOf("-", spaceLeft - 1);
          if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
        }
        line.push(chunk.slice(0, end));
        chunks[chunks.length - 1] = chunk.slice(end);
      } else if (!line.length) line.push(chunks.pop() as string);
    }
    if (line.length && (line[line.length - 1] as string).trim() === "") line.pop();
    if (line.length) lines.push(line.join(""));
  }
  return lines;
}

const HTTP_RE = /^((https?:\/\/|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?:\/\/)((([\d]{1,3})(\.[\d]{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\])))(?::[\d]{1,5})?(?:[/?#]\S*)?$/iu;
const EMAIL_RE = /^\S+@\w[\w.-]*\.\w+$/u;

function countOf(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/**
 * Jinja2's utils.urlize, rule for rule (the text is escaped first, then links are found word by word).
 * @example
 * urlize("see www.x.com.", null, "noopener", null, []) // 'see <a href="https://www.x.com" rel="noopener">www.x.com</a>.'
 */
export function urlize(text: string, trimLimit: number | null, rel: string | null, target: string | null, extraSchemes: string[]): string {
  const trim = (x: string): string => (trimLimit !== null && x.length > trimLimit ? `${x.slice(0, trimLimit)}...` : x);
  const words = escapeHtml(text).split(/(\s+)/);
  const relAttr = rel ? ` rel="${escapeHtml(rel)}"` : "";
  const targetAttr = target ? ` target="${escapeHtml(target)}"` : "";
  return words.map((word) => {
    let head = "";
    let middle = word;
    let tail = "";
    const lead = /^([(<]|&lt;)+/.exec(middle);
    if (lead) {
      head = lead[0];
      middle = middle.slice(lead[0].length);
    }
    if ([")", ">", ".", ",", "\n", "&gt;"].some((e) => middle.endsWith(e))) {
      const trail = /([)>.,\n]|&gt;)+$/.exec(middle);
      if (trail) {
        tail = trail[0];
        middle = middle.slice(0, trail.index);
      }
    }
    for (const [startChar, endChar] of [["(", ")"], ["<", ">"], ["&lt;", "&gt;"]] as const) {
      const startCount = countOf(middle, startChar);
      if (startCount <= countOf(middle, endChar)) continue;
      for (let n = Math.min(startCount, countOf(tail, endChar)); n > 0; n--) {
        const endIndex = tail.indexOf(endChar) + endChar.length;
        middle += tail.slice(0, endIndex);
        tail = tail.slice(endIndex);
      }
    }
    if (HTTP_RE.test(middle)) {
      const href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : `https://${middle}`;
      middle = `<a href="${href}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
    } else if (middle.startsWith("mailto:") && EMAIL_RE.test(middle.slice(7))) {
      middle = `<a href="${middle}">${middle.slice(7)}</a>`;
    } else if (middle.includes("@") && !middle.startsWith("www.") && !middle.includes(":") && EMAIL_RE.test(middle)) {
      middle = `<a href="mailto:${middle}">${middle}</a>`;
    } else {
      for (const scheme of extraSchemes) {
        if (middle !== scheme && middle.startsWith(scheme)) middle = `<a href="${middle}"${relAttr}${targetAttr}>${middle}</a>`;
      }
    }
    return head + middle + tail;
  }).join("");
}

/**
 * Python's pprint.pformat (width 80, sorted dict keys): one line when it fits, else one item per line.
 * @example
 * pformat({ b: 1, a: 2 }) // "{'a': 2, 'b': 1}"
 */
export function pformat(value: unknown, width = 80): string {
  const format = (obj: unknown, indent: number, allowance: number): string => {
    const rep = pyRepr(obj, true);
    if (rep.length <= width - indent - allowance) return rep;
    const isMap = isMapping(obj);
    if (!isMap && !Array.isArray(obj)) return rep;
    if (isMap) {
      const keys = mappingKeys(obj);
      if (!keys.length) return rep;
      const entries = keys.map((k) => [k, obj instanceof Map ? obj.get(k) : (obj as Record<string, unknown>)[k as string]] as const);
      entries.sort((a, b) => pyCompare(a[0], b[0]));
      const inner = indent + 1;
      const parts = entries.map(([k, v], i) => {
        const keyRep = pyRepr(k, true);
        const last = i === entries.length - 1;
        return `${keyRep}: ${format(v, inner + keyRep.length + 2, last ? allowance + 1 : 1)}`;
      });
      return `{${parts.join(",\n" + " ".repeat(inner))}}`;
    }
    const items = obj as unknown[];
    const tupleLike = isTuple(items);
    if (!items.length) return rep;
    const inner = indent + 1;
    const parts = items.map((v, i) => format(v, inner, i === items.length - 1 ? allowance + 1 : 1));
    const body = parts.join(",\n" + " ".repeat(inner));
    return tupleLike ? `(${body}${items.length === 1 ? "," : ""})` : `[${body}]`;
  };
  return format(value, 0, 0);
}
