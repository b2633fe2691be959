/**
 * Jinja2 parser: tokens to the AST in nodes.ts, following jinja2/parser.py rule for rule
 * (operator precedence, tuple rules, statement syntax and error messages).
 */
import { TemplateAssertionError, TemplateSyntaxError } from "./errors.js";
import { LineIndex, tokenize, type LexerOptions, type Token, type TokenType } from "./lexer.js";
import type {
  BlockNode, CallArgs, CallNode, CompareNode, DictNode, Expr, FilterNode, ForNode, IfNode, KeywordNode,
  ListNode, NameNode, OperandNode, OutputNode, PairNode, Span, Stmt, TemplateAST, TemplateDataNode,
} from "./nodes.js";

const STATEMENT_KEYWORDS = new Set(["for", "if", "block", "extends", "print", "macro", "include", "from", "import", "set", "with", "autoescape"]);
const COMPARE_OPS = new Set<TokenType>(["eq", "ne", "lt", "lteq", "gt", "gteq"]);

const TOKEN_DESCRIPTIONS: Partial<Record<TokenType, string>> = {
  add: "+", sub: "-", div: "/", floordiv: "//", mul: "*", mod: "%", pow: "**", tilde: "~", lbracket: "[", rbracket: "]",
  lparen: "(", rparen: ")", lbrace: "{", rbrace: "}", eq: "==", ne: "!=", gt: ">", gteq: ">=", lt: "<", lteq: "<=",
  assign: "=", dot: ".", colon: ":", pipe: "|", comma: ",", semicolon: ";",
  block_begin: "begin of statement block", block_end: "end of statement block", variable_begin: "begin of print statement",
  variable_end: "end of print statement", eof: "end of template", data: "template data / text",
};

function describeType(type: string): string {
  return TOKEN_DESCRIPTIONS[type as TokenType] ?? type;
}

function describeToken(token: Token): string {
  return token.type === "name" ? token.value : describeType(token.type);
}

/** "name:endfor" style expression → its description for error messages. */
function describeExpr(expr: string): string {
  const i = expr.indexOf(":");
  return i !== -1 && expr.slice(0, i) === "name" ? expr.slice(i + 1) : describeType(expr);
}

/**
 * Options for {@link parse}: the lexer's whitespace settings and the template name used in errors.
 * @example
 * parse(src, { name: "page.html", trimBlocks: true })
 */
export type ParseOptions = LexerOptions;

/**
 * Parses Jinja2 source into a {@link TemplateAST}; throws TemplateSyntaxError with line, column and source line.
 * @example
 * const ast = parse("Hello {{ user.name }}");
 * ast.body[0] // { type: "Output", nodes: [TemplateData "Hello ", Getattr user.name], start: 0, end: 21, ... }
 */
export function parse(source: string, opts: ParseOptions = {}): TemplateAST {
  if (!source.includes("\r")) return new Parser(source, opts).parseTemplate();
  const normalized = source.replace(/\r\n?/g, "\n");
  const ast = new Parser(normalized, opts).parseTemplate();
  // Offsets were found in the text with \r\n turned into \n; map them back onto the text the caller gave.
  const original = new Int32Array(normalized.length + 1);
  let o = 0;
  for (let n = 0; n < normalized.length; n++) {
    original[n] = o;
    o += source[o] === "\r" && source[o + 1] === "\n" ? 2 : 1;
  }
  original[normalized.length] = source.length;
  const remap = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) remap(n);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const span = node as Partial<Span> & Record<string, unknown>;
    if (typeof span.start === "number" && typeof span.end === "number") {
      span.start = original[span.start] ?? span.start;
      span.end = original[span.end] ?? span.end;
    }
    for (const key of Object.keys(span)) if (typeof span[key] === "object") remap(span[key]);
  };
  remap(ast);
  return ast;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];
  private readonly lines: LineIndex;

  constructor(source: string, private readonly opts: ParseOptions) {
    this.tokens = tokenize(source, opts);
    this.lines = new LineIndex(source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source);
  }

  private get current(): Token {
    return this.tokens[this.pos] as Token;
  }

  private type(): TokenType {
    return this.current.type;
  }

  private look(): Token {
    return this.tokens[this.pos + 1] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private get lastEnd(): number {
    return this.pos > 0 ? (this.tokens[this.pos - 1] as Token).end : 0;
  }

  private next(): Token {
    const t = this.current;
    if (t.type !== "eof") this.pos++;
    return t;
  }

  private test(expr: string): boolean {
    const t = this.current;
    const i = expr.indexOf(":");
    if (i === -1) return t.type === expr;
    return t.type === expr.slice(0, i) && t.value === expr.slice(i + 1);
  }

  private skipIf(expr: string): boolean {
    if (this.test(expr)) {
      this.next();
      return true;
    }
    return false;
  }

  private expect(expr: string): Token {
    if (!this.test(expr)) {
      const t = this.current;
      if (t.type === "eof") this.fail(`unexpected end of template, expected '${describeExpr(expr)}'.`, t);
      this.fail(`expected token '${describeExpr(expr)}', got '${describeToken(t)}'`, t);
    }
    return this.next();
  }

  fail(msg: string, at: { lineno: number; start: number } = this.current, cls: typeof TemplateSyntaxError = TemplateSyntaxError): never {
    throw new cls(msg, {
      templateName: this.opts.name,
      lineno: at.lineno,
      column: this.lines.column(at.start),
      sourceLine: this.lines.lineText(at.lineno),
    });
  }

  /** Span from a start token to the last consumed token. */
  private span(from: Token | Span): Span {
    return { lineno: from.lineno, column: from.column, start: from.start, end: Math.max(this.lastEnd, from.start) };
  }

  parseTemplate(): TemplateAST {
    const body = this.subparse(null);
    return { type: "Template", body, lineno: 1, column: 1, start: 0, end: this.current.end };
  }

  private subparse(endTokens: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    let data: (TemplateDataNode | Expr)[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    const flush = (): void => {
      if (data.length === 0) return;
      const first = data[0] as Span;
      const last = data[data.length - 1] as Span;
      body.push({ type: "Output", nodes: data, lineno: first.lineno, column: first.column, start: first.start, end: last.end });
      data = [];
    };
    try {
      while (this.type() !== "eof") {
        const token = this.current;
        if (token.type === "data") {
          data.push({ type: "TemplateData", data: token.value, lineno: token.lineno, column: token.column, start: token.start, end: token.end });
          this.next();
        } else if (token.type === "variable_begin") {
          this.next();
          data.push(this.parseTuple({ withCondexpr: true }));
          this.expect("variable_end");
        } else if (token.type === "block_begin") {
          flush();
          this.next();
          if (endTokens && endTokens.some((e) => this.test(e))) return body;
          const rv = this.parseStatement(token);
          this.expect("block_end");
          rv.end = this.lastEnd;
          body.push(rv);
        } else {
          this.fail("internal parsing error", token);
        }
      }
      flush();
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
    return body;
  }

  private parseStatement(begin: Token): Stmt {
    const token = this.current;
    if (token.type !== "name") this.fail("tag name expected", token);
    this.tagStack.push(token.value);
    let popTag = true;
    try {
      let node: Stmt;
      if (STATEMENT_KEYWORDS.has(token.value) || token.value === "call" || token.value === "filter") node = this.parseKeywordStatement(token.value);
      else {
        this.tagStack.pop();
        popTag = false;
        return this.failUnknownTag(token.value, token);
      }
      node.lineno = begin.lineno;
      node.column = begin.column;
      node.start = begin.start;
      return node;
    } finally {
      if (popTag) this.tagStack.pop();
    }
  }

  private parseKeywordStatement(name: string): Stmt {
    switch (name) {
      case "for": return this.parseFor();
      case "if": return this.parseIf();
      case "block": return this.parseBlock();
      case "extends": { const t = this.next(); return { type: "Extends", template: this.parseExpression(), ...this.span(t) }; }
      case "print": return this.parsePrint();
      case "macro": return this.parseMacro();
      case "include": return this.parseInclude();
      case "from": return this.parseFrom();
      case "import": return this.parseImport();
      case "set": return this.parseSet();
      case "with": return this.parseWith();
      case "autoescape": {
        const t = this.next();
        const value = this.parseExpression();
        const body = this.parseStatements(["name:endautoescape"], true);
        return { type: "Autoescape", value, body, ...this.span(t) };
      }
      case "call": return this.parseCallBlock();
      default: return this.parseFilterBlock();
    }
  }

  private failUnknownTag(name: string | null, at: Token, stack: string[][] = this.endTokenStack): never {
    const expected = new Set<string>();
    for (const exprs of stack) for (const e of exprs) expected.add(describeExpr(e));
    const top = stack[stack.length - 1];
    const looking = top ? top.map((e) => `'${describeExpr(e)}'`).join(" or ") : null;
    const message = [name === null ? "Unexpected end of template." : `Encountered unknown tag '${name}'.`];
    if (looking) {
      if (name !== null && expected.has(name)) message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      else message.push(`Jinja was looking for the following tags: ${looking}.`);
    }
    if (this.tagStack.length) message.push(`The innermost block that needs to be closed is '${this.tagStack[this.tagStack.length - 1]}'.`);
    return this.fail(message.join(" "), at);
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipIf("colon");
    this.expect("block_end");
    const result = this.subparse(endTokens);
    if (this.type() === "eof") this.failUnknownTag(null, this.current, [...this.endTokenStack, endTokens]);
    if (dropNeedle) this.next();
    return result;
  }

  private parseSet(): Stmt {
    const t = this.next();
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipIf("assign")) {
      const node = this.parseTuple({});
      return { type: "Assign", target, node, ...this.span(t) };
    }
    const filter = this.type() === "pipe" ? this.parseFilter(null, false) as FilterNode : null;
    const body = this.parseStatements(["name:endset"], true);
    return { type: "AssignBlock", target, filter, body, ...this.span(t) };
  }

  private parseFor(): ForNode {
    const t = this.expect("name:for");
    const target = this.parseAssignTarget({ extraEndRules: ["name:in"] });
    this.expect("name:in");
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ["name:recursive"] });
    let test: Expr | null = null;
    if (this.skipIf("name:if")) test = this.parseExpression();
    const recursive = this.skipIf("name:recursive");
    const body = this.parseStatements(["name:endfor", "name:else"]);
    let else_: Stmt[] = [];
    if (this.next().value !== "endfor") else_ = this.parseStatements(["name:endfor"], true);
    return { type: "For", target, iter, body, else_, test, recursive, ...this.span(t) };
  }

  private parseIf(): IfNode {
    const t = this.expect("name:if");
    const result: IfNode = { type: "If", test: null as unknown as Expr, body: [], elif: [], else_: [], ...this.span(t) };
    let node = result;
    for (;;) {
      node.test = this.parseTuple({ withCondexpr: false });
      node.body = this.parseStatements(["name:elif", "name:else", "name:endif"]);
      const token = this.next();
      if (token.type === "name" && token.value === "elif") {
        node = { type: "If", test: null as unknown as Expr, body: [], elif: [], else_: [], ...this.span(token) };
        result.elif.push(node);
        continue;
      }
      if (token.type === "name" && token.value === "else") result.else_ = this.parseStatements(["name:endif"], true);
      break;
    }
    return result;
  }

  private parseWith(): Stmt {
    const t = this.next();
    const targets: Expr[] = [];
    const values: Expr[] = [];
    while (this.type() !== "block_end") {
      if (targets.length) this.expect("comma");
      const target = this.parseAssignTarget({});
      setCtx(target, "param");
      targets.push(target);
      this.expect("assign");
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(["name:endwith"], true);
    return { type: "With", targets, values, body, ...this.span(t) };
  }

  private parseBlock(): BlockNode {
    const t = this.next();
    const name = this.expect("name").value;
    const scoped = this.skipIf("name:scoped");
    const required = this.skipIf("name:required");
    if (this.type() === "sub") this.fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.");
    const body = this.parseStatements(["name:endblock"], true);
    if (required) {
      for (const stmt of body) {
        if (stmt.type !== "Output" || stmt.nodes.some((n) => n.type !== "TemplateData" || !/^\s+$/.test(n.data))) {
          this.fail("Required blocks can only contain comments or whitespace");
        }
      }
    }
    this.skipIf("name:" + name);
    return { type: "Block", name, body, scoped, required, ...this.span(t) };
  }

  private parseImportContext(fallback: boolean): boolean {
    if ((this.test("name:with") || this.test("name:without")) && this.look().type === "name" && this.look().value === "context") {
      const withContext = this.next().value === "with";
      this.next();
      return withContext;
    }
    return fallback;
  }

  private parseInclude(): Stmt {
    const t = this.next();
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.test("name:ignore") && this.look().type === "name" && this.look().value === "missing") {
      ignoreMissing = true;
      this.next();
      this.next();
    }
    const withContext = this.parseImportContext(true);
    return { type: "Include", template, ignoreMissing, withContext, ...this.span(t) };
  }

  private parseImport(): Stmt {
    const t = this.next();
    const template = this.parseExpression();
    this.expect("name:as");
    const target = (this.parseAssignTarget({ nameOnly: true }) as NameNode).name;
    const withContext = this.parseImportContext(false);
    return { type: "Import", template, target, withContext, ...this.span(t) };
  }

  private parseFrom(): Stmt {
    const t = this.next();
    const template = this.parseExpression();
    this.expect("name:import");
    const names: [string, string][] = [];
    let withContext: boolean | undefined;
    const parseContext = (): boolean => {
      if ((this.current.value === "with" || this.current.value === "without") && this.look().type === "name" && this.look().value === "context") {
        withContext = this.next().value === "with";
        this.next();
        return true;
      }
      return false;
    };
    for (;;) {
      if (names.length) this.expect("comma");
      if (this.type() === "name") {
        if (parseContext()) break;
        const target = this.parseAssignTarget({ nameOnly: true }) as NameNode;
        if (target.name.startsWith("_")) this.fail("names starting with an underline can not be imported", target, TemplateAssertionError);
        if (this.skipIf("name:as")) names.push([target.name, (this.parseAssignTarget({ nameOnly: true }) as NameNode).name]);
        else names.push([target.name, target.name]);
        if (parseContext() || this.type() !== "comma") break;
      } else {
        this.expect("name");
      }
    }
    return { type: "FromImport", template, names, withContext: withContext ?? false, ...this.span(t) };
  }

  private parseSignature(): { args: NameNode[]; defaults: Expr[] } {
    const args: NameNode[] = [];
    const defaults: Expr[] = [];
    this.expect("lparen");
    while (this.type() !== "rparen") {
      if (args.length) this.expect("comma");
      const arg = this.parseAssignTarget({ nameOnly: true }) as NameNode;
      arg.ctx = "param";
      if (this.skipIf("assign")) defaults.push(this.parseExpression());
      else if (defaults.length) this.fail("non-default argument follows default argument");
      args.push(arg);
    }
    this.expect("rparen");
    return { args, defaults };
  }

  private parseCallBlock(): Stmt {
    const t = this.next();
    const sig = this.type() === "lparen" ? this.parseSignature() : { args: [], defaults: [] };
    const call = this.parseExpression();
    if (call.type !== "Call") this.fail("expected call", t);
    const body = this.parseStatements(["name:endcall"], true);
    return { type: "CallBlock", call: call as CallNode, ...sig, body, ...this.span(t) };
  }

  private parseFilterBlock(): Stmt {
    const t = this.next();
    const filter = this.parseFilter(null, true) as FilterNode;
    const body = this.parseStatements(["name:endfilter"], true);
    return { type: "FilterBlock", filter, body, ...this.span(t) };
  }

  private parseMacro(): Stmt {
    const t = this.next();
    const name = (this.parseAssignTarget({ nameOnly: true }) as NameNode).name;
    const sig = this.parseSignature();
    const body = this.parseStatements(["name:endmacro"], true);
    return { type: "Macro", name, ...sig, body, ...this.span(t) };
  }

  private parsePrint(): OutputNode {
    const t = this.next();
    const nodes: Expr[] = [];
    while (this.type() !== "block_end") {
      if (nodes.length) this.expect("comma");
      nodes.push(this.parseExpression());
    }
    return { type: "Output", nodes, ...this.span(t) };
  }

  private parseAssignTarget(o: { withTuple?: boolean; nameOnly?: boolean; extraEndRules?: string[]; withNamespace?: boolean }): Expr {
    let target: Expr;
    if (o.nameOnly) {
      const token = this.expect("name");
      target = { type: "Name", name: token.value, ctx: "store", ...this.span(token) };
    } else {
      target = o.withTuple === false
        ? this.parsePrimary(o.withNamespace ?? false)
        : this.parseTuple({ simplified: true, extraEndRules: o.extraEndRules, withNamespace: o.withNamespace ?? false });
      setCtx(target, "store");
    }
    if (!canAssign(target)) this.fail(`can't assign to ${JSON.stringify(target.type.toLowerCase()).replace(/"/g, "'")}`, target);
    return target;
  }

  parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  /** Jinja2's line for a chained node: the line of the token where this link of the chain began. */
  private withLine<T extends Span>(node: T, lineno: number): T {
    node.lineno = lineno;
    return node;
  }

  private parseCondexpr(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let expr1 = this.parseOr();
    while (this.skipIf("name:if")) {
      const test = this.parseOr();
      const expr2 = this.skipIf("name:else") ? this.parseCondexpr() : null;
      expr1 = this.withLine({ type: "CondExpr", test, expr1, expr2, ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return expr1;
  }

  private parseOr(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let left = this.parseAnd();
    while (this.skipIf("name:or")) {
      left = this.withLine({ type: "Or", left, right: this.parseAnd(), ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return left;
  }

  private parseAnd(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let left = this.parseNot();
    while (this.skipIf("name:and")) {
      left = this.withLine({ type: "And", left, right: this.parseNot(), ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.test("name:not")) {
      const t = this.next();
      return { type: "Unary", op: "not", node: this.parseNot(), ...this.span(t) };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const start = this.current;
    const expr = this.parseMath1();
    const ops: OperandNode[] = [];
    for (;;) {
      const t = this.current;
      if (COMPARE_OPS.has(t.type)) {
        this.next();
        ops.push({ type: "Operand", op: t.type as OperandNode["op"], expr: this.parseMath1(), ...this.span(t) });
      } else if (this.skipIf("name:in")) {
        ops.push({ type: "Operand", op: "in", expr: this.parseMath1(), ...this.span(t) });
      } else if (this.test("name:not") && this.look().type === "name" && this.look().value === "in") {
        this.next();
        this.next();
        ops.push({ type: "Operand", op: "notin", expr: this.parseMath1(), ...this.span(t) });
      } else break;
    }
    if (!ops.length) return expr;
    return this.withLine({ type: "Compare", expr, ops, ...this.span(start) } satisfies CompareNode, this.current.lineno);
  }

  private parseMath1(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let left = this.parseConcat();
    while (this.type() === "add" || this.type() === "sub") {
      const op = this.next().type as "add" | "sub";
      left = this.withLine({ type: "BinOp", op, left, right: this.parseConcat(), ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return left;
  }

  private parseConcat(): Expr {
    const start = this.current;
    const nodes = [this.parseMath2()];
    while (this.type() === "tilde") {
      this.next();
      nodes.push(this.parseMath2());
    }
    return nodes.length === 1 ? (nodes[0] as Expr) : { type: "Concat", nodes, ...this.span(start) };
  }

  private parseMath2(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let left = this.parsePow();
    while (["mul", "div", "floordiv", "mod"].includes(this.type())) {
      const op = this.next().type as "mul" | "div" | "floordiv" | "mod";
      left = this.withLine({ type: "BinOp", op, left, right: this.parsePow(), ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return left;
  }

  private parsePow(): Expr {
    const start = this.current;
    let lineno = start.lineno;
    let left = this.parseUnary();
    while (this.type() === "pow") {
      this.next();
      left = this.withLine({ type: "BinOp", op: "pow", left, right: this.parseUnary(), ...this.span(start) }, lineno);
      lineno = this.current.lineno;
    }
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    const t = this.current;
    let node: Expr;
    if (t.type === "sub" || t.type === "add") {
      this.next();
      node = { type: "Unary", op: t.type === "sub" ? "neg" : "pos", node: this.parseUnary(false), ...this.span(t) };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  private parsePrimary(withNamespace = false): Expr {
    const token = this.current;
    if (token.type === "name") {
      this.next();
      const v = token.value;
      if (v === "true" || v === "false" || v === "True" || v === "False") return { type: "Const", value: v === "true" || v === "True", isFloat: false, ...this.span(token) };
      if (v === "none" || v === "None") return { type: "Const", value: null, isFloat: false, ...this.span(token) };
      if (withNamespace && this.type() === "dot") {
        this.next();
        const attr = this.expect("name");
        return { type: "NSRef", name: v, attr: attr.value, ...this.span(token) };
      }
      return { type: "Name", name: v, ctx: "load", ...this.span(token) };
    }
    if (token.type === "string") {
      let value = "";
      while (this.type() === "string") value += this.next().value;
      return { type: "Const", value, isFloat: false, ...this.span(token) };
    }
    if (token.type === "integer" || token.type === "float") {
      this.next();
      return { type: "Const", value: Number(token.value), isFloat: token.type === "float", ...this.span(token) };
    }
    if (token.type === "lparen") {
      this.next();
      const node = this.parseTuple({ explicitParentheses: true });
      this.expect("rparen");
      node.start = token.start;
      node.column = token.column;
      node.end = this.lastEnd;
      return node;
    }
    if (token.type === "lbracket") return this.parseList();
    if (token.type === "lbrace") return this.parseDict();
    return this.fail(`unexpected '${describeToken(token)}'`, token);
  }

  private isTupleEnd(extra?: string[]): boolean {
    const type = this.type();
    if (type === "variable_end" || type === "block_end" || type === "rparen") return true;
    return extra ? extra.some((e) => this.test(e)) : false;
  }

  parseTuple(o: { simplified?: boolean; withCondexpr?: boolean; extraEndRules?: string[] | undefined; explicitParentheses?: boolean; withNamespace?: boolean }): Expr {
    const start = this.current;
    const parseItem = o.simplified
      ? (): Expr => this.parsePrimary(o.withNamespace ?? false)
      : (): Expr => this.parseExpression(o.withCondexpr ?? true);
    const args: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (args.length) this.expect("comma");
      if (this.isTupleEnd(o.extraEndRules)) break;
      args.push(parseItem());
      if (this.type() === "comma") isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (args.length) return args[0] as Expr;
      if (!o.explicitParentheses) this.fail(`Expected an expression, got '${describeToken(this.current)}'`);
    }
    return { type: "Tuple", items: args, ctx: "load", ...this.span(start) };
  }

  private parseList(): ListNode {
    const token = this.expect("lbracket");
    const items: Expr[] = [];
    while (this.type() !== "rbracket") {
      if (items.length) this.expect("comma");
      if (this.type() === "rbracket") break;
      items.push(this.parseExpression());
    }
    this.expect("rbracket");
    return { type: "List", items, ...this.span(token) };
  }

  private parseDict(): DictNode {
    const token = this.expect("lbrace");
    const items: PairNode[] = [];
    while (this.type() !== "rbrace") {
      if (items.length) this.expect("comma");
      if (this.type() === "rbrace") break;
      const key = this.parseExpression();
      this.expect("colon");
      const value = this.parseExpression();
      items.push({ type: "Pair", key, value, lineno: key.lineno, column: key.column, start: key.start, end: value.end });
    }
    this.expect("rbrace");
    return { type: "Dict", items, ...this.span(token) };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      const type = this.type();
      if (type === "dot" || type === "lbracket") node = this.parseSubscript(node);
      else if (type === "lparen") node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      const t = this.current;
      if (t.type === "pipe") node = this.parseFilter(node, false) as Expr;
      else if (t.type === "name" && t.value === "is") node = this.parseTest(node);
      else if (t.type === "lparen") node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const token = this.next();
    const from = node as Span;
    if (token.type === "dot") {
      const attr = this.current;
      this.next();
      if (attr.type === "name") return { type: "Getattr", node, attr: attr.value, ...this.span(from) };
      if (attr.type !== "integer") this.fail("expected name or number", attr);
      const arg: Expr = { type: "Const", value: Number(attr.value), isFloat: false, ...this.span(attr) };
      return { type: "Getitem", node, arg, ...this.span(from) };
    }
    const args: Expr[] = [];
    while (this.type() !== "rbracket") {
      if (args.length) this.expect("comma");
      args.push(this.parseSubscribed());
    }
    this.expect("rbracket");
    const arg: Expr = args.length === 1 ? (args[0] as Expr) : { type: "Tuple", items: args, ctx: "load", ...this.span(token) };
    return { type: "Getitem", node, arg, ...this.span(from) };
  }

  private parseSubscribed(): Expr {
    const start = this.current;
    const args: (Expr | null)[] = [];
    if (this.type() === "colon") {
      this.next();
      args.push(null);
    } else {
      const node = this.parseExpression();
      if (this.type() !== "colon") return node;
      this.next();
      args.push(node);
    }
    if (this.type() === "colon") args.push(null);
    else if (this.type() !== "rbracket" && this.type() !== "comma") args.push(this.parseExpression());
    else args.push(null);
    if (this.type() === "colon") {
      this.next();
      if (this.type() !== "rbracket" && this.type() !== "comma") args.push(this.parseExpression());
      else args.push(null);
    } else args.push(null);
    return { type: "Slice", startExpr: args[0] ?? null, stopExpr: args[1] ?? null, stepExpr: args[2] ?? null, ...this.span(start) };
  }

  private parseCallArgs(): CallArgs {
    const token = this.expect("lparen");
    const args: Expr[] = [];
    const kwargs: KeywordNode[] = [];
    let dynArgs: Expr | null = null;
    let dynKwargs: Expr | null = null;
    let requireComma = false;
    const ensure = (ok: boolean): void => {
      if (!ok) this.fail("invalid syntax for function call expression", token);
    };
    while (this.type() !== "rparen") {
      if (requireComma) {
        this.expect("comma");
        if (this.type() === "rparen") break;
      }
      if (this.type() === "mul") {
        ensure(dynArgs === null && dynKwargs === null);
        this.next();
        dynArgs = this.parseExpression();
      } else if (this.type() === "pow") {
        ensure(dynKwargs === null);
        this.next();
        dynKwargs = this.parseExpression();
      } else if (this.type() === "name" && this.look().type === "assign") {
        ensure(dynKwargs === null);
        const key = this.next();
        this.next();
        const value = this.parseExpression();
        kwargs.push({ type: "Keyword", key: key.value, value, ...this.span(key) });
      } else {
        ensure(dynArgs === null && dynKwargs === null && kwargs.length === 0);
        args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expect("rparen");
    return { args, kwargs, dynArgs, dynKwargs };
  }

  private parseCall(node: Expr): CallNode {
    const callArgs = this.parseCallArgs();
    return { type: "Call", node, ...callArgs, ...this.span(node) };
  }

  private parseFilter(node: Expr | null, startInline: boolean): Expr | null {
    let inline = startInline;
    while (this.type() === "pipe" || inline) {
      if (!inline) this.next();
      const token = this.expect("name");
      let name = token.value;
      while (this.type() === "dot") {
        this.next();
        name += "." + this.expect("name").value;
      }
      const callArgs: CallArgs = this.type() === "lparen" ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      node = { type: "Filter", node, name, ...callArgs, ...this.span(node ?? token) };
      inline = false;
    }
    return node;
  }

  private parseTest(node: Expr): Expr {
    const token = this.next();
    const negated = this.skipIf("name:not");
    let name = this.expect("name").value;
    while (this.type() === "dot") {
      this.next();
      name += "." + this.expect("name").value;
    }
    let callArgs: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const t = this.current;
    if (t.type === "lparen") callArgs = this.parseCallArgs();
    else if (["name", "string", "integer", "float", "lparen", "lbracket", "lbrace"].includes(t.type) && !(t.type === "name" && ["else", "or", "and"].includes(t.value))) {
      if (t.type === "name" && t.value === "is") this.fail("You cannot chain multiple tests with is");
      callArgs.args = [this.parsePostfix(this.parsePrimary())];
    }
    const test: Expr = { type: "Test", node, name, ...callArgs, ...this.span(node) };
    return negated ? { type: "Unary", op: "not", node: test, ...this.span(token) } : test;
  }
}

function setCtx(node: Expr, ctx: "load" | "store" | "param"): void {
  if (node.type === "Name") node.ctx = ctx;
  else if (node.type === "Tuple") {
    node.ctx = ctx;
    for (const item of node.items) setCtx(item, ctx);
  }
}

function canAssign(node: Expr): boolean {
  if (node.type === "Name") return !["true", "false", "none", "True", "False", "None"].includes(node.name);
  if (node.type === "Tuple") return node.items.every(canAssign);
  return node.type === "NSRef";
}
