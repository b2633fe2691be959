/**
 * Python's operators and value plumbing for compiled templates: `+ - * / // % **`, `in`, slicing,
 * iteration and unpacking, `~` joins and dict literals.
 */
import { TemplateRuntimeError } from "./errors.js";
import { escape, Markup } from "./markup.js";
import { percentFormat } from "./python-methods.js";
import {
  dictKey, hasAstral, isFloat, isMapping, isNumber, isPlainObject, isTuple, mappingGet, mkFloat, num, pyEq, pyStr, PyFloat, tuple,
  typeName, Undefined,
} from "./values.js";

/**
 * Raises Python's TypeError-style message as a TemplateRuntimeError.
 * @example
 * typeError("'int' object is not iterable")
 */
export function typeError(message: string): never {
  throw new TemplateRuntimeError(message);
}

/**
 * Converts an iterable template value to an array (Python's iter()).
 * @example
 * iterate({ a: 1, b: 2 }) // ["a", "b"] (a dict iterates over its keys)
 */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...v];
  if (v instanceof Markup) return [...v.value];
  if (v instanceof Undefined) return v.iter();
  if (isPlainObject(v)) return Object.keys(v);
  if (v instanceof Map) return [...v.keys()];
  if (v !== null && typeof v === "object" && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  return typeError(`'${typeName(v)}' object is not iterable`);
}

/**
 * Unpacks a value into exactly `n` targets (`for a, b in pairs`, `{% set a, b = x %}`).
 * @example
 * unpack(tuple([1, 2]), 2) // [1, 2]
 */
export function unpack(v: unknown, n: number): unknown[] {
  const items = iterate(v);
  if (items.length < n) typeError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  if (items.length > n) typeError(`too many values to unpack (expected ${n})`);
  return items;
}

function checkUndefined(a: unknown, b: unknown): void {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
}

function unsupported(op: string, a: unknown, b: unknown): never {
  checkUndefined(a, b);
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function numeric(a: unknown): boolean {
  return isNumber(a) || typeof a === "boolean";
}

/**
 * Python `a + b`.
 * @example
 * add(1, new PyFloat(1)) // PyFloat 2 (prints "2.0")
 */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (numeric(a) && numeric(b)) return isFloat(a) || isFloat(b) ? mkFloat(num(a) + num(b)) : num(a) + num(b);
  if (a instanceof Markup && (typeof b === "string" || b instanceof Markup)) return a.concat(b);
  if (b instanceof Markup && typeof a === "string") return escape(a).concat(b);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) return isTuple(a) ? tuple([...a, ...b]) : [...a, ...b];
  checkUndefined(a, b);
  if (typeof a === "string" || Array.isArray(a)) typeError(`can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
  return unsupported("+", a, b);
}

/**
 * Python `a - b`.
 * @example
 * sub(5, 2) // 3
 */
export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (numeric(a) && numeric(b)) return isFloat(a) || isFloat(b) ? mkFloat(num(a) - num(b)) : num(a) - num(b);
  return unsupported("-", a, b);
}

/**
 * Python `a * b` (numbers, and sequence repetition).
 * @example
 * mul("ab", 2) // "abab"
 */
export function mul(a: unknown, b: unknown): unknown {
  if (numeric(a) && numeric(b)) return isFloat(a) || isFloat(b) ? mkFloat(num(a) * num(b)) : num(a) * num(b);
  const rep = (seq: unknown, n: unknown): unknown => {
    const times = Math.max(0, num(n));
    if (typeof seq === "string") return seq.repeat(times);
    if (seq instanceof Markup) return new Markup(seq.value.repeat(times));
    const arr = seq as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < times; i++) out.push(...arr);
    return isTuple(arr) ? tuple(out) : out;
  };
  const isSeq = (v: unknown): boolean => typeof v === "string" || v instanceof Markup || Array.isArray(v);
  const isInt = (v: unknown): boolean => (typeof v === "number" && Number.isInteger(v)) || typeof v === "boolean";
  if (isSeq(a) && isInt(b)) return rep(a, b);
  if (isSeq(b) && isInt(a)) return rep(b, a);
  return unsupported("*", a, b);
}

/**
 * Python `a / b` (always a float).
 * @example
 * String(div(4, 2)) // "2.0"
 */
export function div(a: unknown, b: unknown): unknown {
  if (!numeric(a) || !numeric(b)) return unsupported("/", a, b);
  if (num(b) === 0) typeError("division by zero");
  return mkFloat(num(a) / num(b));
}

/**
 * Python `a // b`.
 * @example
 * floordiv(-7, 2) // -4
 */
export function floordiv(a: unknown, b: unknown): unknown {
  if (!numeric(a) || !numeric(b)) return unsupported("//", a, b);
  if (num(b) === 0) typeError(isFloat(a) || isFloat(b) ? "float floor division by zero" : "integer division or modulo by zero");
  const r = Math.floor(num(a) / num(b));
  return isFloat(a) || isFloat(b) ? mkFloat(r) : r;
}

/**
 * Python `a % b`: modulo with the divisor's sign, or printf-style string formatting.
 * @example
 * mod(-5, 3) // 1; mod("%d%%", 5) // "5%"
 */
export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === "string" || a instanceof Markup) return percentFormat(a, b);
  if (!numeric(a) || !numeric(b)) return unsupported("%", a, b);
  const y = num(b);
  if (y === 0) typeError(isFloat(a) || isFloat(b) ? "float modulo" : "integer modulo by zero");
  const x = num(a);
  const r = ((x % y) + y) % y;
  return isFloat(a) || isFloat(b) ? mkFloat(r) : r;
}

/**
 * Python `a ** b`.
 * @example
 * pow(2, -1) // 0.5
 */
export function pow(a: unknown, b: unknown): unknown {
  if (!numeric(a) || !numeric(b)) return unsupported("** or pow()", a, b);
  const r = num(a) ** num(b);
  return isFloat(a) || isFloat(b) || num(b) < 0 ? mkFloat(r) : r;
}

/**
 * Python unary minus.
 * @example
 * neg(3) // -3
 */
export function neg(a: unknown): unknown {
  if (typeof a === "number") return -a;
  if (a instanceof PyFloat) return new PyFloat(-a.value);
  if (typeof a === "boolean") return a ? -1 : 0;
  if (a instanceof Undefined) a.fail();
  return typeError(`bad operand type for unary -: '${typeName(a)}'`);
}

/**
 * Python unary plus.
 * @example
 * pos(true) // 1
 */
export function pos(a: unknown): unknown {
  if (isNumber(a)) return a;
  if (typeof a === "boolean") return a ? 1 : 0;
  if (a instanceof Undefined) a.fail();
  return typeError(`bad operand type for unary +: '${typeName(a)}'`);
}

/**
 * Python `item in container`.
 * @example
 * contains({ a: 1 }, "a") // true
 */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string" || container instanceof Markup) {
    if (typeof item !== "string" && !(item instanceof Markup)) {
      if (item instanceof Undefined) item.fail();
      typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return String(container).includes(String(item));
  }
  if (Array.isArray(container)) {
    for (const x of container) if (pyEq(x, item)) return true;
    return false;
  }
  if (isMapping(container)) {
    return mappingGet(container, item) !== undefined;
  }
  if (container instanceof Set) return container.has(item);
  if (container instanceof Undefined) return container.iter().length > 0;
  if (container === null || typeof container !== "object") typeError(`argument of type '${typeName(container)}' is not iterable`);
  return iterate(container).some((x) => pyEq(x, item));
}

/**
 * Python slicing `seq[start:stop:step]` for lists, tuples, strings and Markup.
 * @example
 * slice([1, 2, 3], null, null, -1) // [3, 2, 1]
 */
export function slice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const st = step === null || step === undefined ? 1 : num(step);
  if (st === 0) typeError("slice step cannot be zero");
  const isMarkup = seq instanceof Markup;
  const text = isMarkup ? seq.value : typeof seq === "string" ? seq : null;
  const src: unknown[] | string = text !== null ? (hasAstral(text) ? [...text] : text) : Array.isArray(seq) ? seq : seq instanceof Undefined ? seq.fail() : typeError(`'${typeName(seq)}' object is not subscriptable`);
  const len = src.length;
  const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    let i = num(v);
    if (i < 0) i += len;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const b = norm(start, 0, 0, len);
    const e = norm(stop, len, 0, len);
    for (let i = b; i < e; i += st) out.push(src[i]);
  } else {
    const b = norm(start, len - 1, -1, len - 1);
    const e = norm(stop, -1, -1, len - 1);
    for (let i = b; i > e; i += st) out.push(src[i]);
  }
  if (text !== null) return isMarkup ? new Markup(out.join("")) : out.join("");
  return isTuple(seq) ? tuple(out) : out;
}

/**
 * `~` with autoescape off: Python str() of each part.
 * @example
 * strJoin(["a", 1, null]) // "a1None"
 */
export function strJoin(parts: unknown[]): string {
  let out = "";
  for (const p of parts) out += pyStr(p);
  return out;
}

/**
 * `~` with autoescape on: if any part is Markup, the rest is escaped and the result is Markup.
 * @example
 * markupJoin([new Markup("<b>"), "<i>"]).toString() // "<b>&lt;i&gt;"
 */
export function markupJoin(parts: unknown[]): string | Markup {
  let safe = false;
  for (const p of parts) if (p instanceof Markup || (p !== null && typeof p === "object" && typeof (p as { __html__?: unknown }).__html__ === "function")) safe = true;
  if (!safe) return strJoin(parts);
  let out = "";
  for (const p of parts) out += escape(p).value;
  return new Markup(out);
}

/**
 * Builds a dict from a `{...}` literal: a Map, so keys keep Python's order and types (`{1: 'a', '1': 'b'}`).
 * Dicts from render arguments stay plain objects.
 * @example
 * makeDict([1, "int", "1", "str"]).size // 2
 */
export function makeDict(pairs: unknown[]): Map<unknown, unknown> {
  const d = new Map<unknown, unknown>();
  for (let i = 0; i < pairs.length; i += 2) d.set(dictKey(pairs[i]), pairs[i + 1]);
  return d;
}

/**
 * `**mapping` in a call: keyword arguments as a plain object.
 * @example
 * kwargsOf(new Map([["c", 3]])) // { c: 3 }
 */
export function kwargsOf(v: unknown): Record<string, unknown> {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [pyStr(k), x]));
  if (isPlainObject(v)) return v;
  if (v instanceof Undefined) return {};
  return typeError(`argument after ** must be a mapping, not ${typeName(v)}`);
}
