/**
 * What compiled templates call at render time: the render Context, attribute/item lookup as Jinja2's
 * getattr/getitem, Python operators, iteration, the loop object, macros and block references.
 */
import { TemplateRuntimeError } from "./errors.js";
import { escape, Markup } from "./markup.js";
import { percentFormat, pyMethod } from "./python-methods.js";
import {
  dictKey, hasAstral, isFloat, isMapping, isNumber, isPlainObject, isTuple, Kwargs, mappingGet, mkFloat, num, pyEq, pyRepr,
  pyStr, PyFloat, SIGNATURE, tuple, typeName, Undefined, type Signature, type UndefinedClass,
} from "./values.js";

/**
 * What a compiled block function looks like.
 * @example
 * ctx.blocks.content[0](ctx) // renders the most derived `content` block
 */
export type BlockFn = (ctx: Context) => string;

/**
 * Marker for "argument not passed" in macro calls.
 * @example
 * if (arg === MISSING) arg = defaultValue;
 */
export const MISSING: unique symbol = Symbol("jinja.missing");

/**
 * The environment features the runtime needs (kept narrow to avoid an import cycle).
 * @example
 * new Context({ undefinedClass: Undefined, globals: {} }, parent, "page.html", {}, true)
 */
export interface RuntimeEnv {
  undefinedClass: UndefinedClass;
  globals: Record<string, unknown>;
}

/**
 * Autoescape state of the code being run; `{% autoescape %}` blocks make a new one.
 * @example
 * if (ctx.evalCtx.autoescape) value = escape(value);
 */
export interface EvalContext {
  autoescape: boolean;
  environment: RuntimeEnv;
}

/**
 * The variables a template renders with: `parent` (globals and render arguments, read-only) and `vars`
 * (top-level `{% set %}`s, exported to importers), plus the block stacks used by inheritance.
 * @example
 * ctx.resolve("user") // the value, or an Undefined named "user"
 */
export class Context {
  readonly vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  readonly exportedVars = new Set<string>();
  evalCtx: EvalContext;

  constructor(
    readonly environment: RuntimeEnv,
    readonly parent: Record<string, unknown>,
    readonly name: string | undefined,
    readonly blocks: Record<string, BlockFn[]>,
    autoescape: boolean,
  ) {
    this.evalCtx = { autoescape, environment };
  }

  /** A name's value, or an Undefined for it. */
  resolve(key: string): unknown {
    const v = this.vars[key];
    if (v !== undefined) return v;
    const p = this.parent[key];
    if (p !== undefined) return p;
    return new this.environment.undefinedClass({ name: key });
  }

  /** All variables, `vars` over `parent`. */
  getAll(): Record<string, unknown> {
    const all = Object.create(null) as Record<string, unknown>;
    Object.assign(all, this.parent, this.vars);
    return all;
  }

  /** The exported top-level variables (what `import` sees). */
  getExported(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.exportedVars) out[k] = this.vars[k];
    return out;
  }

  /** A new context for a scoped block or include: everything visible plus the caller's locals. */
  derived(locals?: Record<string, unknown>): Context {
    const parent = this.getAll();
    if (locals) for (const k in locals) if (locals[k] !== MISSING) parent[k] = locals[k];
    const blocks: Record<string, BlockFn[]> = Object.create(null) as Record<string, BlockFn[]>;
    for (const k in this.blocks) blocks[k] = [...(this.blocks[k] ?? [])];
    const ctx = new Context(this.environment, parent, this.name, blocks, this.evalCtx.autoescape);
    ctx.evalCtx = this.evalCtx;
    return ctx;
  }
}

/**
 * `super()` and `self.name()` inside blocks: renders one level of a block stack.
 * @example
 * {{ super() }}
 */
export class BlockReference {
  constructor(readonly name: string, private readonly context: Context, private readonly stack: BlockFn[], private readonly depth: number) {}

  /** The parent block's reference (what `super()` renders). */
  get super(): BlockReference | Undefined {
    if (this.depth + 1 >= this.stack.length) {
      return new this.context.environment.undefinedClass({ hint: `there is no parent block called '${this.name}'.`, name: "super" });
    }
    return new BlockReference(this.name, this.context, this.stack, this.depth + 1);
  }

  /** Renders this level of the block. */
  render(): Markup | string {
    const fn = this.stack[this.depth] as BlockFn;
    const out = fn(this.context);
    return this.context.evalCtx.autoescape ? new Markup(out) : out;
  }
}

/**
 * `self` in templates: `self.blockname()` renders a block of the current template again.
 * @example
 * <title>{% block title %}{% endblock %}</title><h1>{{ self.title() }}</h1>
 */
export class TemplateReference {
  constructor(private readonly context: Context) {}
  get(name: string): BlockReference | undefined {
    const stack = this.context.blocks[name];
    return stack ? new BlockReference(name, this.context, stack, 0) : undefined;
  }

  toString(): string {
    return `<TemplateReference ${this.context.name === undefined ? "None" : `'${this.context.name}'`}>`;
  }
}

/**
 * The `loop` variable inside `{% for %}`.
 * @example
 * {% for x in xs %}{{ loop.index }}/{{ loop.length }}{% endfor %}
 */
export class LoopContext {
  index0 = -1;
  private lastChanged: unknown = MISSING;

  constructor(
    private readonly items: unknown[],
    readonly depth0: number,
    private readonly recurseFn: ((items: unknown, depth: number) => string) | null,
    private readonly undefinedClass: UndefinedClass,
  ) {}

  get length(): number { return this.items.length; }
  get index(): number { return this.index0 + 1; }
  get revindex0(): number { return this.items.length - this.index0 - 1; }
  get revindex(): number { return this.items.length - this.index0; }
  get first(): boolean { return this.index0 === 0; }
  get last(): boolean { return this.index0 === this.items.length - 1; }
  get depth(): number { return this.depth0 + 1; }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : new this.undefinedClass({ hint: "there is no previous item", name: "previtem" });
  }
  get nextitem(): unknown {
    return this.index0 + 1 < this.items.length ? this.items[this.index0 + 1] : new this.undefinedClass({ hint: "there is no next item", name: "nextitem" });
  }

  /** Cycles through the arguments, one per iteration. */
  cycle(...args: unknown[]): unknown {
    if (!args.length) throw new TemplateRuntimeError("no items for cycling given");
    return args[this.index0 % args.length];
  }

  /** True on the first call and whenever the value differs from the previous call's. */
  changed(...value: unknown[]): boolean {
    if (this.lastChanged === MISSING || !pyEq(this.lastChanged, value)) {
      this.lastChanged = value;
      return true;
    }
    return false;
  }

  /** `loop(children)` in a recursive loop. */
  recurse(items: unknown): string {
    if (!this.recurseFn) throw new TemplateRuntimeError("The loop must have the 'recursive' marker to be called recursively.");
    return this.recurseFn(items, this.depth0 + 1);
  }

  toString(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}

/**
 * A compiled macro body: takes the argument list (MISSING for omitted ones) and returns the output.
 * @example
 * new Macro(env, (args) => `Hello ${String(args[0])}`, "hello", ["name"], false, false, false, false)
 */
export type MacroFn = (args: unknown[]) => string;

/**
 * A `{% macro %}` (and the `caller` of a call block) as a callable template value.
 * @example
 * {% macro hello(name) %}Hello {{ name }}{% endmacro %}{{ hello("you") }}
 */
export class Macro {
  constructor(
    private readonly env: RuntimeEnv,
    private readonly fn: MacroFn,
    readonly name: string,
    readonly argNames: string[],
    readonly catchKwargs: boolean,
    readonly catchVarargs: boolean,
    readonly caller: boolean,
    private readonly autoescape: boolean,
  ) {}

  /** The parameter names (Jinja2's `Macro.arguments`, a tuple). */
  get arguments(): string[] {
    return tuple([...this.argNames]);
  }

  /** Jinja2's attribute names for templates (`m.catch_varargs`, `m.catch_kwargs`). */
  get catch_varargs(): boolean {
    return this.catchVarargs;
  }

  get catch_kwargs(): boolean {
    return this.catchKwargs;
  }

  /** Calls the macro with Python's argument rules. */
  invoke(args: unknown[], kwargs: Record<string, unknown> | null, autoescape = this.autoescape): Markup | string {
    const count = this.argNames.length;
    const kw: Record<string, unknown> = kwargs ? { ...kwargs } : {};
    const argv: unknown[] = args.slice(0, count);
    let foundCaller = false;
    if (argv.length !== count) {
      for (const name of this.argNames.slice(argv.length)) {
        let value: unknown = MISSING;
        if (Object.prototype.hasOwnProperty.call(kw, name)) {
          value = kw[name];
          delete kw[name];
        }
        if (name === "caller") foundCaller = true;
        argv.push(value);
      }
    } else foundCaller = this.argNames.includes("caller");
    if (this.caller && !foundCaller) {
      let caller = kw.caller;
      delete kw.caller;
      if (caller === undefined || caller === null) caller = new this.env.undefinedClass({ hint: "No caller defined", name: "caller" });
      argv.push(caller);
    }
    if (this.catchKwargs) argv.push(kw);
    else {
      const extra = Object.keys(kw)[0];
      if (extra !== undefined) {
        if (extra === "caller") throw new TemplateRuntimeError(`macro '${this.name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
        throw new TemplateRuntimeError(`macro '${this.name}' takes no keyword argument '${extra}'`);
      }
    }
    if (this.catchVarargs) argv.push(tuple(args.slice(count)));
    else if (args.length > count) throw new TemplateRuntimeError(`macro '${this.name}' takes not more than ${count} argument(s)`);
    const out = this.fn(argv);
    return autoescape ? new Markup(out) : out;
  }

  toString(): string {
    return `<Macro '${this.name}'>`;
  }
}

/**
 * `namespace()`: an object whose attributes `{% set ns.x = ... %}` may change from inside loops.
 * @example
 * {% set ns = namespace(count=0) %}{% for x in xs %}{% set ns.count = ns.count + 1 %}{% endfor %}
 */
export class Namespace {
  constructor(attrs: Record<string, unknown> = {}) {
    Object.assign(this, attrs);
  }
  toString(): string {
    return `<Namespace ${pyRepr({ ...this })}>`;
  }
}

const DICT_METHOD_NAMES = new Set(["items", "keys", "values", "get", "pop", "setdefault", "update", "copy", "clear"]);

const BLOCKED_ATTRS = new Set(["constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]);

/** Raises Python's TypeError-style message as a TemplateRuntimeError. */
function typeError(message: string): never {
  throw new TemplateRuntimeError(message);
}

/**
 * Builds the helpers compiled templates use, bound to one environment's Undefined kind.
 * @example
 * const rt = createRuntime(env); rt.getattr({ a: 1 }, "a") // 1
 */
export function createRuntime(env: RuntimeEnv) {
  const U = (): UndefinedClass => env.undefinedClass;
  const undef = (obj: unknown, name: unknown): Undefined => new (U())({ obj, name, hasObj: true });

  function getattr(obj: unknown, name: string): unknown {
    if (typeof obj === "object" && obj !== null) {
      if (obj instanceof Undefined) return obj.getattr(name);
      if (isPlainObject(obj)) {
        if (!DICT_METHOD_NAMES.has(name)) {
          const v = Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
          return v === undefined ? undef(obj, name) : v;
        }
        return pyMethod(obj, name);
      }
      if (Array.isArray(obj) || obj instanceof Markup || obj instanceof Map) {
        const m = pyMethod(obj, name);
        if (m !== undefined) return m;
        if (obj instanceof Map) {
          const v = obj.get(name);
          return v === undefined ? undef(obj, name) : v;
        }
        if (Array.isArray(obj) && name !== "length" && Object.prototype.hasOwnProperty.call(obj, name) && !/^\d+$/.test(name)) return (obj as unknown as Record<string, unknown>)[name];
        return undef(obj, name);
      }
      if (BLOCKED_ATTRS.has(name)) return undef(obj, name);
      if (obj instanceof TemplateReference) return obj.get(name) ?? undef(obj, name);
      const v = (obj as Record<string, unknown>)[name];
      if (v === undefined) return undef(obj, name);
      if (typeof v === "function") return v.bind(obj) as unknown;
      return v;
    }
    if (typeof obj === "string") {
      const m = pyMethod(obj, name);
      return m === undefined ? undef(obj, name) : m;
    }
    if (obj === undefined) return new (U())({ name });
    if (typeof obj === "function" && !BLOCKED_ATTRS.has(name)) {
      const v = (obj as unknown as Record<string, unknown>)[name];
      return v === undefined ? undef(obj, name) : v;
    }
    return undef(obj, name);
  }

  function getitem(obj: unknown, key: unknown): unknown {
    if (Array.isArray(obj) || typeof obj === "string" || obj instanceof Markup) {
      if (typeof key === "number" && Number.isInteger(key)) {
        const raw = obj instanceof Markup ? obj.value : obj;
        const seq = typeof raw === "string" && hasAstral(raw) ? [...raw] : raw;
        const i = key < 0 ? seq.length + key : key;
        const v = i >= 0 && i < seq.length ? seq[i] : undefined;
        if (v === undefined) return undef(obj, key);
        return obj instanceof Markup ? new Markup(v as string) : v;
      }
      if (typeof key === "boolean") return getitem(obj, key ? 1 : 0);
    } else if (isPlainObject(obj) || obj instanceof Map) {
      const v = mappingGet(obj, key);
      if (v !== undefined) return v;
    } else if (obj instanceof Undefined) return obj.getattr(String(key));
    if (typeof key === "string") {
      const v = getattr(obj, key);
      if (!(v instanceof Undefined) || obj instanceof Undefined) return v;
    }
    return undef(obj, key);
  }

  return { getattr, getitem, undef };
}

/**
 * Converts an iterable template value to an array (Python's iter()).
 * @example
 * iterate({ a: 1, b: 2 }) // ["a", "b"] (a dict iterates over its keys)
 */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...v];
  if (v instanceof Markup) return [...v.value].map((c) => new Markup(c));
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
 * Calls a template value with positional and keyword arguments (macros, loop(), signatures, plain functions).
 * @example
 * call(macro, ["x"], { title: "t" })
 */
export function call(fn: unknown, args: unknown[], kwargs: Record<string, unknown> | null, extra?: { environment?: unknown; evalCtx?: unknown; context?: unknown }): unknown {
  if (typeof fn === "function") {
    const sig = (fn as unknown as Record<symbol, Signature | undefined>)[SIGNATURE];
    if (!sig) return kwargs && Object.keys(kwargs).length ? fn(...args, new Kwargs(kwargs)) : fn(...args);
    const argv = bindArguments(fn.name, sig, args, kwargs);
    if (sig.pass === "environment") argv.unshift(extra?.environment);
    else if (sig.pass === "evalContext") argv.unshift(extra?.evalCtx);
    else if (sig.pass === "context") argv.unshift(extra?.context);
    return fn(...argv);
  }
  if (fn instanceof Macro) return fn.invoke(args, kwargs, (extra?.evalCtx as EvalContext | undefined)?.autoescape);
  if (fn instanceof LoopContext) return fn.recurse(args[0]);
  if (fn instanceof BlockReference) return fn.render();
  if (fn instanceof Undefined) return fn.fail();
  return typeError(`'${typeName(fn)}' object is not callable`);
}

/**
 * Maps keyword arguments onto a signature's named parameters.
 * @example
 * bindArguments("wrap", { params: ["s", "left", "right"] }, ["x"], { right: ">" }) // ["x", undefined, ">"]
 */
export function bindArguments(name: string, sig: Signature, args: unknown[], kwargs: Record<string, unknown> | null): unknown[] {
  const argv = [...args];
  const params = sig.params ?? [];
  if (!kwargs) {
    if (sig.varKwargs) argv.push(new Kwargs({}));
    return argv;
  }
  const rest: Record<string, unknown> = {};
  let hasRest = false;
  for (const key of Object.keys(kwargs)) {
    const i = params.indexOf(key);
    if (i === -1) {
      if (!sig.varKwargs) typeError(`${name || "function"}() got an unexpected keyword argument '${key}'`);
      rest[key] = kwargs[key];
      hasRest = true;
      continue;
    }
    if (i < args.length) typeError(`${name || "function"}() got multiple values for argument '${key}'`);
    while (argv.length < i) argv.push(undefined);
    argv[i] = kwargs[key];
  }
  if (sig.varKwargs) {
    while (argv.length < params.length) argv.push(undefined);
    argv.push(new Kwargs(hasRest ? rest : {}));
  }
  return argv;
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

/**
 * `{% set ns.attr = value %}`: only namespaces may be assigned to.
 * @example
 * setNamespaceAttr(ns, "count", 1) // {% set ns.count = 1 %}
 */
export function setNamespaceAttr(ns: unknown, attr: string, value: unknown): void {
  if (!(ns instanceof Namespace)) throw new TemplateRuntimeError("cannot assign attribute on non-namespace object");
  (ns as unknown as Record<string, unknown>)[attr] = value;
}

export { isMapping };
