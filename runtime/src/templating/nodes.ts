/**
 * The template AST. Every node has its 1-based `lineno`/`column` and 0-based `start`/`end` offsets into the
 * (newline-normalised) source, so tools such as the Studio's template designer can map nodes back to text.
 * Node kinds and fields mirror Jinja2's `jinja2.nodes`.
 */

/**
 * Position shared by every node.
 * @example
 * source.slice(node.start, node.end) // the exact text of the node
 */
export interface Span {
  lineno: number;
  column: number;
  start: number;
  end: number;
}

/**
 * An expression: evaluates to a value.
 * @example
 * parse("{{ a.b|upper }}").body[0] // Output with nodes[0] a Filter whose node is a Getattr
 */
export type Expr =
  | NameNode | ConstNode | TupleNode | ListNode | DictNode | GetattrNode | GetitemNode | SliceNode
  | CallNode | FilterNode | TestNode | CondExprNode | BinOpNode | AndNode | OrNode | UnaryNode
  | ConcatNode | CompareNode | NSRefNode;

/**
 * A variable name (`store` when assigned to, `param` for macro arguments).
 * @example
 * {{ user }}
 */
export interface NameNode extends Span { type: "Name"; name: string; ctx: "load" | "store" | "param" }
/** A literal; `isFloat` marks number literals written with a decimal point or exponent. */
/**
 * A literal string, number, boolean or none.
 * @example
 * {{ 'text' }} {{ 1.5 }} {{ true }} {{ none }}
 */
export interface ConstNode extends Span { type: "Const"; value: string | number | boolean | null; isFloat: boolean }
/**
 * A tuple literal or an unpacking target.
 * @example
 * {% for k, v in pairs %}
 */
export interface TupleNode extends Span { type: "Tuple"; items: Expr[]; ctx: "load" | "store" | "param" }
/**
 * A list literal.
 * @example
 * {{ [1, 2] }}
 */
export interface ListNode extends Span { type: "List"; items: Expr[] }
/**
 * One `key: value` of a dict literal.
 * @example
 * {{ {'a': 1} }}
 */
export interface PairNode extends Span { type: "Pair"; key: Expr; value: Expr }
/**
 * A dict literal.
 * @example
 * {{ {'a': 1} }}
 */
export interface DictNode extends Span { type: "Dict"; items: PairNode[] }
/**
 * Attribute access.
 * @example
 * {{ user.name }}
 */
export interface GetattrNode extends Span { type: "Getattr"; node: Expr; attr: string }
/**
 * Subscript access (`arg` may be a Slice).
 * @example
 * {{ row['id'] }} {{ items[1:] }}
 */
export interface GetitemNode extends Span { type: "Getitem"; node: Expr; arg: Expr }
/**
 * `start:stop:step` inside a subscript.
 * @example
 * {{ items[::2] }}
 */
export interface SliceNode extends Span { type: "Slice"; startExpr: Expr | null; stopExpr: Expr | null; stepExpr: Expr | null }
/**
 * A keyword argument.
 * @example
 * {{ m(title='Hi') }}
 */
export interface KeywordNode extends Span { type: "Keyword"; key: string; value: Expr }
/** Arguments shared by calls, filters and tests. */
/**
 * Positional, keyword, `*args` and `**kwargs` arguments.
 * @example
 * {{ f(1, x=2, *rest, **opts) }}
 */
export interface CallArgs { args: Expr[]; kwargs: KeywordNode[]; dynArgs: Expr | null; dynKwargs: Expr | null }
/**
 * A call.
 * @example
 * {{ url_for("index") }}
 */
export interface CallNode extends Span, CallArgs { type: "Call"; node: Expr }
/** `node` is null inside `{% filter %}` blocks and `{% set x | f %}`. */
/**
 * A filter application.
 * @example
 * {{ name|default("anon")|upper }}
 */
export interface FilterNode extends Span, CallArgs { type: "Filter"; node: Expr | null; name: string }
/**
 * A test (`is`).
 * @example
 * {% if n is divisibleby 3 %}
 */
export interface TestNode extends Span, CallArgs { type: "Test"; node: Expr; name: string }
/**
 * An inline if-expression.
 * @example
 * {{ 'yes' if ok else 'no' }}
 */
export interface CondExprNode extends Span { type: "CondExpr"; test: Expr; expr1: Expr; expr2: Expr | null }
/**
 * Arithmetic.
 * @example
 * {{ a + b * 2 }}
 */
export interface BinOpNode extends Span { type: "BinOp"; op: "add" | "sub" | "mul" | "div" | "floordiv" | "mod" | "pow"; left: Expr; right: Expr }
/**
 * Boolean `and`.
 * @example
 * {% if a and b %}
 */
export interface AndNode extends Span { type: "And"; left: Expr; right: Expr }
/**
 * Boolean `or`.
 * @example
 * {{ a or 'default' }}
 */
export interface OrNode extends Span { type: "Or"; left: Expr; right: Expr }
/**
 * `not`, unary minus and plus.
 * @example
 * {% if not done %}
 */
export interface UnaryNode extends Span { type: "Unary"; op: "not" | "neg" | "pos"; node: Expr }
/**
 * String concatenation with `~`.
 * @example
 * {{ 'Hi ' ~ name }}
 */
export interface ConcatNode extends Span { type: "Concat"; nodes: Expr[] }
/**
 * One comparison step of a Compare.
 * @example
 * {{ 1 < x <= 3 }}
 */
export interface OperandNode extends Span { type: "Operand"; op: "eq" | "ne" | "lt" | "lteq" | "gt" | "gteq" | "in" | "notin"; expr: Expr }
/**
 * A (possibly chained) comparison.
 * @example
 * {{ 1 < x <= 3 }}
 */
export interface CompareNode extends Span { type: "Compare"; expr: Expr; ops: OperandNode[] }
/**
 * A namespace attribute as an assignment target.
 * @example
 * {% set ns.count = ns.count + 1 %}
 */
export interface NSRefNode extends Span { type: "NSRef"; name: string; attr: string }

/**
 * A statement: part of a template body.
 * @example
 * for (const stmt of parse(src).body) if (stmt.type === "Block") console.log(stmt.name, stmt.start, stmt.end);
 */
export type Stmt =
  | OutputNode | ForNode | IfNode | MacroNode | CallBlockNode | FilterBlockNode | WithNode | BlockNode
  | ExtendsNode | IncludeNode | ImportNode | FromImportNode | AssignNode | AssignBlockNode | AutoescapeNode;

/**
 * Literal template text.
 * @example
 * <p>text</p>
 */
export interface TemplateDataNode extends Span { type: "TemplateData"; data: string }
/** Text and `{{ }}` expressions (and `{% print %}`), in order. */
/**
 * Text and printed expressions.
 * @example
 * Hello {{ name }}!
 */
export interface OutputNode extends Span { type: "Output"; nodes: (TemplateDataNode | Expr)[] }
/**
 * A for loop.
 * @example
 * {% for x in xs if x recursive %}…{% else %}…{% endfor %}
 */
export interface ForNode extends Span { type: "For"; target: Expr; iter: Expr; body: Stmt[]; else_: Stmt[]; test: Expr | null; recursive: boolean }
/**
 * An if statement; `elif` holds the elif branches.
 * @example
 * {% if a %}…{% elif b %}…{% else %}…{% endif %}
 */
export interface IfNode extends Span { type: "If"; test: Expr; body: Stmt[]; elif: IfNode[]; else_: Stmt[] }
/**
 * A macro definition.
 * @example
 * {% macro input(name, type="text") %}…{% endmacro %}
 */
export interface MacroNode extends Span { type: "Macro"; name: string; args: NameNode[]; defaults: Expr[]; body: Stmt[] }
/**
 * A call block (its body becomes `caller`).
 * @example
 * {% call(item) list(items) %}{{ item }}{% endcall %}
 */
export interface CallBlockNode extends Span { type: "CallBlock"; call: CallNode; args: NameNode[]; defaults: Expr[]; body: Stmt[] }
/**
 * A filter block.
 * @example
 * {% filter upper %}…{% endfilter %}
 */
export interface FilterBlockNode extends Span { type: "FilterBlock"; filter: FilterNode; body: Stmt[] }
/**
 * A with block.
 * @example
 * {% with a = 1 %}…{% endwith %}
 */
export interface WithNode extends Span { type: "With"; targets: Expr[]; values: Expr[]; body: Stmt[] }
/**
 * A template block.
 * @example
 * {% block content scoped %}…{% endblock %}
 */
export interface BlockNode extends Span { type: "Block"; name: string; body: Stmt[]; scoped: boolean; required: boolean }
/**
 * Template inheritance.
 * @example
 * {% extends "base.html" %}
 */
export interface ExtendsNode extends Span { type: "Extends"; template: Expr }
/**
 * An include.
 * @example
 * {% include "nav.html" ignore missing without context %}
 */
export interface IncludeNode extends Span { type: "Include"; template: Expr; withContext: boolean; ignoreMissing: boolean }
/**
 * `import … as`.
 * @example
 * {% import "forms.html" as forms %}
 */
export interface ImportNode extends Span { type: "Import"; template: Expr; target: string; withContext: boolean }
/**
 * `from … import`; names are [name, alias] pairs.
 * @example
 * {% from "forms.html" import input as field %}
 */
export interface FromImportNode extends Span { type: "FromImport"; template: Expr; names: [string, string][]; withContext: boolean }
/**
 * `set` with a value.
 * @example
 * {% set a, b = 1, 2 %}
 */
export interface AssignNode extends Span { type: "Assign"; target: Expr; node: Expr }
/**
 * `set` capturing a block, with optional filters.
 * @example
 * {% set nav | trim %}…{% endset %}
 */
export interface AssignBlockNode extends Span { type: "AssignBlock"; target: Expr; filter: FilterNode | null; body: Stmt[] }
/**
 * An autoescape block.
 * @example
 * {% autoescape false %}…{% endautoescape %}
 */
export interface AutoescapeNode extends Span { type: "Autoescape"; value: Expr; body: Stmt[] }

/**
 * The root of a parsed template.
 * @example
 * parse("{% if x %}{{ x }}{% endif %}").body[0]?.type // "If"
 */
export interface TemplateAST extends Span { type: "Template"; body: Stmt[] }
