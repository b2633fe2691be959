/**
 * What compiled templates call at render time: the render Context, attribute/item lookup as Jinja2's
 * getattr/getitem, calls, the loop object, macros and block references (operators live in operators.ts).
 */
import { TemplateRuntimeError } from "./errors.js";
import { typeError } from "./operators.js";
import { Markup } from "./markup.js";
import { pyMethod } from "./python-methods.js";
import { hasAstral, isPlainObject, Kwargs, mappingGet, pyEq, pyRepr, SIGNATURE, tuple, typeName, Undefined, type Signature, type UndefinedClass } from "./values.js";

/**
 * A static class member naming the attributes templates may read on its instances; everything else is
 * undefined, as in Jinja2. `null` means only the instance's own attributes (namespaces, modules).
 * @example
 * class Cycler { static readonly [TEMPLATE_ATTRS] = new Set(["current", "next", "reset"]); }
 */
export const TEMPLATE_ATTRS = Symbol("jinja.templateAttrs");

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
  static readonly [TEMPLATE_ATTRS] = new Set(["name", "super"]);
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
  static readonly [TEMPLATE_ATTRS] = new Set(["index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0", "previtem", "nextitem", "cycle", "changed"]);
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
  static readonly [TEMPLATE_ATTRS] = new Set(["name", "arguments", "catch_kwargs", "catch_varargs", "caller"]);
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
  static readonly [TEMPLATE_ATTRS] = null;
  constructor(attrs: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(attrs)) setOwn(this, k, v);
  }
  toString(): string {
    return `<Namespace ${pyRepr({ ...this })}>`;
  }
}

const DICT_METHOD_NAMES = new Set(["items", "keys", "values", "get", "pop", "setdefault", "update", "copy", "clear"]);

const BLOCKED_ATTRS = new Set(["constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]);

/** Sets an own, enumerable attribute, even for names such as `__proto__` that are setters on plain assignment. */
function setOwn(obj: object, name: string, value: unknown): void {
  Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A class instance's attribute as Jinja2 would see it: own properties and members of its own classes, never
 * what every JavaScript object inherits (toString, hasOwnProperty, constructor, __proto__).
 */
function memberOf(obj: object, name: string): unknown {
  const proto = Object.getPrototypeOf(obj) as { constructor?: { [TEMPLATE_ATTRS]?: Set<string> | null } } | null;
  const exposed = proto?.constructor?.[TEMPLATE_ATTRS];
  if (exposed === null) {
    const own = Object.getOwnPropertyDescriptor(obj, name);
    return own?.enumerable ? own.value : undefined;
  }
  if (exposed !== undefined) return exposed.has(name) ? (obj as Record<string, unknown>)[name] : undefined;
  if (BLOCKED_ATTRS.has(name)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, name)) return (obj as Record<string, unknown>)[name];
  for (let p = proto as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.prototype.hasOwnProperty.call(p, name)) return (obj as Record<string, unknown>)[name];
  }
  return undefined;
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
      if (obj instanceof TemplateReference) return obj.get(name) ?? undef(obj, name);
      const v = memberOf(obj, name);
      if (v === undefined) return undef(obj, name);
      if (typeof v === "function") return v.bind(obj) as unknown;
      return v;
    }
    if (typeof obj === "string") {
      const m = pyMethod(obj, name);
      return m === undefined ? undef(obj, name) : m;
    }
    if (obj === undefined) return new (U())({ name });
    if (typeof obj === "function") {
      // A function's JS members (name, length, call, bind, prototype) do not exist in Python; attributes a user set do.
      const own = Object.getOwnPropertyDescriptor(obj, name);
      return own?.enumerable && own.value !== undefined ? own.value : undef(obj, name);
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
 * `{% set ns.attr = value %}`: only namespaces may be assigned to.
 * @example
 * setNamespaceAttr(ns, "count", 1) // {% set ns.count = 1 %}
 */
export function setNamespaceAttr(ns: unknown, attr: string, value: unknown): void {
  if (!(ns instanceof Namespace)) throw new TemplateRuntimeError("cannot assign attribute on non-namespace object");
  setOwn(ns, attr, value);
}
