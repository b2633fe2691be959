/**
 * Compiles a template AST to JavaScript (one `new Function` per template, run once and cached by the
 * Environment). Names follow Jinja2's scoping: a for-loop, macro, with, call or filter block is a new frame
 * (its `set`s do not leak), `if` is not; top-level `set`s are exported through the context.
 */
import { TemplateAssertionError, TemplateRuntimeError } from "./errors.js";
import { LineIndex } from "./lexer.js";
import type { OriginMarks } from "./origin-marks.js";
import type { BlockNode, CallArgs, Expr, FilterNode, ForNode, MacroNode, NameNode, Span, Stmt, TemplateAST } from "./nodes.js";
import { directLoads, storedNames, targetNames, usesName, walk } from "./symbols.js";
import type { Context, BlockFn } from "./runtime.js";
import { SIGNATURE, type Signature } from "./values.js";

/**
 * The environment features the compiler needs: filter and test tables.
 * @example
 * compileTemplate(ast, { filters: env.filters, tests: env.tests }, bundle, opts)
 */
export interface CompilerEnv {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
}

/**
 * What compiling a template produces.
 * @example
 * compileTemplate(ast, env, bundle, opts).root(ctx) // the rendered text
 */
export interface CompiledTemplate {
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
}

/**
 * The streaming variant: root and blocks are generators yielding chunks as they are produced.
 * @example
 * for (const chunk of streamed.root(ctx)) send(chunk);
 */
export interface StreamingTemplate {
  root: (ctx: Context) => Generator<string, void, void>;
  blocks: Record<string, (ctx: Context) => Generator<string, void, void>>;
}

/** Output buffered before a streaming template yields a chunk. */
const STREAM_CHUNK = 8192;

/**
 * The generated code's only way to reach the runtime (built by the Environment).
 * @example
 * { getattr, getitem, pyStr, esc, truthy, call, env } // built by Environment
 */
export type TemplateRuntimeBundle = Record<string, unknown>;

/**
 * What the compiler needs to know about the template besides its AST; `marks` splices the inspect tool's
 * origin marks into the template text (see origin-marks.ts).
 * @example
 * { name: "page.html", autoescape: true, source }
 */
export interface CompileOptions {
  name: string | undefined;
  autoescape: boolean;
  source: string;
  marks?: OriginMarks;
}

interface Frame {
  vars: Map<string, string>;
  toplevel: boolean;
}

interface FnScope {
  lines: string[];
  resolves: Map<string, string>;
  temps: number;
  frames: Frame[];
  isRoot: boolean;
  blockName: string | null;
  generator: boolean;
}

const LOOP_ATTRS = new Set(["index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0", "previtem", "nextitem"]);

const OUTPUT_STATEMENTS = new Set(["Output", "Block", "Include", "CallBlock", "FilterBlock"]);

/** Stands in for a filter or test that does not exist, failing only if it is actually called. */
function missingCallable(message: string): () => never {
  return () => {
    throw new TemplateRuntimeError(message);
  };
}

function jsIdent(name: string): string {
  return name.replace(/[^\w$]/g, (c) => "$" + c.charCodeAt(0).toString(16));
}

/**
 * Compiles a parsed template into its root render function and block functions.
 * @example
 * const compiled = compileTemplate(parse("Hi {{ name }}"), env, runtimeBundle, { name: "hi.txt", autoescape: false, source });
 */
export function compileTemplate(ast: TemplateAST, env: CompilerEnv, rt: TemplateRuntimeBundle, opts: CompileOptions): CompiledTemplate {
  return build(ast, env, rt, opts, null) as CompiledTemplate;
}

/**
 * Compiles the streaming variant of a template; `blocks` are the string block functions of the same template
 * (`super()` and `self` keep using them).
 * @example
 * const streamed = compileStreaming(ast, env, bundle, { name, autoescape, source }, compiled.blocks);
 */
export function compileStreaming(ast: TemplateAST, env: CompilerEnv, rt: TemplateRuntimeBundle, opts: CompileOptions, blocks: Record<string, BlockFn>): StreamingTemplate {
  return build(ast, env, rt, opts, blocks) as StreamingTemplate;
}

function build(ast: TemplateAST, env: CompilerEnv, rt: TemplateRuntimeBundle, opts: CompileOptions, stringBlocks: Record<string, BlockFn> | null): unknown {
  const compiler = new Compiler(env, opts.name, opts.autoescape, new LineIndex(opts.source), stringBlocks !== null, opts.marks);
  const code = compiler.compile(ast);
  const factory = new Function("rt", "F", "T", "K", "INFO", "SB", code) as (rt: TemplateRuntimeBundle, f: unknown[], t: unknown[], k: unknown[], info: unknown, sb: unknown) => unknown;
  return factory(rt, compiler.filterFns, compiler.testFns, compiler.constants, { name: opts.name, source: opts.source, linenoOverrides: compiler.linenoOverrides }, stringBlocks);
}

class Compiler {
  readonly filterFns: unknown[] = [];
  readonly testFns: unknown[] = [];
  readonly constants: unknown[] = [];
  private readonly filterIndex = new Map<string, number>();
  private readonly testIndex = new Map<string, number>();
  private scope!: FnScope;
  private out = "out";
  private outCounter = 0;
  private frameCounter = 0;
  private autoescape: boolean | "volatile";
  private extendsSeen = false;
  private knownExtends = false;
  readonly linenoOverrides: Record<number, number> = {};
  private softDepth = 0;
  /** Inside a `{% filter %}` or `{% set %}` block, whose text the template transforms or measures: no marks. */
  private unmarkedDepth = 0;
  private readonly blockDefs: string[] = [];
  private readonly blockNames: string[] = [];

  constructor(
    private readonly env: CompilerEnv,
    private readonly name: string | undefined,
    autoescape: boolean,
    private readonly lines: LineIndex,
    private readonly stream = false,
    private readonly marks?: OriginMarks,
  ) {
    this.autoescape = autoescape;
  }

  /** True where streaming code may hand out a chunk: the main buffer of a root or block generator. */
  private canYield(): boolean {
    return this.stream && this.scope.generator && this.out === "out";
  }

  private flushChunk(): void {
    this.emit(`if (out !== "") { yield out; out = ""; }`);
  }

  compile(ast: TemplateAST): string {
    this.checkBlocks(ast.body);
    const root = this.fn(true, null, () => {
      this.emit("let parent = null;");
      this.frame(ast.body, true, new Map(), (frame) => {
        this.initStored(ast.body, frame);
        this.stmts(ast.body);
      });
      if (this.canYield()) {
        this.emit("if (parent !== null) {");
        this.flushChunk();
        this.emit("yield* rt.streamRoot(parent, ctx);");
        this.emit("}");
      } else this.emit("if (parent !== null) out += parent.root(ctx);");
    }, [], this.stream);
    const prelude = [
      `"use strict";`,
      `const {getattr, getitem, undef, pyStr, esc, truthy, pyEq, pyCompare, add, sub, mul, div, floordiv, mod, pow, neg, pos, contains, slice, call, strJoin, markupJoin, makeDict, tuple, iterate, unpack, MISSING, Markup, LoopContext, Macro, TemplateReference, BlockReference, setNamespaceAttr, rethrow, callFilter, env} = rt;`,
    ];
    return `${prelude.join("\n")}\n${this.blockDefs.join("\n")}\nconst root = function${this.stream ? "*" : ""} root(ctx) {\n${root}\n};\nreturn { root, blocks: { ${this.blockNames.map((n) => `${JSON.stringify(n)}: block_${jsIdent(n)}`).join(", ")} } };`;
  }

  private checkBlocks(body: Stmt[]): void {
    const seen = new Set<string>();
    walk(body, (n) => {
      if (n.type === "Block") {
        const b = n as BlockNode;
        if (seen.has(b.name)) this.fail(`block '${b.name}' defined twice`, b);
        seen.add(b.name);
      }
      return true;
    });
  }

  fail(msg: string, at: Span): never {
    throw new TemplateAssertionError(msg, { templateName: this.name, lineno: at.lineno, column: this.lines.column(at.start), sourceLine: this.lines.lineText(at.lineno) });
  }

  private emit(line: string): void {
    this.scope.lines.push(line);
  }

  /** Generates a JS function body; returns it with hoisted name lookups and temporaries declared. */
  private fn(isRoot: boolean, blockName: string | null, body: () => void, frames: Frame[] = [], generator = false): string {
    const saved = this.scope;
    const savedOut = this.out;
    this.scope = { lines: [], resolves: new Map(), temps: 0, frames, isRoot, blockName, generator };
    this.out = "out";
    body();
    const s = this.scope;
    this.scope = saved;
    this.out = savedOut;
    const decls = [`let out = "", P = 0;`];
    for (let i = 0; i < s.temps; i++) decls.push(`let t${i};`);
    for (const [name, ident] of s.resolves) {
      if (name === "self") decls.push(`const ${ident} = new TemplateReference(ctx);`);
      else if (name === "super" && blockName !== null) {
        const self = this.stream ? `SB[${JSON.stringify(blockName)}]` : `block_${jsIdent(blockName)}`;
        decls.push(`const ${ident} = rt.blockSuper(ctx, ${JSON.stringify(blockName)}, ${self});`);
      }
      else decls.push(`const ${ident} = ctx.resolve(${JSON.stringify(name)});`);
    }
    const end = generator ? `if (out !== "") yield out;` : "return out;";
    return `${decls.join("\n")}\ntry {\n${s.lines.join("\n")}\n} catch (e) { throw rethrow(e, P, INFO); }\n${end}`;
  }

  private temp(): string {
    return `t${this.scope.temps++}`;
  }

  /** Opens a frame whose names (params given, plus stored names) are JS locals. */
  private frame(body: Stmt[], toplevel: boolean, params: Map<string, string>, gen: (frame: Frame) => void): void {
    const frame: Frame = { vars: new Map(params), toplevel };
    this.scope.frames.push(frame);
    try {
      gen(frame);
    } finally {
      this.scope.frames.pop();
    }
  }

  /** Declares the names a frame assigns, starting from the value they had outside it. */
  private initStored(body: Stmt[], frame: Frame): void {
    const id = ++this.frameCounter;
    const rootLoads = frame.toplevel ? directLoads(body) : null;
    for (const name of storedNames(body)) {
      if (frame.vars.has(name)) continue;
      const outer = this.lookup(name);
      const ident = `l${id}_${jsIdent(name)}`;
      // Jinja2: a name a frame assigns starts as the enclosing frame's local, else the context's value; at the
      // root only if the root itself reads it (inner frames reading it first see it undefined).
      const resolved = rootLoads === null || rootLoads.has(name);
      const initial = outer ?? (resolved ? this.loadName(name) : `new env.undefinedClass({ name: ${JSON.stringify(name)} })`);
      this.emit(`let ${ident} = ${initial};`);
      frame.vars.set(name, ident);
    }
  }

  private lookup(name: string): string | null {
    const frames = this.scope.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const ident = (frames[i] as Frame).vars.get(name);
      if (ident !== undefined) return ident;
    }
    return null;
  }

  private loadName(name: string): string {
    const local = this.lookup(name);
    if (local !== null) return local;
    let ident = this.scope.resolves.get(name);
    if (ident === undefined) {
      ident = `r_${jsIdent(name)}`;
      this.scope.resolves.set(name, ident);
    }
    return ident;
  }

  private visibleLocals(): string {
    const seen = new Map<string, string>();
    for (const frame of this.scope.frames) for (const [name, ident] of frame.vars) seen.set(name, ident);
    return `{${[...seen].map(([n, i]) => `${JSON.stringify(n)}: ${i}`).join(", ")}}`;
  }

  private pos(node: Span): void {
    if (node.lineno !== this.lines.line(node.start)) this.linenoOverrides[node.start] = node.lineno;
    this.emit(`P = ${node.start};`);
  }

  private escapeExpr(code: string): string {
    if (this.autoescape === "volatile") return `(ctx.evalCtx.autoescape ? esc(${code}) : pyStr(${code}))`;
    return this.autoescape ? `esc(${code})` : `pyStr(${code})`;
  }

  private markupWrap(code: string): string {
    if (this.autoescape === "volatile") return `(ctx.evalCtx.autoescape ? new Markup(${code}) : ${code})`;
    return this.autoescape ? `new Markup(${code})` : code;
  }

  /**
   * `code`, a value printed by the Jinja tag at `at`, stripped of the origin marks it carries (a macro's,
   * an include's, a block's) where it does not land in HTML text: its tags are no elements there, or the
   * template transforms or measures the text (filter and set blocks).
   */
  private unmarkedUnlessText(code: string, at: number): string {
    return this.keepsMarks(at) ? code : `rt.unmark(${code})`;
  }

  private keepsMarks(at: number): boolean {
    return this.marks === undefined || (this.unmarkedDepth === 0 && this.marks.keepsMarksAt(at));
  }

  private outputGuard(): boolean {
    return this.scope.isRoot && this.extendsSeen && this.out === "out";
  }

  private stmts(body: Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    const guard = this.outputGuard() && OUTPUT_STATEMENTS.has(s.type);
    if (guard) this.emit("if (parent === null) {");
    this.stmtInner(s);
    if (guard) this.emit("}");
    if (s.type === "Output" && this.canYield()) this.emit(`if (out.length >= ${STREAM_CHUNK}) { yield out; out = ""; }`);
  }

  private stmtInner(s: Stmt): void {
    switch (s.type) {
      case "Output": {
        for (const n of s.nodes) {
          if (n.type === "TemplateData") this.emit(`${this.out} += ${JSON.stringify(this.marks && this.unmarkedDepth === 0 ? this.marks.apply(n.data, n.start) : n.data)};`);
          else {
            this.pos(n);
            this.emit(`${this.out} += ${this.escapeExpr(this.unmarkedUnlessText(this.expr(n), n.start))};`);
          }
        }
        return;
      }
      case "If": {
        this.pos(s);
        this.softDepth++;
        this.emit(`if (truthy(${this.expr(s.test)})) {`);
        this.stmts(s.body);
        for (const e of s.elif) {
          this.emit(`} else if ((P = ${e.test.start}, truthy(${this.expr(e.test)}))) {`);
          this.stmts(e.body);
        }
        if (s.else_.length) {
          this.emit("} else {");
          this.stmts(s.else_);
        }
        this.emit("}");
        this.softDepth--;
        return;
      }
      case "For": return this.forLoop(s);
      case "Assign": {
        this.pos(s);
        this.assign(s.target, this.expr(s.node));
        return;
      }
      case "AssignBlock": {
        const captured = this.captureUnmarked(s.body);
        let value = this.markupWrap(captured);
        if (s.filter) value = this.filterChain(s.filter, value);
        this.pos(s);
        this.assign(s.target, value);
        return;
      }
      case "Macro": {
        const code = this.macro(s.name, s.args, s.defaults, s.body, s);
        this.assign({ type: "Name", name: s.name, ctx: "store", lineno: s.lineno, column: s.column, start: s.start, end: s.end }, code);
        return;
      }
      case "CallBlock": {
        const caller = this.macro("caller", s.args, s.defaults, s.body, s);
        this.pos(s);
        const callCode = this.callExpr(s.call.node, s.call, caller);
        this.emit(`${this.out} += ${this.escapeExpr(this.unmarkedUnlessText(callCode, s.start))};`);
        return;
      }
      case "FilterBlock": {
        const captured = this.captureUnmarked(s.body);
        this.pos(s);
        this.emit(`${this.out} += ${this.escapeExpr(this.filterChain(s.filter, this.markupWrap(captured)))};`);
        return;
      }
      case "With": {
        const values = s.values.map((v) => {
          const t = this.temp();
          this.emit(`${t} = ${this.expr(v)};`);
          return t;
        });
        this.emit("{");
        this.frame(s.body, false, new Map(), (frame) => {
          const id = ++this.frameCounter;
          s.targets.forEach((target, i) => {
            const names = new Set<string>();
            targetNames(target, names);
            for (const n of names) {
              const ident = `l${id}_${jsIdent(n)}`;
              frame.vars.set(n, ident);
              this.emit(`let ${ident};`);
            }
            this.assignLocal(target, values[i] as string);
          });
          this.initStored(s.body, frame);
          this.stmts(s.body);
        });
        this.emit("}");
        return;
      }
      case "Block": return this.block(s);
      case "Extends": {
        const top = this.scope.frames[this.scope.frames.length - 1];
        if (!this.scope.isRoot || !top?.toplevel) this.fail("cannot use extend from a non top-level scope", s);
        if (this.extendsSeen) this.emit(`if (parent !== null) throw new rt.TemplateRuntimeError("extended multiple times");`);
        this.pos(s);
        this.emit(`parent = rt.extend(ctx, ${this.expr(s.template)}, INFO.name);`);
        this.extendsSeen = true;
        if (this.softDepth === 0) this.knownExtends = true;
        return;
      }
      case "Include": {
        this.pos(s);
        const args = `ctx, ${this.expr(s.template)}, ${s.ignoreMissing}, ${s.withContext}, ${s.withContext ? this.visibleLocals() : "null"}, INFO.name`;
        // An include stripped of its marks is rendered whole rather than streamed: they come out of its text.
        if (this.canYield() && this.keepsMarks(s.start)) {
          this.flushChunk();
          this.emit(`yield* rt.streamInclude(${args});`);
        } else this.emit(`${this.out} += ${this.unmarkedUnlessText(`rt.include(${args})`, s.start)};`);
        return;
      }
      case "Import": {
        this.pos(s);
        this.assign({ type: "Name", name: s.target, ctx: "store", lineno: s.lineno, column: s.column, start: s.start, end: s.end },
          `rt.importModule(ctx, ${this.expr(s.template)}, ${s.withContext}, ${s.withContext ? this.visibleLocals() : "null"}, INFO.name)`);
        return;
      }
      case "FromImport": {
        this.pos(s);
        const mod = this.temp();
        this.emit(`${mod} = rt.importModule(ctx, ${this.expr(s.template)}, ${s.withContext}, ${s.withContext ? this.visibleLocals() : "null"}, INFO.name);`);
        for (const [name, alias] of s.names) {
          this.assign({ type: "Name", name: alias, ctx: "store", lineno: s.lineno, column: s.column, start: s.start, end: s.end },
            `rt.fromImport(${mod}, ${JSON.stringify(name)}, ${s.lineno})`);
        }
        return;
      }
      case "Autoescape": {
        const saved = this.autoescape;
        const t = this.temp();
        this.emit(`${t} = ctx.evalCtx.autoescape;`);
        const v = s.value;
        if (v.type === "Const") this.autoescape = Boolean(v.value);
        else this.autoescape = "volatile";
        this.pos(s);
        this.emit(`ctx.evalCtx.autoescape = truthy(${this.expr(v)});`);
        this.emit("{");
        this.frame(s.body, false, new Map(), (frame) => {
          this.initStored(s.body, frame);
          this.stmts(s.body);
        });
        this.emit("}");
        this.emit(`ctx.evalCtx.autoescape = ${t};`);
        this.autoescape = saved;
        return;
      }
    }
  }

  /** Runs statements into a fresh output buffer (an inner frame); returns the JS variable holding the text. */
  private captureUnmarked(body: Stmt[]): string {
    this.unmarkedDepth++;
    try {
      return this.capture(body);
    } finally {
      this.unmarkedDepth--;
    }
  }

  private capture(body: Stmt[]): string {
    const buf = `o${++this.outCounter}`;
    const savedOut = this.out;
    this.emit(`let ${buf} = "";`);
    this.emit("{");
    this.out = buf;
    this.frame(body, false, new Map(), (frame) => {
      this.initStored(body, frame);
      this.stmts(body);
    });
    this.out = savedOut;
    this.emit("}");
    return buf;
  }

  private assign(target: Expr, value: string): void {
    const frame = this.scope.frames[this.scope.frames.length - 1] as Frame;
    const names = new Set<string>();
    targetNames(target, names);
    this.assignLocal(target, value);
    if (frame.toplevel) {
      for (const n of names) {
        const ident = this.lookup(n) as string;
        this.emit(`ctx.vars[${JSON.stringify(n)}] = ${ident};`);
        if (!n.startsWith("_")) this.emit(`ctx.exportedVars.add(${JSON.stringify(n)});`);
      }
    }
  }

  private assignLocal(target: Expr, value: string): void {
    if (target.type === "Name") {
      const ident = this.lookup(target.name);
      if (ident === null) throw new Error(`internal: ${target.name} not declared`);
      this.emit(`${ident} = ${value};`);
    } else if (target.type === "Tuple") {
      const t = this.temp();
      this.emit(`${t} = unpack(${value}, ${target.items.length});`);
      target.items.forEach((item, i) => this.assignLocal(item, `${t}[${i}]`));
    } else if (target.type === "NSRef") {
      this.emit(`setNamespaceAttr(${this.loadName(target.name)}, ${JSON.stringify(target.attr)}, ${value});`);
    } else this.fail("can't assign to this expression", target);
  }

  private forLoop(s: ForNode): void {
    this.pos(s);
    const usesLoop = s.recursive || usesName([s.body], "loop", true) || usesName([s.else_], "loop", true);
    const id = ++this.frameCounter;
    const items = `it${id}`;
    const loopVar = `loop${id}`;
    const i = `i${id}`;
    const recurse = s.recursive ? `lf${id}` : null;
    const targets = new Set<string>();
    targetNames(s.target, targets);
    if (targets.has("loop")) this.fail("Can't assign to special loop variable in for-loop target", s);

    const emitLoop = (iterCode: string, depthCode: string): void => {
      this.emit(`let ${items} = iterate(${iterCode});`);
      if (s.test) {
        const filtered = `fl${id}`;
        this.emit(`const ${filtered} = [];`);
        this.emit(`for (const x of ${items}) {`);
        this.frame([], false, new Map(), (frame) => {
          for (const n of targets) {
            const ident = `f${id}_${jsIdent(n)}`;
            frame.vars.set(n, ident);
            this.emit(`let ${ident};`);
          }
          this.assignLocal(s.target, "x");
          this.pos(s.test as Expr);
          this.emit(`if (truthy(${this.expr(s.test as Expr)})) ${filtered}.push(x);`);
        });
        this.emit("}");
        this.emit(`${items} = ${filtered};`);
      }
      if (usesLoop) this.emit(`const ${loopVar} = new LoopContext(${items}, ${depthCode}, ${recurse ? `(x, d) => ${this.markupWrap(`${recurse}(x, d)`)}` : "null"}, env.undefinedClass);`);
      this.emit(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
      if (usesLoop) this.emit(`${loopVar}.index0 = ${i};`);
      this.frame(s.body, false, new Map(), (frame) => {
        for (const n of targets) {
          const ident = `l${id}_${jsIdent(n)}`;
          frame.vars.set(n, ident);
          this.emit(`let ${ident};`);
        }
        if (usesLoop) frame.vars.set("loop", loopVar);
        this.assignLocal(s.target, `${items}[${i}]`);
        this.initStored(s.body, frame);
        this.stmts(s.body);
      });
      this.emit("}");
      if (s.else_.length) {
        this.emit(`if (${items}.length === 0) {`);
        this.frame(s.else_, false, new Map(), (frame) => {
          this.initStored(s.else_, frame);
          this.stmts(s.else_);
        });
        this.emit("}");
      }
    };

    if (!recurse) {
      this.emit("{");
      emitLoop(this.expr(s.iter), "0");
      this.emit("}");
      return;
    }
    const iterCode = this.expr(s.iter);
    const savedOut = this.out;
    const buf = `o${++this.outCounter}`;
    this.emit(`const ${recurse} = (iterValue, depth0) => {`);
    this.emit(`let ${buf} = "";`);
    this.out = buf;
    emitLoop("iterValue", "depth0");
    this.out = savedOut;
    this.emit(`return ${buf};`);
    this.emit("};");
    this.emit(`${this.out} += ${recurse}(${iterCode}, 0);`);
  }

  /** Builds a Macro value (for `{% macro %}` and the `caller` of call blocks). */
  private macro(name: string, args: NameNode[], defaults: Expr[], body: Stmt[], at: Span | MacroNode): string {
    const argNames = args.map((a) => a.name);
    const explicitCaller = argNames.includes("caller");
    if (explicitCaller && argNames.indexOf("caller") < argNames.length - defaults.length) {
      this.fail('When defining macros or call blocks the special "caller" argument must be omitted or be given a default.', at);
    }
    const usesCaller = !explicitCaller && usesName(body, "caller", false);
    const usesKwargs = !argNames.includes("kwargs") && usesName(body, "kwargs", false);
    const usesVarargs = !argNames.includes("varargs") && usesName(body, "varargs", false);
    const outerFrames = [...this.scope.frames];
    const id = ++this.frameCounter;
    const params = new Map<string, string>();
    const order = [...argNames];
    if (usesCaller) order.push("caller");
    if (usesKwargs) order.push("kwargs");
    if (usesVarargs) order.push("varargs");
    for (const n of order) params.set(n, `m${id}_${jsIdent(n)}`);
    const savedAutoescape = this.autoescape;
    const fnBody = this.fn(false, this.scope.blockName, () => {
      this.frame(body, false, params, (frame) => {
        order.forEach((n, i) => this.emit(`let ${params.get(n)} = args[${i}];`));
        const firstDefault = argNames.length - defaults.length;
        argNames.forEach((n, i) => {
          const ident = params.get(n) as string;
          const dflt = i >= firstDefault ? defaults[i - firstDefault] : undefined;
          const fallback = dflt ? this.expr(dflt) : `new env.undefinedClass({ hint: ${JSON.stringify(`parameter '${n}' was not provided`)}, name: ${JSON.stringify(n)} })`;
          this.emit(`if (${ident} === MISSING) ${ident} = ${fallback};`);
        });
        this.initStored(body, frame);
        this.stmts(body);
      });
    }, outerFrames);
    this.autoescape = savedAutoescape;
    const ae = this.autoescape === "volatile" ? "ctx.evalCtx.autoescape" : String(this.autoescape);
    return `new Macro(env, (args) => {\n${fnBody}\n}, ${JSON.stringify(name)}, ${JSON.stringify(argNames)}, ${usesKwargs}, ${usesVarargs}, ${usesCaller}, ${ae})`;
  }

  private block(s: BlockNode): void {
    const name = JSON.stringify(s.name);
    const fnName = `block_${jsIdent(s.name)}`;
    const savedExtends = this.extendsSeen;
    const savedKnown = this.knownExtends;
    const savedAutoescape = this.autoescape;
    const body = this.fn(false, s.name, () => {
      this.extendsSeen = false;
      this.knownExtends = false;
      this.frame(s.body, false, new Map(), (frame) => {
        this.initStored(s.body, frame);
        this.stmts(s.body);
      });
    }, [], this.stream);
    this.extendsSeen = savedExtends;
    this.knownExtends = savedKnown;
    this.autoescape = savedAutoescape;
    this.blockDefs.push(`function${this.stream ? "*" : ""} ${fnName}(ctx) {\n${body}\n}`);
    this.blockNames.push(s.name);
    if (this.scope.isRoot && this.knownExtends) return;
    this.pos(s);
    if (s.required) this.emit(`if (ctx.blocks[${name}].length <= 1) throw new rt.TemplateRuntimeError(${JSON.stringify(`Required block '${s.name}' not found`)});`);
    const context = s.scoped ? `ctx.derived(${this.visibleLocals()})` : "ctx";
    // As for includes: a block stripped of its marks is rendered whole rather than streamed.
    if (this.canYield() && this.keepsMarks(s.start)) {
      this.flushChunk();
      this.emit(`yield* rt.streamBlock(ctx, ${name}, ${context});`);
    } else this.emit(`${this.out} += ${this.unmarkedUnlessText(`ctx.blocks[${name}][0](${context})`, s.start)};`);
  }

  private filterRef(name: string, at: Span): { ref: string; sig: Signature | undefined } {
    let i = this.filterIndex.get(name);
    if (i === undefined) {
      let fn = this.env.filters[name];
      if (typeof fn !== "function") {
        if (this.softDepth === 0) this.fail(`No filter named '${name}'.`, at);
        fn = missingCallable(`No filter named '${name}' found.`);
      }
      i = this.filterFns.length;
      this.filterFns.push(fn);
      this.filterIndex.set(name, i);
    }
    const fn = this.filterFns[i] as Record<symbol, Signature | undefined>;
    return { ref: `F[${i}]`, sig: fn[SIGNATURE] };
  }

  private testRef(name: string, at: Span): { ref: string; sig: Signature | undefined } {
    let i = this.testIndex.get(name);
    if (i === undefined) {
      let fn = this.env.tests[name];
      if (typeof fn !== "function") {
        if (this.softDepth === 0) this.fail(`No test named '${name}'.`, at);
        fn = missingCallable(`No test named '${name}' found.`);
      }
      i = this.testFns.length;
      this.testFns.push(fn);
      this.testIndex.set(name, i);
    }
    const fn = this.testFns[i] as Record<symbol, Signature | undefined>;
    return { ref: `T[${i}]`, sig: fn[SIGNATURE] };
  }

  private passArg(sig: Signature | undefined): string | null {
    if (!sig?.pass) return null;
    return sig.pass === "environment" ? "env" : sig.pass === "evalContext" ? "ctx.evalCtx" : "ctx";
  }

  /** Applies a filter (or test) call: direct positional call when possible, keyword binding otherwise. */
  private applyCallable(ref: { ref: string; sig: Signature | undefined }, value: string, c: CallArgs): string {
    const args = [value, ...c.args.map((a) => this.expr(a))];
    if (!c.kwargs.length && !c.dynArgs && !c.dynKwargs) {
      const pass = this.passArg(ref.sig);
      return `${ref.ref}(${[...(pass ? [pass] : []), ...args].join(", ")})`;
    }
    const argList = c.dynArgs ? `[${[...args, `...iterate(${this.expr(c.dynArgs)})`].join(", ")}]` : `[${args.join(", ")}]`;
    return `callFilter(${ref.ref}, ctx, ${argList}, ${this.kwargsCode(c)})`;
  }

  private kwargsCode(c: CallArgs, extra?: string): string {
    const parts = c.kwargs.map((k) => `${JSON.stringify(k.key)}: ${this.expr(k.value)}`);
    if (extra) parts.push(extra);
    const literal = `{${parts.join(", ")}}`;
    if (c.dynKwargs) return `Object.assign(${literal}, rt.kwargsOf(${this.expr(c.dynKwargs)}))`;
    return parts.length ? literal : "null";
  }

  /** Applies a filter chain whose innermost node is empty (`{% filter a|b %}`, `{% set x | a|b %}`) to a value. */
  private filterChain(f: FilterNode, value: string): string {
    const inner = f.node === null ? value : f.node.type === "Filter" ? this.filterChain(f.node, value) : this.expr(f.node);
    return this.filter(f, inner);
  }

  private filter(f: FilterNode, value: string): string {
    return this.applyCallable(this.filterRef(f.name, f), value, f);
  }

  /** The JS variable of a `loop` that is known to be this compiler's LoopContext, or null. */
  private loopIdent(node: Expr): string | null {
    if (node.type !== "Name" || node.name !== "loop") return null;
    const ident = this.lookup("loop");
    return ident !== null && ident.startsWith("loop") ? ident : null;
  }

  private callExpr(callee: Expr, c: CallArgs, caller?: string): string {
    const args = c.args.map((a) => this.expr(a));
    if (callee.type === "Getattr" && (callee.attr === "cycle" || callee.attr === "changed") && !c.kwargs.length && !c.dynArgs && !c.dynKwargs && !caller) {
      const loop = this.loopIdent(callee.node);
      if (loop !== null) return `${loop}.${callee.attr}(${args.join(", ")})`;
    }
    const argList = c.dynArgs ? `[${[...args, `...iterate(${this.expr(c.dynArgs)})`].join(", ")}]` : `[${args.join(", ")}]`;
    const kw = this.kwargsCode(c, caller ? `caller: ${caller}` : undefined);
    return `call(${this.expr(callee)}, ${argList}, ${kw}, ctx)`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  expr(e: Expr): string {
    switch (e.type) {
      case "Const": {
        const v = e.value;
        if (typeof v === "number") {
          if (e.isFloat && Number.isInteger(v)) return `rt.floatConst(${v})`;
          return Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : "-Infinity";
        }
        return JSON.stringify(v);
      }
      case "Name": {
        if (e.name === "loop") {
          const local = this.lookup("loop");
          if (local !== null) return local;
        }
        return this.loadName(e.name);
      }
      case "Tuple": return `tuple([${e.items.map((i) => this.expr(i)).join(", ")}])`;
      case "List": return `[${e.items.map((i) => this.expr(i)).join(", ")}]`;
      case "Dict": return `makeDict([${e.items.map((p) => `${this.expr(p.key)}, ${this.expr(p.value)}`).join(", ")}])`;
      case "Getattr": {
        const loop = this.loopIdent(e.node);
        if (loop !== null && LOOP_ATTRS.has(e.attr)) return `${loop}.${e.attr}`;
        return `getattr(${this.expr(e.node)}, ${JSON.stringify(e.attr)})`;
      }
      case "Getitem": {
        if (e.arg.type === "Slice") {
          const a = e.arg;
          const part = (x: Expr | null): string => (x ? this.expr(x) : "null");
          return `slice(${this.expr(e.node)}, ${part(a.startExpr)}, ${part(a.stopExpr)}, ${part(a.stepExpr)})`;
        }
        return `getitem(${this.expr(e.node)}, ${this.expr(e.arg)})`;
      }
      case "Slice": return this.fail("slice outside of subscript", e);
      case "Call": return this.callExpr(e.node, e);
      case "Filter": {
        if (!e.node) return this.fail("filter without a value", e);
        // A filter measures or transforms text (`|length`, `|upper`): it gets the text without marks, so
        // the page is the one an unmarked render gives; the marks of a macro's filtered output are lost.
        const value = this.expr(e.node);
        return this.filter(e, this.marks === undefined ? value : `rt.unmark(${value})`);
      }
      case "Test": return `${this.applyCallable(this.testRef(e.name, e), this.expr(e.node), e)}`;
      case "CondExpr": {
        this.softDepth++;
        const test = this.expr(e.test);
        const then = this.expr(e.expr1);
        const otherwise = e.expr2 ? this.expr(e.expr2)
          : `new rt.Undefined({ hint: ${JSON.stringify(`the inline if-expression on line ${e.lineno}${this.name !== undefined ? ` in '${this.name}'` : ""} evaluated to false and no else section was defined.`)} })`;
        this.softDepth--;
        return `(truthy(${test}) ? ${then} : ${otherwise})`;
      }
      case "BinOp": return `${e.op}(${this.expr(e.left)}, ${this.expr(e.right)})`;
      case "And": {
        const t = this.temp();
        return `(${t} = ${this.expr(e.left)}, truthy(${t}) ? ${this.expr(e.right)} : ${t})`;
      }
      case "Or": {
        const t = this.temp();
        return `(${t} = ${this.expr(e.left)}, truthy(${t}) ? ${t} : ${this.expr(e.right)})`;
      }
      case "Unary":
        if (e.op === "not") return `!truthy(${this.expr(e.node)})`;
        return `${e.op}(${this.expr(e.node)})`;
      case "Concat": {
        if (e.nodes.every((n) => this.isConstant(n))) return `strJoin([${e.nodes.map((n) => this.expr(n)).join(", ")}])`;
        const parts = `[${e.nodes.map((n) => this.expr(n)).join(", ")}]`;
        if (this.autoescape === "volatile") return `(ctx.evalCtx.autoescape ? markupJoin(${parts}) : strJoin(${parts}))`;
        return this.autoescape ? `markupJoin(${parts})` : `strJoin(${parts})`;
      }
      case "Compare": {
        let left = this.expr(e.expr);
        const checks: string[] = [];
        e.ops.forEach((op, i) => {
          const last = i === e.ops.length - 1;
          let right = this.expr(op.expr);
          if (!last) {
            const t = this.temp();
            right = `(${t} = ${right})`;
            checks.push(this.compareCode(op.op, left, right));
            left = t;
          } else checks.push(this.compareCode(op.op, left, right));
        });
        return `(${checks.join(" && ")})`;
      }
      case "NSRef": return `getattr(${this.loadName(e.name)}, ${JSON.stringify(e.attr)})`;
    }
  }

  /** Whether Jinja2's optimizer would fold this expression to a constant (it folds `~` to a plain str). */
  private isConstant(e: Expr): boolean {
    switch (e.type) {
      case "Const": return true;
      case "Tuple": case "List": return e.items.every((i) => this.isConstant(i));
      case "Filter": {
        const fn = this.env.filters[e.name];
        if (typeof fn !== "function" || e.name === "random") return false;
        if ((fn as unknown as Record<symbol, Signature | undefined>)[SIGNATURE]?.pass === "context") return false;
        return e.node !== null && this.isConstant(e.node) && e.args.every((a) => this.isConstant(a)) && e.kwargs.every((k) => this.isConstant(k.value)) && !e.dynArgs && !e.dynKwargs;
      }
      case "BinOp": return this.isConstant(e.left) && this.isConstant(e.right);
      case "Unary": return this.isConstant(e.node);
      case "Concat": return e.nodes.every((n) => this.isConstant(n));
      default: return false;
    }
  }

  private compareCode(op: string, a: string, b: string): string {
    switch (op) {
      case "eq": return `pyEq(${a}, ${b})`;
      case "ne": return `!pyEq(${a}, ${b})`;
      case "lt": return `(pyCompare(${a}, ${b}, "<") < 0)`;
      case "lteq": return `(pyCompare(${a}, ${b}, "<=") <= 0)`;
      case "gt": return `(pyCompare(${a}, ${b}, ">") > 0)`;
      case "gteq": return `(pyCompare(${a}, ${b}, ">=") >= 0)`;
      case "in": return `contains(${b}, ${a})`;
      default: return `!contains(${b}, ${a})`;
    }
  }
}
