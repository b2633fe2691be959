/**
 * The Environment (configuration, filters, tests, globals, loader, template cache) and Template
 * (a compiled template you render).
 */
import { compileStreaming, compileTemplate, type CompiledTemplate, type StreamingTemplate } from "./compiler.js";
import { TemplateError, TemplateNotFound, TemplateRuntimeError, TemplatesNotFound } from "./errors.js";
import { builtinFilters, type FilterEnv } from "./filters.js";
import { LineIndex, tokenize } from "./lexer.js";
import type { TemplateAST } from "./nodes.js";
import type { Loader } from "./loaders.js";
import { escapeToString, Markup } from "./markup.js";
import { OriginMarks, stripOriginMarks } from "./origin-marks.js";
import { parse } from "./parser.js";
import * as ops from "./operators.js";
import * as rtm from "./runtime.js";
import { bindArguments, BlockReference, Context, createRuntime, TEMPLATE_ATTRS, type BlockFn } from "./runtime.js";
import { defaultGlobals } from "./template-globals.js";
import { builtinTests } from "./tests.js";
import {
  ChainableUndefined, DebugUndefined, Kwargs, PyFloat, pyEq, pyCompare, pyStr, SIGNATURE, StrictUndefined, truthy, tuple,
  Undefined, type Signature, type UndefinedClass,
} from "./values.js";

/**
 * Options of {@link Environment}.
 * @example
 * new Environment({ loader: new DictLoader({ "a.html": "{{ x }}" }), autoescape: true, trimBlocks: true })
 */
export interface EnvironmentOptions {
  loader?: Loader;
  autoescape?: boolean | ((templateName: string | undefined) => boolean);
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  undefined?: "default" | "strict" | "chainable" | "debug";
  autoReload?: boolean;
  markOrigins?: OriginLabeler;
}

/**
 * Turns on origin marks (the Studio's inspect tool): given a loaded template, the file to name in its marks,
 * or undefined to leave it unmarked (a template from a string is never marked).
 * @example
 * const markOrigins: OriginLabeler = (_name, filename) => filename?.replace("/srv/app/", "");
 */
export type OriginLabeler = (name: string, filename: string | undefined) => string | undefined;

/** Where a string block function keeps its streaming twin. */
const STREAMING_BLOCK = Symbol("jinja.streamingBlock");

const UNDEFINED_KINDS: Record<string, UndefinedClass> = { default: Undefined, strict: StrictUndefined, chainable: ChainableUndefined, debug: DebugUndefined };

/**
 * A module made by `{% import %}`: the template's exported macros and variables as attributes.
 * @example
 * {% import "forms.html" as forms %}{{ forms.input("name") }}
 */
export class TemplateModule {
  static readonly [TEMPLATE_ATTRS] = null;
  readonly #body: string;
  constructor(readonly __name__: string | undefined, exported: Record<string, unknown>, body: string) {
    for (const [k, v] of Object.entries(exported)) Object.defineProperty(this, k, { value: v, enumerable: true });
    this.#body = body;
  }
  toString(): string {
    return this.#body;
  }
}

/**
 * A compiled template.
 * @example
 * env.getTemplate("hello.html").render({ name: "World" })
 */
export class Template {
  private defaultModule: TemplateModule | undefined;
  private streaming: StreamingTemplate | undefined;

  constructor(
    readonly environment: Environment,
    private readonly compiled: CompiledTemplate,
    private readonly source: { ast: TemplateAST; text: string; marks?: OriginMarks },
    readonly name: string | undefined,
    readonly filename: string | undefined,
    readonly autoescape: boolean,
    readonly uptodate: (() => boolean) | undefined,
    readonly globals: Record<string, unknown> = {},
  ) {}

  /** Renders to a string. */
  render(context: Record<string, unknown> = {}): string {
    return this.compiled.root(this.newContext(context));
  }

  /**
   * Renders as chunks, produced as they are read (for streamed responses). The streaming code is compiled on
   * first use; chunks break at blocks, includes and every few kilobytes of output.
   */
  *generate(context: Record<string, unknown> = {}): Generator<string, void, void> {
    yield* this.streamRoot(this.newContext(context));
  }

  /** Runs the streaming root with a prepared context (used by extends/include while streaming). */
  streamRoot(ctx: Context): Generator<string, void, void> {
    return this.streamingVariant().root(ctx);
  }

  private streamingVariant(): StreamingTemplate {
    if (!this.streaming) {
      const streaming = this.environment.compileStreamingFor(this.source, this.name, this.autoescape, this.compiled.blocks);
      for (const [name, fn] of Object.entries(streaming.blocks)) {
        (this.compiled.blocks[name] as unknown as Record<symbol, unknown>)[STREAMING_BLOCK] = fn;
      }
      this.streaming = streaming;
    }
    return this.streaming;
  }

  /** Runs the root with a prepared context (used by extends/include). */
  root(ctx: Context): string {
    return this.compiled.root(ctx);
  }

  /** Block functions by name. */
  get blocks(): Record<string, BlockFn> {
    return this.compiled.blocks;
  }

  /** A render context: globals + vars (or vars as-is when `shared`), plus the caller's locals. */
  newContext(vars: Record<string, unknown> = {}, shared = false, locals?: Record<string, unknown> | null): Context {
    let parent: Record<string, unknown>;
    if (shared) parent = vars;
    else {
      parent = Object.create(null) as Record<string, unknown>;
      Object.assign(parent, this.environment.globals, this.globals, vars);
    }
    if (locals) {
      if (shared) parent = Object.assign(Object.create(null) as Record<string, unknown>, parent);
      for (const k in locals) if (locals[k] !== rtm.MISSING && locals[k] !== undefined) parent[k] = locals[k];
    }
    const blocks = Object.create(null) as Record<string, BlockFn[]>;
    for (const k in this.compiled.blocks) blocks[k] = [this.compiled.blocks[k] as BlockFn];
    return new Context(this.environment, parent, this.name, blocks, this.autoescape);
  }

  /** Renders the template as a module (what `{% import %}` returns). */
  makeModule(vars?: Record<string, unknown>, shared = false, locals?: Record<string, unknown> | null): TemplateModule {
    const ctx = this.newContext(vars, shared, locals);
    const body = this.compiled.root(ctx);
    return new TemplateModule(this.name, ctx.getExported(), body);
  }

  /** The module without context, made once. */
  get module(): TemplateModule {
    this.defaultModule ??= this.makeModule();
    return this.defaultModule;
  }
}

function attachPosition(e: unknown, offset: number, info: { name: string | undefined; source: string; lines?: LineIndex; linenoOverrides?: Record<number, number> }): unknown {
  if (!(e instanceof Error)) return e;
  const lines = (info.lines ??= new LineIndex(info.source));
  const lineno = info.linenoOverrides?.[offset] ?? lines.line(offset);
  const position = { templateName: info.name, filename: info.name, lineno, column: lines.column(offset), sourceLine: lines.lineText(lineno) };
  if (e instanceof TemplateError) e.setPosition(position);
  else {
    const target = e as Error & Record<string, unknown>;
    for (const [k, v] of Object.entries(position)) if (target[k] === undefined) target[k] = v;
  }
  return e;
}

/**
 * Holds configuration, filters, tests and globals, and loads, compiles and caches templates.
 * @example
 * const env = new Environment({ loader: new DictLoader({ "a.html": "{{ x|upper }}" }), autoescape: true });
 * env.getTemplate("a.html").render({ x: "<b>" }) // "&lt;B&gt;"
 */
export class Environment implements FilterEnv {
  loader: Loader | undefined;
  autoescape: boolean | ((templateName: string | undefined) => boolean);
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  autoReload: boolean;
  /** Set before the first template loads: compiled templates keep the marks they were compiled with. */
  markOrigins: OriginLabeler | undefined;
  undefinedClass: UndefinedClass;
  globals: Record<string, unknown>;
  filters: Record<string, (...args: any[]) => unknown>;
  tests: Record<string, (...args: any[]) => boolean>;
  private readonly cache = new Map<string, Template>();
  private readonly helpers: ReturnType<typeof createRuntime>;
  private readonly bundle: Record<string, unknown>;

  constructor(opts: EnvironmentOptions = {}) {
    this.loader = opts.loader;
    this.autoescape = opts.autoescape ?? false;
    this.trimBlocks = opts.trimBlocks ?? false;
    this.lstripBlocks = opts.lstripBlocks ?? false;
    this.keepTrailingNewline = opts.keepTrailingNewline ?? false;
    this.autoReload = opts.autoReload ?? true;
    this.markOrigins = opts.markOrigins;
    this.undefinedClass = UNDEFINED_KINDS[opts.undefined ?? "default"] ?? Undefined;
    this.globals = defaultGlobals();
    this.filters = builtinFilters() as Record<string, (...args: any[]) => unknown>;
    this.tests = builtinTests() as Record<string, (...args: any[]) => boolean>;
    this.helpers = createRuntime(this);
    this.bundle = this.makeBundle();
  }

  /** Jinja2's getattr: attribute first, then item. */
  getattr(obj: unknown, name: string): unknown {
    return this.helpers.getattr(obj, name);
  }

  /** Jinja2's getitem: item first, then attribute. */
  getitem(obj: unknown, key: unknown): unknown {
    return this.helpers.getitem(obj, key);
  }

  /** Calls a filter by name (used by `map`). */
  callFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown> | null, context: Context): unknown {
    const fn = this.filters[name];
    if (!fn) throw new TemplateRuntimeError(`No filter named '${name}'.`);
    return callWithSignature(fn, context, [value, ...args], kwargs);
  }

  /** Calls a test by name (used by `select` and friends). */
  callTest(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown> | null, context: Context): boolean {
    const fn = this.tests[name];
    if (!fn) throw new TemplateRuntimeError(`No test named '${name}'.`);
    return Boolean(callWithSignature(fn, context, [value, ...args], kwargs));
  }

  private autoescapeFor(name: string | undefined): boolean {
    return typeof this.autoescape === "function" ? this.autoescape(name) : this.autoescape;
  }

  /** Compiles source into a Template (no caching). */
  compile(source: string, name: string | undefined, filename?: string, uptodate?: () => boolean, globals?: Record<string, unknown>): Template {
    const normalized = source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source;
    const lexing = { name, trimBlocks: this.trimBlocks, lstripBlocks: this.lstripBlocks, keepTrailingNewline: this.keepTrailingNewline };
    const ast = parse(normalized, lexing);
    const autoescape = this.autoescapeFor(name);
    const originFile = name !== undefined ? this.markOrigins?.(name, filename) : undefined;
    const marks = originFile === undefined ? undefined : OriginMarks.scan(originFile, normalized, tokenize(normalized, lexing));
    const compiled = compileTemplate(ast, this, this.bundle, { name, autoescape, source: normalized, ...(marks ? { marks } : {}) });
    return new Template(this, compiled, { ast, text: normalized, ...(marks ? { marks } : {}) }, name, filename ?? name, autoescape, uptodate, globals);
  }

  /** Compiles a template's streaming variant (Template.generate calls this once per template). */
  compileStreamingFor(source: { ast: TemplateAST; text: string; marks?: OriginMarks }, name: string | undefined, autoescape: boolean, blocks: Record<string, BlockFn>): StreamingTemplate {
    return compileStreaming(source.ast, this, this.bundle, { name, autoescape, source: source.text, ...(source.marks ? { marks: source.marks } : {}) }, blocks);
  }

  /** Loads a template by name (cached; re-read when auto-reload is on and the loader says it changed). */
  getTemplate(name: string | Template, parent?: string): Template {
    if (name instanceof Template) return name;
    const key = parent !== undefined ? this.joinPath(name, parent) : name;
    const cached = this.cache.get(key);
    if (cached && (!this.autoReload || !cached.uptodate || cached.uptodate())) return cached;
    if (!this.loader) throw new TemplateNotFound(key, `no loader for this environment specified: ${key}`);
    const src = this.loader.getSource(this, key);
    const template = this.compile(src.source, key, src.filename, src.uptodate);
    this.cache.set(key, template);
    return template;
  }

  /** The first template of `names` that exists. */
  selectTemplate(names: (string | Template)[], parent?: string): Template {
    if (!names.length) throw new TemplatesNotFound([], "Tried to select from an empty list of templates.");
    for (const n of names) {
      if (n instanceof Template) return n;
      try {
        return this.getTemplate(n, parent);
      } catch (e) {
        if (!(e instanceof TemplateNotFound) || e instanceof TemplatesNotFound) throw e;
      }
    }
    throw new TemplatesNotFound(names.map(String));
  }

  /** A name, a Template, or a list of candidates. */
  getOrSelectTemplate(x: unknown, parent?: string): Template {
    if (typeof x === "string" || x instanceof Template) return this.getTemplate(x, parent);
    if (x instanceof Markup) return this.getTemplate(x.value, parent);
    if (Array.isArray(x)) return this.selectTemplate(x as (string | Template)[], parent);
    if (x instanceof Undefined) x.fail();
    if (x === null || x === undefined || x === false || x === 0) throw new TemplatesNotFound([], "Tried to select from an empty list of templates.");
    return this.getTemplate(pyStr(x), parent);
  }

  /** Resolves a template name relative to its parent (Jinja2 returns it unchanged). */
  joinPath(template: string, _parent: string): string {
    return template;
  }

  /** Compiles a template from a string (not cached). */
  fromString(source: string, globals?: Record<string, unknown>): Template {
    return this.compile(source, undefined, undefined, undefined, globals);
  }

  /** Names the loader can list. */
  listTemplates(): string[] {
    return this.loader?.listTemplates?.() ?? [];
  }

  /** Drops every cached template. */
  clearCache(): void {
    this.cache.clear();
  }

  private makeBundle(): Record<string, unknown> {
    return this.bundleFor(this);
  }

  /** The helpers generated code calls, closed over this environment. */
  private bundleFor(env: Environment): Record<string, unknown> {
    return {
      ...this.helpers,
      env,
      pyStr, esc: escapeToString, truthy, pyEq, pyCompare, tuple, MISSING: rtm.MISSING, Markup,
      add: ops.add, sub: ops.sub, mul: ops.mul, div: ops.div, floordiv: ops.floordiv, mod: ops.mod, pow: ops.pow, neg: ops.neg, pos: ops.pos,
      contains: ops.contains, slice: ops.slice, call: (fn: unknown, args: unknown[], kw: Record<string, unknown> | null, ctx: Context) => rtm.call(fn, args, kw, { environment: env, evalCtx: ctx.evalCtx, context: ctx }),
      strJoin: ops.strJoin, markupJoin: ops.markupJoin, makeDict: ops.makeDict, kwargsOf: ops.kwargsOf, iterate: ops.iterate, unpack: ops.unpack,
      LoopContext: rtm.LoopContext, Macro: rtm.Macro, TemplateReference: rtm.TemplateReference, BlockReference,
      setNamespaceAttr: rtm.setNamespaceAttr, TemplateRuntimeError,
      floatConst: (n: number) => new PyFloat(n),
      unmark: stripOriginMarks,
      Undefined,
      rethrow: attachPosition,
      callFilter: (fn: (...a: unknown[]) => unknown, ctx: Context, args: unknown[], kw: Record<string, unknown> | null) => callWithSignature(fn, ctx, args, kw),
      blockSuper: (ctx: Context, name: string, fn: BlockFn) => {
        const stack = ctx.blocks[name] ?? [];
        const i = stack.indexOf(fn);
        if (i === -1 || i + 1 >= stack.length) return new env.undefinedClass({ hint: `there is no parent block called '${name}'.`, name: "super" });
        return new BlockReference(name, ctx, stack, i + 1);
      },
      extend: (ctx: Context, name: unknown, current: string | undefined) => {
        const parent = env.getOrSelectTemplate(name, current);
        for (const [blockName, fn] of Object.entries(parent.blocks)) {
          (ctx.blocks[blockName] ??= []).push(fn);
        }
        return parent;
      },
      include: (ctx: Context, name: unknown, ignoreMissing: boolean, withContext: boolean, locals: Record<string, unknown> | null, current: string | undefined) => {
        let template: Template;
        try {
          template = env.getOrSelectTemplate(name, current);
        } catch (e) {
          if (ignoreMissing && e instanceof TemplateNotFound) return "";
          throw e;
        }
        const sub = withContext ? template.newContext(ctx.getAll(), true, locals) : template.newContext();
        return template.root(sub);
      },
      streamRoot: (template: Template, ctx: Context) => template.streamRoot(ctx),
      streamBlock: function* (ctx: Context, name: string, blockCtx: Context): Generator<string, void, void> {
        const fn = (ctx.blocks[name] ?? [])[0] as BlockFn;
        const streaming = (fn as unknown as Record<symbol, ((c: Context) => Generator<string, void, void>) | undefined>)[STREAMING_BLOCK];
        if (streaming) yield* streaming(blockCtx);
        else yield fn(blockCtx);
      },
      streamInclude: function* (ctx: Context, name: unknown, ignoreMissing: boolean, withContext: boolean, locals: Record<string, unknown> | null, current: string | undefined): Generator<string, void, void> {
        let template: Template;
        try {
          template = env.getOrSelectTemplate(name, current);
        } catch (e) {
          if (ignoreMissing && e instanceof TemplateNotFound) return;
          throw e;
        }
        yield* template.streamRoot(withContext ? template.newContext(ctx.getAll(), true, locals) : template.newContext());
      },
      importModule: (ctx: Context, name: unknown, withContext: boolean, locals: Record<string, unknown> | null, current: string | undefined) => {
        const template = env.getOrSelectTemplate(name, current);
        return withContext ? template.makeModule(ctx.getAll(), true, locals) : template.module;
      },
      fromImport: (mod: TemplateModule, name: string, lineno: number) => {
        const v = (mod as unknown as Record<string, unknown>)[name];
        if (v !== undefined && Object.prototype.hasOwnProperty.call(mod, name)) return v;
        return new env.undefinedClass({ hint: `the template '${mod.__name__}' (imported on line ${lineno}) does not export the requested name '${name}'`, name });
      },
    };
  }
}

/** Calls a filter/test/global honouring its signature (keyword arguments, pass_context and friends). */
function callWithSignature(fn: (...a: unknown[]) => unknown, ctx: Context, args: unknown[], kwargs: Record<string, unknown> | null): unknown {
  const sig = (fn as unknown as Record<symbol, Signature | undefined>)[SIGNATURE];
  if (!sig) return kwargs && Object.keys(kwargs).length ? fn(...args, new Kwargs(kwargs)) : fn(...args);
  const argv = bindArguments(fn.name, sig, args, kwargs);
  if (sig.pass === "environment") argv.unshift(ctx.environment);
  else if (sig.pass === "evalContext") argv.unshift(ctx.evalCtx);
  else if (sig.pass === "context") argv.unshift(ctx);
  return fn(...argv);
}
