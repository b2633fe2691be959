/**
 * The Python methods templates call on strings, lists and dicts (`name.upper()`, `d.items()`, `xs.append(1)`),
 * plus `%` formatting and `str.format`. Markup stays Markup through them, with arguments escaped.
 */
import { TemplateRuntimeError } from "./errors.js";
import { escape, Markup } from "./markup.js";
import { dictKey, floatRepr, isFloat, isMapping, isNumber, isPlainObject, Kwargs, mappingGet, num, pyCompare, pyEq, pyRepr, pyStr, toFixedPy, truthy, tuple, isTuple, typeName, Undefined } from "./values.js";

type Method = (...args: unknown[]) => unknown;

const WS = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u001c\u001d\u001e\u001f\u0085";

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : String(chars);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a] as string)) a++;
  if (right) while (b > a && set.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** Python's slice bounds for optional start/end arguments. */
function sliceBounds(len: number, start: unknown, end: unknown): [number, number] {
  const norm = (v: unknown, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    const n = num(v);
    return n < 0 ? Math.max(0, len + n) : Math.min(n, len);
  };
  return [norm(start, 0), norm(end, len)];
}

function findIn(s: string, sub: unknown, start: unknown, end: unknown, fromRight: boolean): number {
  const [a, b] = sliceBounds(s.length, start, end);
  if (b < a) return -1;
  const part = s.slice(a, b);
  const i = fromRight ? part.lastIndexOf(String(sub)) : part.indexOf(String(sub));
  return i === -1 ? -1 : a + i;
}

/** Parameter names of methods that accept keyword arguments. */
const KEYWORD_PARAMS: Record<string, string[]> = {
  split: ["sep", "maxsplit"], rsplit: ["sep", "maxsplit"], splitlines: ["keepends"], expandtabs: ["tabsize"],
};

/** Moves a trailing Kwargs onto named parameters (`'a,b'.split(',', maxsplit=1)`). */
function placeKeywords(name: string, args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  const params = KEYWORD_PARAMS[name];
  if (!(last instanceof Kwargs) || !params) return args;
  const out = args.slice(0, -1);
  for (const [key, value] of Object.entries(last.values)) {
    const i = params.indexOf(key);
    if (i === -1) throw new TemplateRuntimeError(`'${key}' is an invalid keyword argument for ${name}()`);
    while (out.length < i) out.push(undefined);
    out[i] = value;
  }
  return out;
}

/**
 * Python's str.split.
 * @example
 * pySplit(" a  b ", null, -1) // ["a", "b"]
 */
export function pySplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : num(maxsplit);
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, "");
    while (rest.length) {
      if (max >= 0 && out.length === max) {
        out.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  const sp = String(sep);
  if (sp === "") throw new TemplateRuntimeError("empty separator");
  const parts = s.split(sp);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sp)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : num(maxsplit);
  if (max < 0) return pySplit(s, sep, -1);
  if (sep === undefined || sep === null) {
    const words = pySplit(s, null, -1);
    if (words.length <= max + 1) return words;
    const trimmed = s.replace(/\s+$/, "");
    const out: string[] = [];
    let end = trimmed.length;
    for (let i = 0; i < max; i++) {
      const w = words[words.length - 1 - i] as string;
      const at = trimmed.lastIndexOf(w, end - w.length);
      out.unshift(w);
      end = at;
      while (end > 0 && /\s/.test(trimmed[end - 1] as string)) end--;
    }
    out.unshift(trimmed.slice(0, end).replace(/^\s+/, ""));
    return out;
  }
  const sp = String(sep);
  const parts = s.split(sp);
  if (parts.length <= max + 1) return parts;
  return [parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)];
}

/**
 * Python's str.replace(old, new, count).
 * @example
 * pyReplace("aaa", "a", "b", 2) // "bba"
 */
export function pyReplace(s: string, old: unknown, nw: unknown, count?: unknown): string {
    const o = String(old);
    const n = String(nw);
    const limit = count === undefined || count === null || num(count) < 0 ? Infinity : num(count);
    if (o === "") {
      const chars = [...s];
      let out = "";
      let done = 0;
      for (let i = 0; i <= chars.length; i++) {
        if (done < limit) { out += n; done++; }
        if (i < chars.length) out += chars[i];
      }
      return out;
    }
    let out = "";
    let pos = 0;
    let done = 0;
    for (;;) {
      const at = done < limit ? s.indexOf(o, pos) : -1;
      if (at === -1) return out + s.slice(pos);
      out += s.slice(pos, at) + n;
      pos = at + o.length;
      done++;
    }
}

/** Python's str.title(). */
function pyTitle(s: string): string {
  return s.replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => (w[0] as string).toUpperCase() + w.slice(1).toLowerCase());
}

/**
 * Python's str.capitalize().
 * @example
 * pyCapitalize("hELLO") // "Hello"
 */
export function pyCapitalize(s: string): string {
  return s ? (s[0] as string).toUpperCase() + s.slice(1).toLowerCase() : s;
}

function pad(s: string, width: unknown, fill: unknown, where: "center" | "left" | "right"): string {
  const w = num(width);
  const f = fill === undefined ? " " : String(fill);
  const len = [...s].length;
  if (len >= w) return s;
  const total = w - len;
  if (where === "left") return s + f.repeat(total);
  if (where === "right") return f.repeat(total) + s;
  const left = Math.floor(total / 2) + (total & w & 1);
  return f.repeat(left) + s + f.repeat(total - left);
}

function prefixArg(prefix: unknown): string[] {
  return Array.isArray(prefix) ? prefix.map(String) : [String(prefix)];
}

const STR_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase().replace(/ß/g, "ss"),
  expandtabs: (s, size) => {
    const tab = size === undefined ? 8 : num(size);
    let col = 0;
    let out = "";
    for (const ch of s) {
      if (ch === "\t") {
        const n = tab > 0 ? tab - (col % tab) : 0;
        out += " ".repeat(n);
        col += n;
      } else {
        out += ch;
        col = ch === "\n" || ch === "\r" ? 0 : col + 1;
      }
    }
    return out;
  },
  title: (s) => pyTitle(s),
  capitalize: (s) => pyCapitalize(s),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
  strip: (s, c) => stripChars(s, c, true, true),
  lstrip: (s, c) => stripChars(s, c, true, false),
  rstrip: (s, c) => stripChars(s, c, false, true),
  split: (s, sep, max) => pySplit(s, sep, max),
  rsplit: (s, sep, max) => pyRsplit(s, sep, max),
  splitlines: (s, keep) => {
    const parts = s.split(/(\r\n|\r|\n)/);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i] as string;
      const nl = parts[i + 1] ?? "";
      if (i === parts.length - 1 && line === "") break;
      out.push(keep ? line + nl : line);
    }
    return out;
  },
  join: (s, items) => iterStrings(items).join(s),
  startswith: (s, p, start, end) => {
    const [a, b] = sliceBounds(s.length, start, end);
    const part = b < a ? null : s.slice(a, b);
    return part !== null && prefixArg(p).some((x) => part.startsWith(x));
  },
  endswith: (s, p, start, end) => {
    const [a, b] = sliceBounds(s.length, start, end);
    const part = b < a ? null : s.slice(a, b);
    return part !== null && prefixArg(p).some((x) => part.endsWith(x));
  },
  replace: (s, old, nw, count) => pyReplace(s, old, nw, count),
  find: (s, sub, start, end) => findIn(s, sub, start, end, false),
  rfind: (s, sub, start, end) => findIn(s, sub, start, end, true),
  index: (s, sub, start, end) => {
    const i = findIn(s, sub, start, end, false);
    if (i === -1) throw new TemplateRuntimeError("substring not found");
    return i;
  },
  rindex: (s, sub, start, end) => {
    const i = findIn(s, sub, start, end, true);
    if (i === -1) throw new TemplateRuntimeError("substring not found");
    return i;
  },
  count: (s, sub, start, end) => {
    const [a, b] = sliceBounds(s.length, start, end);
    const part = s.slice(a, Math.max(a, b));
    const x = String(sub);
    if (x === "") return [...part].length + 1;
    return part.split(x).length - 1;
  },
  center: (s, w, f) => pad(s, w, f, "center"),
  ljust: (s, w, f) => pad(s, w, f, "left"),
  rjust: (s, w, f) => pad(s, w, f, "right"),
  zfill: (s, w) => {
    const sign = s[0] === "-" || s[0] === "+" ? (s[0] as string) : "";
    return sign + s.slice(sign.length).padStart(num(w) - sign.length, "0");
  },
  isdigit: (s) => /^(?:\p{Nd}|[\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792])+$/u.test(s),
  isdecimal: (s) => /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  istitle: (s) => /\p{L}/u.test(s) && pyTitle(s) === s,
  partition: (s, sep) => {
    const i = s.indexOf(String(sep));
    return i === -1 ? tuple([s, "", ""]) : tuple([s.slice(0, i), String(sep), s.slice(i + String(sep).length)]);
  },
  rpartition: (s, sep) => {
    const i = s.lastIndexOf(String(sep));
    return i === -1 ? tuple(["", "", s]) : tuple([s.slice(0, i), String(sep), s.slice(i + String(sep).length)]);
  },
  removeprefix: (s, p) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s),
  removesuffix: (s, p) => (String(p) && s.endsWith(String(p)) ? s.slice(0, s.length - String(p).length) : s),
  format: (s, ...args) => strFormat(s, args, false),
};

/** Methods whose Markup form returns Markup; the value is the index of the argument MarkupSafe escapes (-1: none). */
const MARKUP_WRAPS: Record<string, number> = {
  upper: -1, lower: -1, casefold: -1, title: -1, capitalize: -1, swapcase: -1, strip: -1, lstrip: -1, rstrip: -1, zfill: -1,
  removeprefix: -1, removesuffix: -1, expandtabs: -1, center: 1, ljust: 1, rjust: 1, replace: 1,
};

function iterStrings(items: unknown): string[] {
  const arr = Array.isArray(items) ? items : items instanceof Undefined ? items.iter() : typeof items === "string" ? [...items] : isMapping(items) ? Object.keys(items) : [];
  return arr.map((x, i) => {
    if (typeof x !== "string" && !(x instanceof Markup)) throw new TemplateRuntimeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
    return String(x);
  });
}

function markupMethod(m: Markup, name: string): Method | undefined {
  if (name === "join") return (items) => m.join(Array.isArray(items) ? items : []);
  if (name === "format") return (...args) => new Markup(strFormat(m.value, args, true));
  if (name === "striptags") return () => m.striptags();
  if (name === "unescape") return () => m.unescape();
  if (name === "split" || name === "rsplit" || name === "splitlines") {
    const f = STR_METHODS[name] as (s: string, ...a: unknown[]) => unknown;
    return (...args) => (f(m.value, ...placeKeywords(name, args)) as string[]).map((x) => new Markup(x));
  }
  const f = STR_METHODS[name];
  if (!f) return undefined;
  const escaped = MARKUP_WRAPS[name];
  if (escaped === undefined) return (...args) => f(m.value, ...placeKeywords(name, args));
  return (...args) => new Markup(f(m.value, ...args.map((a, i) => (i === escaped && typeof a === "string" ? escape(a).value : a))) as string);
}

function listIndex(list: unknown[], i: unknown): number {
  let n = i === undefined ? list.length - 1 : num(i);
  if (n < 0) n += list.length;
  if (n < 0 || n >= list.length) throw new TemplateRuntimeError(list.length ? "pop index out of range" : "pop from empty list");
  return n;
}

const LIST_METHODS: Record<string, (l: unknown[], ...a: unknown[]) => unknown> = {
  append: (l, x) => { l.push(x); return null; },
  extend: (l, xs) => { l.push(...(Array.isArray(xs) ? xs : [])); return null; },
  insert: (l, i, x) => { l.splice(num(i) < 0 ? Math.max(0, l.length + num(i)) : num(i), 0, x); return null; },
  pop: (l, i) => l.splice(listIndex(l, i), 1)[0],
  remove: (l, x) => {
    const i = l.findIndex((y) => pyEq(x, y));
    if (i === -1) throw new TemplateRuntimeError("list.remove(x): x not in list");
    l.splice(i, 1);
    return null;
  },
  index: (l, x) => {
    const i = l.findIndex((y) => pyEq(x, y));
    if (i === -1) throw new TemplateRuntimeError(`${pyRepr(x)} is not in list`);
    return i;
  },
  count: (l, x) => l.filter((y) => pyEq(x, y)).length,
  reverse: (l) => { l.reverse(); return null; },
  sort: (l, kw) => {
    const reverse = kw instanceof Kwargs && truthy(kw.values.reverse);
    const sorted = [...l].sort((a, b) => pyCompare(a, b));
    if (reverse) sorted.reverse();
    l.splice(0, l.length, ...sorted);
    return null;
  },
  copy: (l) => [...l],
  clear: (l) => { l.length = 0; return null; },
};

const DICT_METHODS: Record<string, (d: Record<string, unknown>, ...a: unknown[]) => unknown> = {
  items: (d) => Object.keys(d).map((k) => tuple([k, d[k]])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, k, dflt) => {
    const v = mappingGet(d, k);
    return v === undefined ? (dflt === undefined ? null : dflt) : v;
  },
  pop: (d, k, dflt) => {
    const key = pyStr(k);
    if (Object.prototype.hasOwnProperty.call(d, key)) {
      const v = d[key];
      delete d[key];
      return v;
    }
    if (dflt === undefined) throw new TemplateRuntimeError(pyRepr(k));
    return dflt;
  },
  setdefault: (d, k, dflt) => {
    const key = pyStr(k);
    if (!Object.prototype.hasOwnProperty.call(d, key)) d[key] = dflt === undefined ? null : dflt;
    return d[key];
  },
  update: (d, ...args) => {
    for (const a of args) {
      if (a instanceof Kwargs) Object.assign(d, a.values);
      else if (a instanceof Map) for (const [k, v] of a) d[pyStr(k)] = v;
      else if (isPlainObject(a)) Object.assign(d, a);
      else if (Array.isArray(a)) for (const pair of a) if (Array.isArray(pair)) d[pyStr(pair[0])] = pair[1];
    }
    return null;
  },
  copy: (d) => ({ ...d }),
  clear: (d) => { for (const k of Object.keys(d)) delete d[k]; return null; },
};

const MAP_METHODS: Record<string, (d: Map<unknown, unknown>, ...a: unknown[]) => unknown> = {
  items: (d) => [...d].map(([k, v]) => tuple([k, v])),
  keys: (d) => [...d.keys()],
  values: (d) => [...d.values()],
  get: (d, k, dflt) => {
    const v = d.get(dictKey(k));
    return v === undefined ? (dflt === undefined ? null : dflt) : v;
  },
  pop: (d, k, dflt) => {
    const key = dictKey(k);
    if (d.has(key)) {
      const v = d.get(key);
      d.delete(key);
      return v;
    }
    if (dflt === undefined) throw new TemplateRuntimeError(pyRepr(k));
    return dflt;
  },
  setdefault: (d, k, dflt) => {
    const key = dictKey(k);
    if (!d.has(key)) d.set(key, dflt === undefined ? null : dflt);
    return d.get(key);
  },
  update: (d, ...args) => {
    for (const a of args) {
      if (a instanceof Kwargs) for (const [k, v] of Object.entries(a.values)) d.set(k, v);
      else if (a instanceof Map) for (const [k, v] of a) d.set(k, v);
      else if (isPlainObject(a)) for (const [k, v] of Object.entries(a)) d.set(k, v);
      else if (Array.isArray(a)) for (const pair of a) if (Array.isArray(pair)) d.set(dictKey(pair[0]), pair[1]);
    }
    return null;
  },
  copy: (d) => new Map(d),
  clear: (d) => { d.clear(); return null; },
};

/**
 * The Python method `name` of a str, Markup, list or dict value, bound to it; undefined if there is none.
 * @example
 * pyMethod("a,b", "split")?.(",") // ["a", "b"]
 */
export function pyMethod(obj: unknown, name: string): Method | undefined {
  if (typeof obj === "string") {
    const f = STR_METHODS[name];
    return f && Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? (...args) => f(obj, ...placeKeywords(name, args)) : undefined;
  }
  if (obj instanceof Markup) return Object.prototype.hasOwnProperty.call(STR_METHODS, name) || ["join", "striptags", "unescape"].includes(name) ? markupMethod(obj, name) : undefined;
  if (Array.isArray(obj)) {
    const f = LIST_METHODS[name];
    return f && Object.prototype.hasOwnProperty.call(LIST_METHODS, name) ? (...args) => f(obj, ...args) : undefined;
  }
  if (obj instanceof Map) {
    const f = MAP_METHODS[name];
    return f && Object.prototype.hasOwnProperty.call(MAP_METHODS, name) ? (...args) => f(obj, ...args) : undefined;
  }
  const f = DICT_METHODS[name];
  return f && Object.prototype.hasOwnProperty.call(DICT_METHODS, name) ? (...args) => f(obj as Record<string, unknown>, ...args) : undefined;
}

/** Formats one value with a Python format spec (`>10`, `.2f`, `05d`, `,`, ...). */
function formatSpec(value: unknown, spec: string): string {
  if (spec === "") return pyStr(value);
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!m) throw new TemplateRuntimeError(`Invalid format specifier '${spec}' for object of type '${typeName(value)}'`);
  const [, fillChar, alignChar, sign = "-", alt, zero, widthText, grouping, precText, typeChar] = m;
  const fill = fillChar ?? (zero && !alignChar ? "0" : " ");
  const align = alignChar ?? (zero ? "=" : isNumber(value) || typeof value === "boolean" ? ">" : "<");
  const precision = precText === undefined ? undefined : Number(precText);
  let body: string;
  let signStr = "";
  if (isNumber(value) || typeof value === "boolean") {
    const n = num(value);
    const t = typeChar ?? (isFloat(value) ? "" : "d");
    const abs = Math.abs(n);
    signStr = n < 0 || Object.is(n, -0) ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
    switch (t) {
      case "d": case "n": body = String(Math.trunc(abs)); break;
      case "f": case "F": body = toFixedPy(abs, precision ?? 6); break;
      case "%": body = toFixedPy(abs * 100, precision ?? 6) + "%"; break;
      case "e": case "E": body = expFormat(abs, precision ?? 6); if (t === "E") body = body.toUpperCase(); break;
      case "g": case "G": body = gFormat(abs, precision ?? 6, false); break;
      case "x": body = (alt ? "0x" : "") + Math.trunc(abs).toString(16); break;
      case "X": body = (alt ? "0X" : "") + Math.trunc(abs).toString(16).toUpperCase(); break;
      case "o": body = (alt ? "0o" : "") + Math.trunc(abs).toString(8); break;
      case "b": body = (alt ? "0b" : "") + Math.trunc(abs).toString(2); break;
      case "c": body = String.fromCodePoint(abs); break;
      default: body = precision === undefined ? floatRepr(abs) : gFormat(abs, precision, true);
    }
    if (grouping) {
      const [i = "", f] = body.split(".");
      body = i.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (f !== undefined ? "." + f : "");
    }
  } else {
    if (typeChar && typeChar !== "s") throw new TemplateRuntimeError(`Unknown format code '${typeChar}' for object of type '${typeName(value)}'`);
    body = pyStr(value);
    if (precision !== undefined) body = body.slice(0, precision);
  }
  const width = widthText ? Number(widthText) : 0;
  const len = signStr.length + body.length;
  if (len >= width) return signStr + body;
  const padding = width - len;
  if (align === "=") return signStr + fill.repeat(padding) + body;
  const full = signStr + body;
  if (align === "<") return full + fill.repeat(padding);
  if (align === "^") return fill.repeat(Math.floor(padding / 2)) + full + fill.repeat(padding - Math.floor(padding / 2));
  return fill.repeat(padding) + full;
}

function expFormat(n: number, precision: number): string {
  const [m = "", e = "0"] = n.toExponential(precision).split("e");
  const exp = Number(e);
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** `%g` / `{:g}`: precision significant digits, trailing zeros removed. */
function gFormat(n: number, precision: number, keepPointZero: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (n === 0) return keepPointZero ? "0.0" : "0";
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "nan" : "inf";
  const exp = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(p)))));
  let out: string;
  if (exp < -4 || exp >= p) {
    out = expFormat(n, p - 1).replace(/\.?0+e/, "e");
  } else {
    out = toFixedPy(n, Math.max(0, p - 1 - exp));
    if (out.includes(".")) out = out.replace(/\.?0+$/, "");
    if (keepPointZero && !out.includes(".") && !out.includes("e")) out += ".0";
  }
  return out;
}

/** Python's `str.format` (auto and manual numbering, names, attributes, indexes, specs, !r/!s). */
function strFormat(fmt: string, args: unknown[], escapeArgs: boolean): string {
  let kwargs: Record<string, unknown> = {};
  const positional = [...args];
  if (positional[positional.length - 1] instanceof Kwargs) kwargs = (positional.pop() as Kwargs).values;
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (whole, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const path = field ?? "";
    const m = /^([^.[]*)(.*)$/.exec(path) as RegExpExecArray;
    const head = m[1] ?? "";
    let value: unknown;
    if (head === "") value = positional[auto++];
    else if (/^\d+$/.test(head)) value = positional[Number(head)];
    else value = kwargs[head];
    if (value === undefined) throw new TemplateRuntimeError(head === "" || /^\d+$/.test(head) ? `Replacement index ${head || auto - 1} out of range for positional args tuple` : `'${head}'`);
    for (const part of (m[2] ?? "").matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
      const key = part[1] ?? part[2] ?? "";
      value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : (value as Record<string, unknown>)[key];
    }
    if (conv === "r") value = pyRepr(value);
    let text = formatSpec(value, spec ?? "");
    if (escapeArgs && !(value instanceof Markup)) text = escape(text).value;
    return text;
  });
}

/**
 * Python's printf-style `fmt % args`; Markup formats escape their arguments.
 * @example
 * percentFormat("%s is %d", tuple(["x", 3])) // "x is 3"
 */
export function percentFormat(fmt: string | Markup, args: unknown): string | Markup {
  const isMarkup = fmt instanceof Markup;
  const src = isMarkup ? fmt.value : fmt;
  const mapping = isMapping(args) && !Array.isArray(args) ? args : null;
  const list = Array.isArray(args) && isTuple(args) ? args : [args];
  let i = 0;
  let usedMapping = false;
  const out = src.replace(/%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g, (whole, key: string | undefined, flags: string, widthText: string | undefined, precText: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw new TemplateRuntimeError("format requires a mapping");
      usedMapping = true;
      value = mappingGet(mapping, key);
      if (value === undefined) throw new TemplateRuntimeError(pyRepr(key));
    } else {
      if (i >= list.length) throw new TemplateRuntimeError("not enough arguments for format string");
      value = list[i++];
    }
    let width = widthText === "*" ? num(list[i++]) : widthText ? Number(widthText) : 0;
    const precision = precText === "*" ? num(list[i++]) : precText !== undefined ? Number(precText) : undefined;
    let text: string;
    const left = flags.includes("-");
    const zero = flags.includes("0") && !left;
    const plus = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
    if (conv === "s" || conv === "r" || conv === "a") {
      text = conv === "s" ? (isMarkup ? escape(value).value : pyStr(value)) : pyRepr(value);
      if (precision !== undefined) text = text.slice(0, precision);
      return left ? text.padEnd(width) : text.padStart(width);
    }
    if (conv === "c") text = typeof value === "string" ? value : String.fromCodePoint(num(value));
    else {
      if (!isNumber(value) && typeof value !== "boolean") {
        if (value instanceof Undefined) value.fail();
        throw new TemplateRuntimeError(`%${conv} format: a real number is required, not ${typeName(value)}`);
      }
      const n = num(value);
      const abs = Math.abs(n);
      const sign = n < 0 ? "-" : plus;
      let body: string;
      switch (conv) {
        case "d": case "i": case "u": body = String(Math.trunc(abs)); break;
        case "o": body = (flags.includes("#") ? "0o" : "") + Math.trunc(abs).toString(8); break;
        case "x": body = (flags.includes("#") ? "0x" : "") + Math.trunc(abs).toString(16); break;
        case "X": body = (flags.includes("#") ? "0X" : "") + Math.trunc(abs).toString(16).toUpperCase(); break;
        case "e": case "E": body = expFormat(abs, precision ?? 6); if (conv === "E") body = body.toUpperCase(); break;
        case "g": case "G": body = gFormat(abs, precision ?? 6, false); break;
        default: body = toFixedPy(abs, precision ?? 6);
      }
      if (zero && width > sign.length + body.length) body = body.padStart(width - sign.length, "0");
      text = sign + body;
      width = Math.max(width, 0);
    }
    return left ? text.padEnd(width) : text.padStart(width);
  });
  if (!mapping && !usedMapping && i < list.length) throw new TemplateRuntimeError("not all arguments converted during string formatting");
  return isMarkup ? new Markup(out) : out;
}
