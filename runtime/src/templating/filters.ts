/**
 * Jinja2's built-in filters, with the same parameter names (for keyword arguments) and results.
 */
import { TemplateRuntimeError } from "./errors.js";
import { escape, Markup, markSafe, softStr } from "./markup.js";
import { percentFormat, pyCapitalize, pyReplace, pySplit } from "./python-methods.js";
import { htmlSafeJson, pformat, urlize, urlQuote, wrapLine } from "./formatting.js";
import { add, iterate } from "./operators.js";
import type { Context, EvalContext } from "./runtime.js";
import {
  isFloat, isMapping, isTuple, isNumber, isPlainObject, Kwargs, mappingKeys, mkFloat, num, pyCompare, pyEq, pyRepr, pyStr,
  PyFloat, PyGenerator, pyRound, toFixedPy, tuple, truthy, typeName, Undefined, withSignature,
} from "./values.js";

/**
 * What filters need from the environment (kept narrow to avoid an import cycle).
 * @example
 * builtinFilters().attr(env, user, "name") // env: the Environment
 */
export interface FilterEnv {
  getattr(obj: unknown, name: string): unknown;
  getitem(obj: unknown, key: unknown): unknown;
  undefinedClass: new (o?: { hint?: string; obj?: unknown; name?: unknown; hasObj?: boolean }) => Undefined;
  callFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown> | null, context: Context): unknown;
  callTest(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown> | null, context: Context): boolean;
}

type Getter = (item: unknown) => unknown;

/** Jinja2's make_attrgetter: dotted paths, integer parts as indexes, optional lower-casing and default. */
function attrGetter(env: FilterEnv, attribute: unknown, postprocess?: (v: unknown) => unknown, dflt?: unknown): Getter {
  const parts = typeof attribute === "string" ? attribute.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [attribute];
  return (item) => {
    let v = item;
    for (const part of parts) {
      v = env.getitem(v, part);
      if (dflt !== undefined && dflt !== null && v instanceof Undefined) v = dflt;
    }
    return postprocess ? postprocess(v) : v;
  };
}

function multiAttrGetter(env: FilterEnv, attribute: unknown, postprocess?: (v: unknown) => unknown): Getter {
  const names = typeof attribute === "string" ? attribute.split(",") : [attribute];
  const getters = names.map((n) => attrGetter(env, typeof n === "string" ? n.trim() : n, postprocess));
  return (item) => getters.map((g) => g(item));
}

function ignoreCase(v: unknown): unknown {
  return typeof v === "string" ? v.toLowerCase() : v instanceof Markup ? v.value.toLowerCase() : v;
}

function sortKeyCompare(a: unknown, b: unknown): number {
  return pyCompare(a, b, "<");
}

function stableSort<T>(items: T[], key: (x: T) => unknown, reverse: boolean): T[] {
  const keyed = items.map((x, i) => ({ x, k: key(x), i }));
  keyed.sort((p, q) => {
    const c = sortKeyCompare(p.k, q.k);
    return c !== 0 ? (reverse ? -c : c) : p.i - q.i;
  });
  return keyed.map((p) => p.x);
}

function toInt(value: unknown, dflt: unknown = 0, base: unknown = 10): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (isNumber(value)) return Math.trunc(num(value));
  const s = (typeof value === "string" || value instanceof Markup ? String(value) : "").trim().replace(/_/g, "");
  let b = num(base);
  let body = s;
  let sign = 1;
  if (body.startsWith("-") || body.startsWith("+")) {
    sign = body.startsWith("-") ? -1 : 1;
    body = body.slice(1);
  }
  const prefixes: Record<string, number> = { "0x": 16, "0o": 8, "0b": 2 };
  const prefix = prefixes[body.slice(0, 2).toLowerCase()];
  if (prefix !== undefined && (b === prefix || b === 0)) {
    b = prefix;
    body = body.slice(2);
  } else if (b === 0) b = 10;
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
  if (body && [...body.toLowerCase()].every((c) => digits.includes(c))) return sign * parseInt(body, b);
  const f = toFloat(value, null);
  if (f !== null && Number.isFinite(num(f))) return Math.trunc(num(f));
  return dflt;
}

function toFloat(value: unknown, dflt: unknown = new PyFloat(0)): unknown {
  if (isNumber(value)) return mkFloat(num(value));
  if (typeof value === "boolean") return new PyFloat(value ? 1 : 0);
  const s = typeof value === "string" || value instanceof Markup ? String(value).trim().toLowerCase().replace(/_/g, "") : null;
  if (s === null) return dflt;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return mkFloat(Number(s));
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(s)) return NaN;
  return dflt;
}

function list(value: unknown): unknown[] {
  return [...iterate(value)];
}

function aggregate(env: FilterEnv, value: unknown, caseSensitive: unknown, attribute: unknown, pickMax: boolean): unknown {
  const items = list(value);
  if (!items.length) return new env.undefinedClass({ hint: "No aggregated item, sequence was empty." });
  const key = attribute !== undefined && attribute !== null ? attrGetter(env, attribute, truthy(caseSensitive) ? undefined : ignoreCase) : (x: unknown) => (truthy(caseSensitive) ? x : ignoreCase(x));
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    const c = pyCompare(k, bestKey);
    if (pickMax ? c > 0 : c < 0) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function selectOrReject(ctx: Context, env: FilterEnv, value: unknown, args: unknown[], modfunc: (b: boolean) => boolean, lookupAttr: boolean): PyGenerator {
  const positional = [...args];
  const kw = positional[positional.length - 1] instanceof Kwargs ? (positional.pop() as Kwargs).values : null;
  let getter: Getter = (x) => x;
  if (lookupAttr) {
    if (!positional.length) throw new TemplateRuntimeError("Missing parameter for attribute name");
    getter = attrGetter(env, positional.shift());
  }
  const testName = positional.shift();
  const test = testName === undefined ? (v: unknown) => truthy(v) : (v: unknown) => env.callTest(String(testName), v, positional, kw, ctx);
  return new PyGenerator("select_or_reject", list(value).filter((item) => modfunc(test(getter(item)))));
}

const contextSig = { pass: "context" as const, varKwargs: true };

/**
 * The built-in filter table (Jinja2 3.1's `DEFAULT_FILTERS`).
 * @example
 * builtinFilters().upper("hi") // "HI"
 */
export function builtinFilters(): Record<string, (...args: never[]) => unknown> {
  const f = {
    abs: withSignature((v: unknown) => (v instanceof PyFloat ? new PyFloat(Math.abs(v.value)) : Math.abs(num(v))), { params: ["x"] }),
    attr: withSignature((env: FilterEnv, obj: unknown, name: unknown) => {
      if (isPlainObject(obj) || obj instanceof Map || Array.isArray(obj) || typeof obj === "string") {
        const v = env.getattr(obj, String(name));
        if (typeof v === "function") return v;
        return new env.undefinedClass({ obj, name, hasObj: true });
      }
      return env.getattr(obj, String(name));
    }, { pass: "environment", params: ["obj", "name"] }),
    batch: withSignature((value: unknown, linecount: unknown, fillWith: unknown = null) => {
      const n = num(linecount);
      const out: unknown[][] = [];
      let tmp: unknown[] = [];
      for (const item of iterate(value)) {
        if (tmp.length === n) {
          out.push(tmp);
          tmp = [];
        }
        tmp.push(item);
      }
      if (tmp.length) {
        if (fillWith !== null && tmp.length < n) while (tmp.length < n) tmp.push(fillWith);
        out.push(tmp);
      }
      return out;
    }, { params: ["value", "linecount", "fill_with"] }),
    capitalize: withSignature((s: unknown) => {
      const v = softStr(s);
      return v instanceof Markup ? new Markup(pyCapitalize(v.value)) : pyCapitalize(v);
    }, { params: ["s"] }),
    center: withSignature((value: unknown, width: unknown = 80) => {
      if (value instanceof Markup) return new Markup((f.center as (v: unknown, w: unknown) => string)(value.value, width));
      const s = pyStr(value);
      const w = num(width);
      const len = [...s].length;
      if (len >= w) return s;
      const total = w - len;
      const left = Math.floor(total / 2) + (total & w & 1);
      return " ".repeat(left) + s + " ".repeat(total - left);
    }, { params: ["value", "width"] }),
    default: withSignature((value: unknown, dflt: unknown = "", boolean: unknown = false) => {
      if (value instanceof Undefined || (truthy(boolean) && !truthy(value))) return dflt;
      return value;
    }, { params: ["value", "default_value", "boolean"] }),
    dictsort: withSignature((value: unknown, caseSensitive: unknown = false, by: unknown = "key", reverse: unknown = false) => {
      if (!isMapping(value)) throw new TemplateRuntimeError("dictsort filter requires a mapping");
      const pos = by === "key" ? 0 : by === "value" ? 1 : -1;
      if (pos === -1) throw new TemplateRuntimeError("You can only sort by either \"key\" or \"value\"");
      const items = mappingKeys(value).map((k) => tuple([k, value instanceof Map ? value.get(k) : (value as Record<string, unknown>)[k as string]]));
      return stableSort(items, (item) => (truthy(caseSensitive) ? item[pos] : ignoreCase(item[pos])), truthy(reverse));
    }, { params: ["value", "case_sensitive", "by", "reverse"] }),
    escape: withSignature((s: unknown) => escape(s), { params: ["s"] }),
    filesizeformat: withSignature((value: unknown, binary: unknown = false) => {
      const bytes = num(toFloat(value));
      const bin = truthy(binary);
      const base = bin ? 1024 : 1000;
      const prefixes = bin ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
      if (bytes === 1) return "1 Byte";
      if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
      let unit = base;
      let prefix = "";
      for (let i = 0; i < prefixes.length; i++) {
        unit = base ** (i + 2);
        prefix = prefixes[i] as string;
        if (bytes < unit) break;
      }
      return `${toFixedPy((base * bytes) / unit, 1)} ${prefix}`;
    }, { params: ["value", "binary"] }),
    first: withSignature((env: FilterEnv, seq: unknown) => {
      const items = iterate(seq);
      return items.length ? items[0] : new env.undefinedClass({ hint: "No first item, sequence was empty." });
    }, { pass: "environment", params: ["seq"] }),
    float: withSignature((value: unknown, dflt: unknown = new PyFloat(0)) => toFloat(value, dflt), { params: ["value", "default"] }),
    forceescape: withSignature((value: unknown) => escape(pyStr(value instanceof Markup ? value.value : value)), { params: ["value"] }),
    format: withSignature((value: unknown, ...rest: unknown[]) => {
      const kw = rest[rest.length - 1] instanceof Kwargs ? (rest.pop() as Kwargs).values : {};
      if (rest.length && Object.keys(kw).length) throw new TemplateRuntimeError("can't handle positional and keyword arguments at the same time");
      const s = softStr(value);
      const args = Object.keys(kw).length ? kw : tuple(rest);
      return percentFormat(s, args);
    }, { params: ["value"], varKwargs: true }),
    groupby: withSignature((env: FilterEnv, value: unknown, attribute: unknown, dflt: unknown = null, caseSensitive: unknown = false) => {
      const keyFn = attrGetter(env, attribute, truthy(caseSensitive) ? undefined : ignoreCase, dflt);
      const sorted = stableSort(list(value), keyFn, false);
      const groups: unknown[][] = [];
      let lastKey: unknown = Symbol("none");
      let current: unknown[] | null = null;
      for (const item of sorted) {
        const k = keyFn(item);
        if (current === null || !pyEq(k, lastKey)) {
          current = [];
          groups.push(current);
          lastKey = k;
        }
        current.push(item);
      }
      const out = attrGetter(env, attribute, undefined, dflt);
      return groups.map((items) => {
        const grouper = truthy(caseSensitive) ? keyFn(items[0]) : out(items[0]);
        const g = tuple([grouper, items]);
        Object.defineProperty(g, "grouper", { value: grouper, enumerable: false });
        Object.defineProperty(g, "list", { value: items, enumerable: false });
        return g;
      });
    }, { pass: "environment", params: ["value", "attribute", "default", "case_sensitive"] }),
    indent: withSignature((s: unknown, width: unknown = 4, first: unknown = false, blank: unknown = false) => {
      const indention = typeof width === "string" ? width : " ".repeat(num(width));
      const isMarkup = s instanceof Markup;
      const text = (isMarkup ? s.value : pyStr(s)) + "\n";
      const lines = text.split(/\r\n|\r|\n/);
      lines.pop();
      let rv: string;
      if (truthy(blank)) rv = lines.join("\n" + indention);
      else {
        rv = lines.shift() ?? "";
        if (lines.length) rv += "\n" + lines.map((l) => (l ? indention + l : l)).join("\n");
      }
      if (truthy(first)) rv = indention + rv;
      return isMarkup ? new Markup(rv) : rv;
    }, { params: ["s", "width", "first", "blank"] }),
    int: withSignature((value: unknown, dflt: unknown = 0, base: unknown = 10) => toInt(value, dflt, base), { params: ["value", "default", "base"] }),
    items: withSignature((value: unknown) => {
      if (value instanceof Undefined) return [];
      if (!isMapping(value)) throw new TemplateRuntimeError("Can only get item pairs from a mapping.");
      return mappingKeys(value).map((k) => tuple([k, value instanceof Map ? value.get(k) : (value as Record<string, unknown>)[k as string]]));
    }, { params: ["value"] }),
    join: withSignature((ec: EvalContext, value: unknown, d: unknown = "", attribute: unknown = null) => {
      let items = list(value);
      if (attribute !== null && attribute !== undefined) items = items.map(attrGetter(ec.environment as unknown as FilterEnv, attribute));
      if (!ec.autoescape) return items.map(pyStr).join(pyStr(d));
      if (!(d instanceof Markup)) {
        if (items.some((i) => i instanceof Markup)) return escape(d).join(items);
        return items.map(pyStr).join(pyStr(d));
      }
      return d.join(items);
    }, { pass: "evalContext", params: ["value", "d", "attribute"] }),
    last: withSignature((env: FilterEnv, seq: unknown) => {
      if (seq instanceof PyGenerator) throw new TemplateRuntimeError("'generator' object is not reversible");
      const items = iterate(seq);
      return items.length ? items[items.length - 1] : new env.undefinedClass({ hint: "No last item, sequence was empty." });
    }, { pass: "environment", params: ["seq"] }),
    length: withSignature((obj: unknown) => {
      if (typeof obj === "string" || obj instanceof Markup) return [...String(obj)].length;
      if (obj instanceof Undefined) return obj.iter().length;
      if (Array.isArray(obj)) return obj.length;
      if (obj instanceof Map || obj instanceof Set) return obj.size;
      if (isPlainObject(obj)) return Object.keys(obj).length;
      throw new TemplateRuntimeError(`object of type '${typeName(obj)}' has no len()`);
    }, { params: ["obj"] }),
    list: withSignature((value: unknown) => list(value), { params: ["value"] }),
    lower: withSignature((s: unknown) => {
      const v = softStr(s);
      return v instanceof Markup ? new Markup(v.value.toLowerCase()) : v.toLowerCase();
    }, { params: ["s"] }),
    map: withSignature((ctx: Context, value: unknown, ...args: unknown[]) => {
      const env = ctx.environment as unknown as FilterEnv;
      const kwObj = args[args.length - 1] instanceof Kwargs ? (args.pop() as Kwargs).values : {};
      const kw = { ...kwObj };
      const items = list(value);
      if (!args.length && "attribute" in kw) {
        const attribute = kw.attribute;
        delete kw.attribute;
        const dflt = kw.default;
        delete kw.default;
        const extra = Object.keys(kw)[0];
        if (extra !== undefined) throw new TemplateRuntimeError(`Unexpected keyword argument '${extra}'`);
        return new PyGenerator("sync_do_map", items.map(attrGetter(env, attribute, undefined, dflt)));
      }
      const name = args.shift();
      if (name === undefined) throw new TemplateRuntimeError("map requires a filter argument");
      return new PyGenerator("sync_do_map", items.map((item) => env.callFilter(String(name), item, args, Object.keys(kw).length ? kw : null, ctx)));
    }, { ...contextSig, params: ["value"] }),
    max: withSignature((env: FilterEnv, value: unknown, caseSensitive: unknown = false, attribute: unknown = null) => aggregate(env, value, caseSensitive, attribute, true), { pass: "environment", params: ["value", "case_sensitive", "attribute"] }),
    min: withSignature((env: FilterEnv, value: unknown, caseSensitive: unknown = false, attribute: unknown = null) => aggregate(env, value, caseSensitive, attribute, false), { pass: "environment", params: ["value", "case_sensitive", "attribute"] }),
    pprint: withSignature((value: unknown) => pformat(value), { params: ["value"] }),
    random: withSignature((env: FilterEnv, seq: unknown) => {
      const items = iterate(seq);
      if (!items.length) return new env.undefinedClass({ hint: "No random item, sequence was empty." });
      return items[Math.floor(Math.random() * items.length)];
    }, { pass: "environment", params: ["seq"] }),
    reject: withSignature((ctx: Context, value: unknown, ...args: unknown[]) => selectOrReject(ctx, ctx.environment as unknown as FilterEnv, value, args, (b) => !b, false), { ...contextSig, params: ["value"] }),
    rejectattr: withSignature((ctx: Context, value: unknown, ...args: unknown[]) => selectOrReject(ctx, ctx.environment as unknown as FilterEnv, value, args, (b) => !b, true), { ...contextSig, params: ["value"] }),
    replace: withSignature((ec: EvalContext, s: unknown, old: unknown, nw: unknown, count: unknown = null) => {
      const doReplace = (src: string, o: string, n: string): string => pyReplace(src, o, n, count);
      if (!ec.autoescape) return doReplace(pyStr(s), pyStr(old), pyStr(nw));
      const target = (old instanceof Markup || nw instanceof Markup) && !(s instanceof Markup) ? escape(s) : softStr(s);
      if (target instanceof Markup) return new Markup(doReplace(target.value, pyStr(old instanceof Markup ? old.value : old), escape(nw).value));
      return doReplace(target, pyStr(old), pyStr(nw));
    }, { pass: "evalContext", params: ["s", "old", "new", "count"] }),
    reverse: withSignature((value: unknown) => {
      if (typeof value === "string") return [...value].reverse().join("");
      if (value instanceof Markup) return new Markup([...value.value].reverse().join(""));
      return [...iterate(value)].reverse();
    }, { params: ["value"] }),
    round: withSignature((value: unknown, precision: unknown = 0, method: unknown = "common") => {
      if (method !== "common" && method !== "ceil" && method !== "floor") throw new TemplateRuntimeError("method must be common, ceil or floor");
      const p = num(precision);
      if (!isNumber(value) && typeof value !== "boolean") {
        if (value instanceof Undefined) value.fail();
        throw new TemplateRuntimeError(`type ${typeName(value)} doesn't define __round__ method`);
      }
      const x = num(value);
      if (method === "common") {
        if (!isFloat(value)) {
          if (p >= 0) return x;
          const f = 10 ** -p;
          const q = Math.floor(x / f);
          const r = x - q * f;
          return (r * 2 > f || (r * 2 === f && q % 2 !== 0) ? q + 1 : q) * f;
        }
        return mkFloat(pyRound(x, p));
      }
      const f = 10 ** p;
      return mkFloat((method === "ceil" ? Math.ceil(x * f) : Math.floor(x * f)) / f + 0);
    }, { params: ["value", "precision", "method"] }),
    safe: withSignature((value: unknown) => markSafe(value), { params: ["value"] }),
    select: withSignature((ctx: Context, value: unknown, ...args: unknown[]) => selectOrReject(ctx, ctx.environment as unknown as FilterEnv, value, args, (b) => b, false), { ...contextSig, params: ["value"] }),
    selectattr: withSignature((ctx: Context, value: unknown, ...args: unknown[]) => selectOrReject(ctx, ctx.environment as unknown as FilterEnv, value, args, (b) => b, true), { ...contextSig, params: ["value"] }),
    slice: withSignature((value: unknown, slices: unknown, fillWith: unknown = null) => {
      const seq = list(value);
      const n = num(slices);
      const per = Math.floor(seq.length / n);
      const extra = seq.length % n;
      let offset = 0;
      const out: unknown[][] = [];
      for (let i = 0; i < n; i++) {
        const start = offset + i * per;
        if (i < extra) offset++;
        const end = offset + (i + 1) * per;
        const tmp = seq.slice(start, end);
        if (fillWith !== null && i >= extra) tmp.push(fillWith);
        out.push(tmp);
      }
      return out;
    }, { params: ["value", "slices", "fill_with"] }),
    sort: withSignature((env: FilterEnv, value: unknown, reverse: unknown = false, caseSensitive: unknown = false, attribute: unknown = null) => {
      const post = truthy(caseSensitive) ? undefined : ignoreCase;
      const key = attribute !== null && attribute !== undefined ? multiAttrGetter(env, attribute, post) : (x: unknown) => (post ? post(x) : x);
      return stableSort(list(value), key, truthy(reverse));
    }, { pass: "environment", params: ["value", "reverse", "case_sensitive", "attribute"] }),
    string: withSignature((value: unknown) => softStr(value), { params: ["value"] }),
    striptags: withSignature((value: unknown) => new Markup(pyStr(value instanceof Markup ? value.value : value)).striptags(), { params: ["value"] }),
    sum: withSignature((env: FilterEnv, iterable: unknown, attribute: unknown = null, start: unknown = 0) => {
      let items = list(iterable);
      if (attribute !== null && attribute !== undefined) items = items.map(attrGetter(env, attribute));
      if (typeof start === "string" || start instanceof Markup) throw new TemplateRuntimeError("sum() can't sum strings [use ''.join(seq) instead]");
      let total: unknown = start;
      for (const item of items) total = add(total, item);
      return total;
    }, { pass: "environment", params: ["iterable", "attribute", "start"] }),
    title: withSignature((s: unknown) => {
      const v = softStr(s);
      const text = v instanceof Markup ? v.value : v;
      return text.split(/([-\s({[<]+)/).filter(Boolean).map((item) => (item[0] as string).toUpperCase() + item.slice(1).toLowerCase()).join("");
    }, { params: ["s"] }),
    tojson: withSignature((value: unknown, indent: unknown = null) => htmlSafeJson(value, indent === null ? null : num(indent)), { params: ["value", "indent"] }),
    trim: withSignature((value: unknown, chars: unknown = null) => {
      const v = softStr(value);
      const text = v instanceof Markup ? v.value : v;
      const set = chars === null || chars === undefined ? null : pyStr(chars);
      let a = 0;
      let b = text.length;
      const isStrip = (c: string): boolean => (set === null ? /\s/.test(c) : set.includes(c));
      while (a < b && isStrip(text[a] as string)) a++;
      while (b > a && isStrip(text[b - 1] as string)) b--;
      return v instanceof Markup ? new Markup(text.slice(a, b)) : text.slice(a, b);
    }, { params: ["value", "chars"] }),
    truncate: withSignature((s: unknown, length: unknown = 255, killwords: unknown = false, end: unknown = "...", leeway: unknown = null) => {
      const chars = [...pyStr(s)];
      const len = num(length);
      const e = pyStr(end);
      const lw = leeway === null || leeway === undefined ? 5 : num(leeway);
      if (len < e.length) throw new TemplateRuntimeError(`expected length >= ${e.length}, got ${len}`);
      if (lw < 0) throw new TemplateRuntimeError(`expected leeway >= 0, got ${lw}`);
      if (chars.length <= len + lw) return s instanceof Markup ? s : chars.join("");
      const head = chars.slice(0, len - [...e].length).join("");
      const i = head.lastIndexOf(" ");
      const kept = truthy(killwords) ? head : i === -1 ? head : head.slice(0, i);
      return s instanceof Markup ? new Markup(kept).concat(end) : kept + e;
    }, { params: ["s", "length", "killwords", "end", "leeway"] }),
    unique: withSignature((env: FilterEnv, value: unknown, caseSensitive: unknown = false, attribute: unknown = null) => {
      const post = truthy(caseSensitive) ? undefined : ignoreCase;
      const key = attribute !== null && attribute !== undefined ? attrGetter(env, attribute, post) : (x: unknown) => (post ? post(x) : x);
      const seen: unknown[] = [];
      const out: unknown[] = [];
      for (const item of list(value)) {
        const k = key(item);
        if (Array.isArray(k) && !isTuple(k) || isMapping(k)) throw new TemplateRuntimeError(`unhashable type: '${isMapping(k) ? "dict" : "list"}'`);
        if (!seen.some((s) => pyEq(s, k))) {
          seen.push(k);
          out.push(item);
        }
      }
      return out;
    }, { pass: "environment", params: ["value", "case_sensitive", "attribute"] }),
    upper: withSignature((s: unknown) => {
      const v = softStr(s);
      return v instanceof Markup ? new Markup(v.value.toUpperCase()) : v.toUpperCase();
    }, { params: ["s"] }),
    urlencode: withSignature((value: unknown) => {
      const iterable = Array.isArray(value) || isMapping(value) || (value !== null && typeof value === "object" && Symbol.iterator in value);
      if (typeof value === "string" || value instanceof Markup || !iterable) return urlQuote(value, false);
      const pairs: unknown[] = isMapping(value) ? mappingKeys(value).map((k) => [k, value instanceof Map ? value.get(k) : (value as Record<string, unknown>)[k as string]]) : list(value);
      return pairs.map((p) => {
        const [k, v] = iterate(p);
        return `${urlQuote(k, true)}=${urlQuote(v, true)}`;
      }).join("&");
    }, { params: ["value"] }),
    urlize: withSignature((ec: EvalContext, value: unknown, trimUrlLimit: unknown = null, nofollow: unknown = false, target: unknown = null, rel: unknown = null, extraSchemes: unknown = null) => {
      const rels = new Set(pySplit(rel === null || rel === undefined ? "" : pyStr(rel), null, -1));
      if (truthy(nofollow)) rels.add("nofollow");
      rels.add("noopener");
      const schemes = extraSchemes === null || extraSchemes === undefined ? [] : iterate(extraSchemes).map(pyStr);
      for (const scheme of schemes) if (!/^[a-zA-Z][\w+.-]*:(\/\/)?$/.test(scheme)) throw new TemplateRuntimeError(`${pyRepr(scheme)} is not a valid URI scheme prefix.`);
      const rv = urlize(pyStr(value), trimUrlLimit === null ? null : num(trimUrlLimit), [...rels].sort().join(" ") || null, target === null ? null : pyStr(target), schemes);
      return ec.autoescape ? new Markup(rv) : rv;
    }, { pass: "evalContext", params: ["value", "trim_url_limit", "nofollow", "target", "rel", "extra_schemes"] }),
    wordcount: withSignature((s: unknown) => (pyStr(s).match(/[\p{L}\p{N}_]+/gu) ?? []).length, { params: ["s"] }),
    wordwrap: withSignature((s: unknown, width: unknown = 79, breakLongWords: unknown = true, wrapstring: unknown = null, breakOnHyphens: unknown = true) => {
      const wrap = wrapstring === null || wrapstring === undefined ? "\n" : pyStr(wrapstring);
      const lines = pyStr(s).split(/\r\n|\r|\n/);
      if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
      return lines.map((line) => wrapLine(line, num(width), truthy(breakLongWords), truthy(breakOnHyphens)).join(wrap)).join(wrap);
    }, { params: ["s", "width", "break_long_words", "wrapstring", "break_on_hyphens"] }),
    xmlattr: withSignature((ec: EvalContext, d: unknown, autospace: unknown = true) => {
      const items: string[] = [];
      if (isMapping(d)) {
        for (const key of mappingKeys(d)) {
          const value = d instanceof Map ? d.get(key) : (d as Record<string, unknown>)[key as string];
          if (value === null || value === undefined || value instanceof Undefined) continue;
          if (/[\s/>=]/.test(String(key))) throw new TemplateRuntimeError(`Invalid character in attribute name: ${pyRepr(key)}`);
          items.push(`${escape(key).value}="${escape(value).value}"`);
        }
      }
      let rv = items.join(" ");
      if (truthy(autospace) && rv) rv = " " + rv;
      return ec.autoescape ? new Markup(rv) : rv;
    }, { pass: "evalContext", params: ["d", "autospace"] }),
  };
  return { ...f, count: f.length, d: f.default, e: f.escape };
}
