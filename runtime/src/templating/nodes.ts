/**
 * The template AST. Every node has its 1-based `lineno`/`column` and 0-based `start`/`end` offsets into the
 * (newline-normalised) source, so tools such as the Studio's template designer can map nodes back to text.
 * Node kinds and fields mirror Jinja2's `jinja2.nodes`.
 */

/** Position shared by every node. */
export interface Span {
  lineno: number;
  column: number;
  start: number;
  end: number;
}

/** An expression: evaluates to a value. */
export type Expr =
  | NameNode | ConstNode | TupleNode | ListNode | DictNode | GetattrNode | GetitemNode | SliceNode
  | CallNode | FilterNode | TestNode | CondExprNode | BinOpNode | AndNode | OrNode | UnaryNode
  | ConcatNode | CompareNode | NSRefNode;

export interface NameNode extends Span { type: "Name"; name: string; ctx: "load" | "store" | "param" }
/** A literal; `isFloat` marks number literals written with a decimal point or exponent. */
export interface ConstNode extends Span { type: "Const"; value: string | number | boolean | null; isFloat: boolean }
export interface TupleNode extends Span { type: "Tuple"; items: Expr[]; ctx: "load" | "store" | "param" }
export interface ListNode extends Span { type: "List"; items: Expr[] }
export interface PairNode extends Span { type: "Pair"; key: Expr; value: Expr }
export interface DictNode extends Span { type: "Dict"; items: PairNode[] }
export interface GetattrNode extends Span { type: "Getattr"; node: Expr; attr: string }
export interface GetitemNode extends Span { type: "Getitem"; node: Expr; arg: Expr }
export interface SliceNode extends Span { type: "Slice"; startExpr: Expr | null; stopExpr: Expr | null; stepExpr: Expr | null }
export interface KeywordNode extends Span { type: "Keyword"; key: string; value: Expr }
/** Arguments shared by calls, filters and tests. */
export interface CallArgs { args: Expr[]; kwargs: KeywordNode[]; dynArgs: Expr | null; dynKwargs: Expr | null }
export interface CallNode extends Span, CallArgs { type: "Call"; node: Expr }
/** `node` is null inside `{% filter %}` blocks and `{% set x | f %}`. */
export interface FilterNode extends Span, CallArgs { type: "Filter"; node: Expr | null; name: string }
export interface TestNode extends Span, CallArgs { type: "Test"; node: Expr; name: string }
export interface CondExprNode extends Span { type: "CondExpr"; test: Expr; expr1: Expr; expr2: Expr | null }
export interface BinOpNode extends Span { type: "BinOp"; op: "add" | "sub" | "mul" | "div" | "floordiv" | "mod" | "pow"; left: Expr; right: Expr }
export interface AndNode extends Span { type: "And"; left: Expr; right: Expr }
export interface OrNode extends Span { type: "Or"; left: Expr; right: Expr }
export interface UnaryNode extends Span { type: "Unary"; op: "not" | "neg" | "pos"; node: Expr }
export interface ConcatNode extends Span { type: "Concat"; nodes: Expr[] }
export interface OperandNode extends Span { type: "Operand"; op: "eq" | "ne" | "lt" | "lteq" | "gt" | "gteq" | "in" | "notin"; expr: Expr }
export interface CompareNode extends Span { type: "Compare"; expr: Expr; ops: OperandNode[] }
export interface NSRefNode extends Span { type: "NSRef"; name: string; attr: string }

/** A statement: part of a template body. */
export type Stmt =
  | OutputNode | ForNode | IfNode | MacroNode | CallBlockNode | FilterBlockNode | WithNode | BlockNode
  | ExtendsNode | IncludeNode | ImportNode | FromImportNode | AssignNode | AssignBlockNode | AutoescapeNode;

export interface TemplateDataNode extends Span { type: "TemplateData"; data: string }
/** Text and `{{ }}` expressions (and `{% print %}`), in order. */
export interface OutputNode extends Span { type: "Output"; nodes: (TemplateDataNode | Expr)[] }
export interface ForNode extends Span { type: "For"; target: Expr; iter: Expr; body: Stmt[]; else_: Stmt[]; test: Expr | null; recursive: boolean }
export interface IfNode extends Span { type: "If"; test: Expr; body: Stmt[]; elif: IfNode[]; else_: Stmt[] }
export interface MacroNode extends Span { type: "Macro"; name: string; args: NameNode[]; defaults: Expr[]; body: Stmt[] }
export interface CallBlockNode extends Span { type: "CallBlock"; call: CallNode; args: NameNode[]; defaults: Expr[]; body: Stmt[] }
export interface FilterBlockNode extends Span { type: "FilterBlock"; filter: FilterNode; body: Stmt[] }
export interface WithNode extends Span { type: "With"; targets: Expr[]; values: Expr[]; body: Stmt[] }
export interface BlockNode extends Span { type: "Block"; name: string; body: Stmt[]; scoped: boolean; required: boolean }
export interface ExtendsNode extends Span { type: "Extends"; template: Expr }
export interface IncludeNode extends Span { type: "Include"; template: Expr; withContext: boolean; ignoreMissing: boolean }
export interface ImportNode extends Span { type: "Import"; template: Expr; target: string; withContext: boolean }
export interface FromImportNode extends Span { type: "FromImport"; template: Expr; names: [string, string][]; withContext: boolean }
export interface AssignNode extends Span { type: "Assign"; target: Expr; node: Expr }
export interface AssignBlockNode extends Span { type: "AssignBlock"; target: Expr; filter: FilterNode | null; body: Stmt[] }
export interface AutoescapeNode extends Span { type: "Autoescape"; value: Expr; body: Stmt[] }

/**
 * The root of a parsed template.
 * @example
 * parse("{% if x %}{{ x }}{% endif %}").body[0]?.type // "If"
 */
export interface TemplateAST extends Span { type: "Template"; body: Stmt[] }
