/**
 * Python's value model for templates: float vs int, tuples, None/True/False printing, truthiness,
 * equality and ordering, and Jinja2's Undefined kinds.
 */
import { TemplateRuntimeError, UndefinedError } from "./errors.js";

/**
 * A Python float whose value happens to be integral (`1.0`, `4 / 2`); other floats are plain numbers.
 * @example
 * String(new PyFloat(2)) // "2.0"
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
}

/**
 * Makes a float result: integral values keep their float-ness in a PyFloat.
 * @example
 * String(mkFloat(2)) // "2.0"
 */
export function mkFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/**
 * True for Python floats (PyFloat or a non-integral number).
 * @example
 * isFloat(1.5) // true; isFloat(2) // false
 */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/**
 * True for Python numbers (int, float; booleans excluded).
 * @example
 * isNumber(new PyFloat(1)) // true
 */
export function isNumber(v: unknown): v is number | PyFloat {
  return typeof v === "number" || v instanceof PyFloat;
}

/**
 * The JS number of an int/float/bool.
 * @example
 * num(new PyFloat(2)) // 2
 */
export function num(v: unknown): number {
  return typeof v === "number" ? v : v instanceof PyFloat ? v.value : typeof v === "boolean" ? (v ? 1 : 0) : NaN;
}

const TUPLE = Symbol("jinja.tuple");
const RANGE = Symbol("jinja.range");

/**
 * Marks an array as the result of `range()` (printed as `range(0, 3)`, as Python does).
 * @example
 * pyStr(markRange([0, 1, 2], "range(0, 3)")) // "range(0, 3)"
 */
export function markRange<T>(items: T[], repr: string): T[] {
  Object.defineProperty(items, RANGE, { value: repr, enumerable: false });
  return items;
}

/**
 * Marks an array as a Python tuple (only printing differs: `(1, 2)`).
 * @example
 * pyRepr(tuple([1, "a"])) // "(1, 'a')"
 */
export function tuple<T>(items: T[]): T[] {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

/**
 * True when an array was made by {@link tuple}.
 * @example
 * isTuple(tuple([1])) // true
 */
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, boolean>)[TUPLE] === true;
}

/**
 * Python's repr of a float: shortest round-trip digits, exponent outside 1e-4 ≤ |x| < 1e16.
 * @example
 * floatRepr(1e16) // "1e+16"; floatRepr(0.1) // "0.1"
 */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) {
    // Both languages print the shortest round-trip digits in fixed notation in this range.
    const s = String(n);
    return s.includes(".") ? s : s + ".0";
  }
  const [mant = "", expText = "0"] = n.toExponential().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      out = `${intPart}.${digits.slice(exp + 1) || "0"}`;
    } else out = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return neg ? "-" + out : out;
}

/**
 * A plain JS object used as a Python dict.
 * @example
 * isPlainObject({ a: 1 }) // true; isPlainObject(new Date()) // false
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * True for Python mappings: plain objects and Maps.
 * @example
 * isMapping(new Map()) // true
 */
export function isMapping(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return v instanceof Map || isPlainObject(v);
}

/**
 * Keys of a mapping in insertion order.
 * @example
 * mappingKeys({ a: 1, b: 2 }) // ["a", "b"]
 */
export function mappingKeys(v: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
  return v instanceof Map ? [...v.keys()] : Object.keys(v);
}

/**
 * A dict key as Python hashes it: `True == 1`, `1.0 == 1`, Markup as its text.
 * @example
 * dictKey(true) // 1
 */
export function dictKey(key: unknown): unknown {
  if (typeof key === "boolean") return key ? 1 : 0;
  if (key instanceof PyFloat) return key.value;
  if (key !== null && typeof key === "object" && HTML in key) return String(key);
  return key;
}

/**
 * Looks up a key in a mapping; JS `undefined` when missing. Plain objects only have string keys.
 * @example
 * mappingGet({ "1": "one" }, 1) // undefined (Python: no int key 1)
 */
export function mappingGet(v: Record<string, unknown> | Map<unknown, unknown>, key: unknown): unknown {
  if (v instanceof Map) return v.get(dictKey(key));
  const k = dictKey(key);
  return typeof k === "string" && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined;
}

/**
 * Keyword arguments passed to a plain JS function that declares no parameter names (last argument).
 * @example
 * env.globals.tag = (name: string, kw?: Kwargs) => `<${name} class="${kw?.values.cls ?? ""}">`;
 */
export class Kwargs {
  constructor(readonly values: Record<string, unknown>) {}
}

/**
 * How a built-in wants to be called: named parameters (for keyword arguments) and what is passed first.
 * @example
 * withSignature((s: string, n = 1) => s.repeat(n), { params: ["s", "n"] })
 */
export interface Signature {
  params?: string[];
  pass?: "environment" | "evalContext" | "context";
  varKwargs?: boolean;
}

/**
 * Where a function's {@link Signature} is stored.
 * @example
 * (fn as any)[SIGNATURE]?.params // ["s", "n"]
 */
export const SIGNATURE = Symbol("jinja.signature");

/**
 * Attaches a {@link Signature} to a function so templates can pass keyword arguments to it.
 * @example
 * env.filters.shout = withSignature((s: string, mark = "!") => s + mark, { params: ["mark"] });
 */
export function withSignature<F extends (...args: never[]) => unknown>(fn: F, sig: Signature): F {
  (fn as unknown as Record<symbol, Signature>)[SIGNATURE] = sig;
  return fn;
}

/**
 * A Python generator (what `map`, `select` and friends return): iterable once, with no length.
 * @example
 * [...new PyGenerator("sync_do_map", [1, 2])] // [1, 2]
 */
export class PyGenerator {
  constructor(readonly fnName: string, private readonly items: unknown[]) {}
  [Symbol.iterator](): Iterator<unknown> {
    return this.items[Symbol.iterator]();
  }
  toString(): string {
    return `<generator object ${this.fnName}>`;
  }
}

/**
 * Python type name of a value, as in error messages.
 * @example
 * typeName([]) // "list"; typeName(null) // "NoneType"
 */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (v instanceof PyFloat) return "float";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) return isTuple(v) ? "tuple" : "list";
  if (isMapping(v)) return "dict";
  if (typeof v === "function") return "function";
  if (v instanceof Undefined) return v.constructor.name;
  if (v instanceof PyGenerator) return "generator";
  return (v as object).constructor?.name ?? "object";
}

/** `'str object'`-style description used by Undefined messages. */
function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  return `${typeName(v)} object`;
}

const NON_PRINTABLE_RE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** Python's repr of a string. */
function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c > 0x7f && NON_PRINTABLE_RE.test(ch)) {
      out += c < 0x100 ? "\\x" + c.toString(16).padStart(2, "0") : c < 0x10000 ? "\\u" + c.toString(16).padStart(4, "0") : "\\U" + c.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

/**
 * Hook so markup.ts can give Markup its repr without an import cycle.
 * @example
 * HTML in new Markup("x") // true
 */
export const HTML = Symbol.for("jinja.__html__");

/**
 * Python's repr() of a template value.
 * @example
 * pyRepr(["a", 1, null]) // "['a', 1, None]"
 */
export function pyRepr(v: unknown, sortKeys = false): string {
  if (typeof v === "string") return strRepr(v);
  if (v !== null && typeof v === "object" && HTML in v) return `Markup(${strRepr(String(v))})`;
  if (Array.isArray(v)) {
    if ((v as unknown as Record<symbol, unknown>)[RANGE]) return String((v as unknown as Record<symbol, unknown>)[RANGE]);
    const inner = v.map((x) => pyRepr(x, sortKeys)).join(", ");
    if (isTuple(v)) return v.length === 1 ? `(${inner},)` : `(${inner})`;
    return `[${inner}]`;
  }
  if (v instanceof Map) {
    const entries = [...v];
    if (sortKeys) entries.sort((p, q) => pyCompare(p[0], q[0]));
    return `{${entries.map(([k, x]) => `${pyRepr(k, sortKeys)}: ${pyRepr(x, sortKeys)}`).join(", ")}}`;
  }
  if (isPlainObject(v)) {
    const keys = sortKeys ? Object.keys(v).sort() : Object.keys(v);
    return `{${keys.map((k) => `${strRepr(k)}: ${pyRepr(v[k], sortKeys)}`).join(", ")}}`;
  }
  if (v instanceof Set) return v.size ? `{${[...v].map((x) => pyRepr(x, sortKeys)).join(", ")}}` : "set()";
  if (v instanceof Undefined) return v.repr();
  return pyStr(v);
}

/**
 * Python's str() of a template value (what `{{ }}` prints before escaping).
 * @example
 * pyStr(true) // "True"; pyStr(null) // "None"
 */
export function pyStr(v: unknown): string {
  switch (typeof v) {
    case "string": return v;
    case "number": return Number.isInteger(v) ? (Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString()) : floatRepr(v);
    case "boolean": return v ? "True" : "False";
    case "undefined": return "None";
    case "function": return `<function ${v.name || "<lambda>"}>`;
    case "bigint": return v.toString();
    case "symbol": return "";
    default:
  }
  if (v === null) return "None";
  if (v instanceof Undefined) return v.toString();
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (Array.isArray(v) || isMapping(v) || v instanceof Set) return pyRepr(v);
  return String(v);
}

/**
 * Python truthiness.
 * @example
 * truthy([]) // false; truthy("0") // true
 */
export function truthy(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v) ? true : Number.isNaN(v);
  if (typeof v !== "object") return true;
  if (v instanceof Undefined) return v.bool();
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  if (HTML in v) return String(v).length > 0;
  return true;
}

/**
 * Python `==`.
 * @example
 * pyEq(1, new PyFloat(1)) // true; pyEq("1", 1) // false
 */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined || b instanceof Undefined) {
    if (a instanceof Undefined) a.eqCheck();
    if (b instanceof Undefined) b.eqCheck();
    return a instanceof Undefined && b instanceof Undefined && a.constructor === b.constructor;
  }
  if (a === b) return a === a || typeof a !== "number";
  const an = isNumber(a) || typeof a === "boolean";
  const bn = isNumber(b) || typeof b === "boolean";
  if (an || bn) return an && bn && num(a) === num(b);
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  const as = typeof a === "string" || (typeof a === "object" && HTML in a);
  const bs = typeof b === "string" || (typeof b === "object" && HTML in b);
  if (as || bs) return as && bs && String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length || isTuple(a) !== isTuple(b)) return false;
    return a.every((x, i) => pyEq(x, b[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const ak = mappingKeys(a);
    const bk = mappingKeys(b);
    if (ak.length !== bk.length) return false;
    return ak.every((k) => {
      const bv = mappingGet(b, k);
      return bv !== undefined && pyEq(mappingGet(a, k), bv);
    });
  }
  return false;
}

const SURROGATE_RE = /[\ud800-\udfff]/;

/**
 * True when a string has characters outside the BMP (JS length and indexes differ from Python's).
 * @example
 * hasAstral("a😀") // true
 */
export function hasAstral(s: string): boolean {
  return SURROGATE_RE.test(s);
}

/** Python's string order: by code point, not UTF-16 unit. */
function compareCodePoints(x: string, y: string): number {
  if (!SURROGATE_RE.test(x) && !SURROGATE_RE.test(y)) return x < y ? -1 : x > y ? 1 : 0;
  const a = [...x];
  const b = [...y];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i]?.codePointAt(0) ?? 0) - (b[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Python ordering: negative, zero or positive; throws Python's TypeError message for unorderable types.
 * @example
 * pyCompare("a", "b") // -1
 */
export function pyCompare(a: unknown, b: unknown, op = "<"): number {
  const an = isNumber(a) || typeof a === "boolean";
  const bn = isNumber(b) || typeof b === "boolean";
  if (an && bn) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  const as = typeof a === "string" || (a !== null && typeof a === "object" && HTML in a);
  const bs = typeof b === "string" || (b !== null && typeof b === "object" && HTML in b);
  if (as && bs) return compareCodePoints(String(a), String(b));
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  throw new TemplateRuntimeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/**
 * Jinja2's default Undefined: prints as "", iterates as empty, is falsy; anything else raises UndefinedError.
 * @example
 * String(new Undefined({ name: "user" })) // ""
 */
export class Undefined {
  readonly hint: string | undefined;
  readonly obj: unknown;
  readonly name: unknown;
  readonly hasObj: boolean;

  constructor(o: { hint?: string | undefined; obj?: unknown; name?: unknown; hasObj?: boolean } = {}) {
    this.hint = o.hint;
    this.obj = o.obj;
    this.name = o.name;
    this.hasObj = o.hasObj ?? "obj" in o;
  }

  /** The message Jinja2 gives when this undefined is used. */
  message(): string {
    if (this.hint) return this.hint;
    if (!this.hasObj) return `${pyRepr(this.name)} is undefined`;
    if (typeof this.name !== "string") return `${objectTypeRepr(this.obj)} has no element ${pyRepr(this.name)}`;
    return `${strRepr(objectTypeRepr(this.obj))} has no attribute ${strRepr(this.name)}`;
  }

  /** Raises the UndefinedError for this value. */
  fail(): never {
    throw new UndefinedError(this.message());
  }

  /** Attribute access on an undefined value. */
  getattr(_name: string): unknown {
    return this.fail();
  }

  toString(): string {
    return "";
  }

  bool(): boolean {
    return false;
  }

  iter(): unknown[] {
    return [];
  }

  /** Strict undefineds refuse even `==`. */
  eqCheck(): boolean {
    return true;
  }

  repr(): string {
    return "Undefined";
  }
}

/**
 * An Undefined that also fails when printed, iterated, tested for truth or compared.
 * @example
 * new Environment({ undefined: "strict" })
 */
export class StrictUndefined extends Undefined {
  override toString(): string {
    return this.fail();
  }
  override bool(): boolean {
    return this.fail();
  }
  override iter(): unknown[] {
    return this.fail();
  }
  override eqCheck(): boolean {
    return this.fail();
  }
}

/**
 * An Undefined whose attributes and items are undefined too (`a.b.c` prints "" when `a` is missing).
 * @example
 * new Environment({ undefined: "chainable" })
 */
export class ChainableUndefined extends Undefined {
  override getattr(): unknown {
    return this;
  }
}

/**
 * An Undefined that prints itself as `{{ name }}`, to spot missing values in output.
 * @example
 * new Environment({ undefined: "debug" })
 */
export class DebugUndefined extends Undefined {
  override toString(): string {
    if (this.hint) return `{{ undefined value printed: ${this.hint} }}`;
    if (!this.hasObj) return `{{ ${pyStr(this.name)} }}`;
    return `{{ no such element: ${objectTypeRepr(this.obj)}[${pyRepr(this.name)}] }}`;
  }
}

/**
 * The constructor type of the Undefined kinds.
 * @example
 * const kind: UndefinedClass = StrictUndefined;
 */
export type UndefinedClass = new (o?: { hint?: string | undefined; obj?: unknown; name?: unknown; hasObj?: boolean }) => Undefined;

/** The exact decimal digits of a finite double: `digits × 10^-scale` equals it exactly. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (exp >= 0) return { digits: mant << BigInt(exp), scale: 0 };
  return { digits: mant * 5n ** BigInt(-exp), scale: -exp };
}

/**
 * Rounds a float to `ndigits` decimals as Python does: on its exact binary value, ties to even.
 * Returns the decimal text (what `%.Nf` prints).
 * @example
 * toFixedPy(2.675, 2) // "2.67"  (JS's toFixed gives "2.68")
 */
export function toFixedPy(x: number, ndigits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (ndigits <= 20 && Math.abs(x) < 1e21) {
    // toFixed rounds the exact binary value too; only exact ties (JS: up, Python: to even) need the slow path.
    const y = Math.abs(x) * 10 ** ndigits;
    if (y - Math.floor(y) !== 0.5) return x.toFixed(ndigits);
  }
  const { digits, scale } = exactDecimal(x);
  const neg = x < 0 || Object.is(x, -0);
  let scaled: bigint;
  if (scale <= ndigits) scaled = digits * 10n ** BigInt(ndigits - scale);
  else {
    const div = 10n ** BigInt(scale - ndigits);
    const q = digits / div;
    const r = digits % div;
    const twice = r * 2n;
    scaled = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  }
  let text = scaled.toString().padStart(ndigits + 1, "0");
  if (ndigits > 0) text = `${text.slice(0, text.length - ndigits)}.${text.slice(text.length - ndigits)}`;
  return (neg && /[1-9]/.test(text) ? "-" : neg ? "-" : "") + text;
}

/**
 * Python's round(x, ndigits) for floats.
 * @example
 * pyRound(2.675, 2) // 2.67; pyRound(2.5, 0) // 2
 */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  if (ndigits < 0) {
    const f = 10 ** -ndigits;
    return pyRound(x / f, 0) * f;
  }
  return Number(toFixedPy(x, ndigits));
}
