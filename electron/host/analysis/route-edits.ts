/**
 * The code-edit planner: turns "add this route", "change these literals" and "remove this route" into
 * minimal text edits in the file's own style (quotes, semicolons, indentation, line endings). Edits
 * are plain data, so the renderer applies them to the open Monaco model and the editor's undo takes
 * them back; nothing outside the edited spans changes.
 */
import ts from "typescript";
import { readFileRoutes } from "./route-source.js";
import type { NewRoute, RouteChange, RouteReturn, RouteSource, TextEdit, TextRange } from "./types.js";

/** How a file writes code. */
export interface CodeStyle {
  quote: "'" | '"';
  semicolons: boolean;
  indent: string;
  newline: string;
}

const helperMethods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const reserved = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

/**
 * Reads the file's habits from its own text; a file with no clue gets double quotes, semicolons and
 * two spaces.
 *
 * @example
 * detectStyle("import { Vial } from 'vial'\n\nif (x) {\n    y()\n}\n"); // { quote: "'", semicolons: false, indent: "    ", newline: "\n" }
 */
export function detectStyle(text: string): CodeStyle {
  const source = ts.createSourceFile("style.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let singles = 0;
  let doubles = 0;
  let withSemicolon = 0;
  let without = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) {
      const first = text[node.getStart(source)];
      if (first === "'") singles += 1;
      else if (first === '"') doubles += 1;
    }
    if (ts.isExpressionStatement(node) || ts.isImportDeclaration(node) || ts.isVariableStatement(node)) {
      if (text[node.getEnd() - 1] === ";") withSemicolon += 1;
      else without += 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const indented = /^([ \t]+)\S/m.exec(text)?.[1] ?? "  ";
  return {
    quote: singles > doubles ? "'" : '"',
    semicolons: withSemicolon >= without,
    indent: indented.startsWith("\t") ? "\t" : " ".repeat(Math.min(indented.length, 8)),
    newline: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

/**
 * A string literal in the given quote.
 *
 * @example
 * quoteString("it's", "'"); // "'it\\'s'"
 */
export function quoteString(value: string, quote: "'" | '"'): string {
  const json = JSON.stringify(value);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** The names of a rule's variables, in order (`/a/<int:id>/<name>` → id, name). */
export function ruleParams(rule: string): string[] {
  return [...rule.matchAll(/<(?:[a-zA-Z_][a-zA-Z0-9_]*(?:\([^)]*\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g)].map((m) => m[1] as string);
}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !reserved.has(name);
}

function methodsLiteral(methods: readonly string[], style: CodeStyle): string {
  return `[${methods.map((m) => quoteString(m, style.quote)).join(", ")}]`;
}

function normalizeMethods(methods: readonly string[]): string[] {
  return [...new Set(methods.map((m) => m.trim().toUpperCase()).filter(Boolean))];
}

/**
 * Applies non-overlapping edits to a text.
 *
 * @example
 * applyEdits("abc", [{ start: 1, end: 2, text: "X" }]); // "aXc"
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function returnStatement(spec: NewRoute, params: string[], style: CodeStyle): string {
  const q = (value: string) => quoteString(value, style.quote);
  const context = params.length > 0 ? `{ ${params.join(", ")} }` : "";
  switch (spec.returns.kind) {
    case "text":
      return `return ${q(spec.returns.text)}`;
    case "json":
      return `return ${params.length > 0 ? context : "{ ok: true }"}`;
    case "template":
      return `return renderTemplate(${q(spec.returns.template)}${context ? `, ${context}` : ""})`;
    case "redirect": {
      const to = spec.returns.to;
      return /^(\/|[a-z]+:)/i.test(to) ? `return redirect(${q(to)})` : `return redirect(urlFor(${q(to)}))`;
    }
  }
}

/** The names a new route's body needs from `vial`. */
function neededImports(returns: RouteReturn): string[] {
  if (returns.kind === "template") return ["renderTemplate"];
  if (returns.kind === "redirect") return /^(\/|[a-z]+:)/i.test(returns.to) ? ["redirect"] : ["redirect", "urlFor"];
  return [];
}

/** Adds missing names to the file's `import { … } from "vial"` (or adds that import at the top). */
function importEdit(text: string, names: string[], style: CodeStyle): TextEdit | undefined {
  if (names.length === 0) return undefined;
  const source = ts.createSourceFile("imports.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let lastImportEnd: number | undefined;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    lastImportEnd = statement.getEnd();
    const bindings = statement.importClause?.namedBindings;
    if (!ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== "vial" || !bindings || !ts.isNamedImports(bindings)) continue;
    const present = new Set(bindings.elements.map((element) => element.name.text));
    const missing = names.filter((name) => !present.has(name));
    if (missing.length === 0) return undefined;
    const last = bindings.elements.at(-1);
    if (!last) return { start: bindings.getStart(source), end: bindings.getEnd(), text: `{ ${missing.join(", ")} }` };
    return { start: last.getEnd(), end: last.getEnd(), text: `, ${missing.join(", ")}` };
  }
  const line = `import { ${names.join(", ")} } from ${quoteString("vial", style.quote)}${style.semicolons ? ";" : ""}`;
  return lastImportEnd === undefined
    ? { start: 0, end: 0, text: `${line}${style.newline}${style.newline}` }
    : { start: lastImportEnd, end: lastImportEnd, text: `${style.newline}${line}` };
}

/**
 * Plans a new route in a file: the registration goes after the receiver's last route (or after its
 * declaration, or at the end), and missing `vial` imports are added.
 *
 * @example
 * const edits = planCreate(text, "app.ts", { receiver: "app", methods: ["GET"], rule: "/hello/<name>", endpoint: "hello", returns: { kind: "json" } });
 * applyEdits(text, edits); // … app.get("/hello/<name>", function hello({ name }) { return { name }; });
 */
export function planCreate(text: string, file: string, spec: NewRoute): TextEdit[] {
  const style = detectStyle(text);
  const found = readFileRoutes(file, text);
  const semi = style.semicolons ? ";" : "";
  const methods = normalizeMethods(spec.methods);
  const single = methods.length === 1 && helperMethods.has(methods[0] as string) ? (methods[0] as string) : undefined;
  const params = ruleParams(spec.rule);
  const functionName = isIdentifier(spec.endpoint) ? spec.endpoint : derivedName(spec.endpoint);
  const options: string[] = [];
  if (!single) options.push(`methods: ${methodsLiteral(methods.length > 0 ? methods : ["GET"], style)}`);
  if (functionName !== spec.endpoint) options.push(`endpoint: ${quoteString(spec.endpoint, style.quote)}`);
  const head = `${spec.receiver}.${single ? single.toLowerCase() : "route"}(${quoteString(spec.rule, style.quote)}, ${
    options.length > 0 ? `{ ${options.join(", ")} }, ` : ""
  }`;
  const code = `${head}function ${functionName}(${params.length > 0 ? `{ ${params.join(", ")} }` : ""}) {${style.newline}${style.indent}${returnStatement(spec, params, style)}${semi}${style.newline}})${semi}`;

  const own = found.registrations.filter((registration) => registration.receiver === spec.receiver && !isNested(registration.ranges.statement, found.registrations));
  const anchor = own.at(-1)?.ranges.statement.end ?? found.owners.get(spec.receiver)?.declarationEnd;
  const edits: TextEdit[] = [];
  const imports = importEdit(text, neededImports(spec.returns), style);
  if (imports) edits.push(imports);
  if (anchor === undefined) {
    const ending = text.length === 0 || text.endsWith("\n") ? "" : style.newline;
    edits.push({ start: text.length, end: text.length, text: `${ending}${text.length === 0 ? "" : style.newline}${code}${style.newline}` });
  } else {
    edits.push({ start: anchor, end: anchor, text: `${style.newline}${style.newline}${code}` });
  }
  return edits;
}

function isNested(range: TextRange, all: { ranges: { statement: TextRange } }[]): boolean {
  return all.some((other) => other.ranges.statement.start < range.start && other.ranges.statement.end >= range.end);
}

/** A function name for an endpoint that is not a valid identifier (`list-items` → `list_items`). */
function derivedName(endpoint: string): string {
  const cleaned = endpoint.replace(/[^A-Za-z0-9_$]/g, "_").replace(/^(?=\d)/, "_");
  return isIdentifier(cleaned) ? cleaned : `${cleaned}_view`;
}

/**
 * Plans a change of a route's methods, rule or endpoint: only those literals change (an options
 * object is added when the route had none, and `get` becomes `route` when it needs several methods).
 *
 * @example
 * const edits = planUpdate(text, route.source, { rule: "/hi/<name>" });
 */
export function planUpdate(text: string, route: RouteSource, change: RouteChange): TextEdit[] {
  const style = detectStyle(text);
  const q = (value: string) => quoteString(value, style.quote);
  const ranges = route.ranges;
  const edits: TextEdit[] = [];
  const newProperties: string[] = [];

  if (change.rule !== undefined && change.rule !== route.localRule) {
    const quote = text[ranges.rule.start];
    const literal = quote === "'" || quote === '"' ? quoteString(change.rule, quote) : q(change.rule);
    edits.push({ ...ranges.rule, text: literal });
  }

  if (change.methods !== undefined) {
    const methods = normalizeMethods(change.methods);
    const single = methods.length === 1 && helperMethods.has(methods[0] as string) ? (methods[0] as string).toLowerCase() : undefined;
    const helper = route.form !== "route" && route.form !== "addUrlRule";
    if (methods.length === 0) throw new Error("A route needs at least one method.");
    if (helper && single) {
      if (single !== route.form) edits.push({ ...ranges.name, text: single });
    } else if (ranges.methods) {
      edits.push({ ...ranges.methods, text: methodsLiteral(methods, style) });
    } else {
      if (helper) edits.push({ ...ranges.name, text: "route" });
      newProperties.push(`methods: ${methodsLiteral(methods, style)}`);
    }
  }

  if (change.endpoint !== undefined && change.endpoint !== route.localEndpoint) {
    if (ranges.endpoint) {
      const quote = text[ranges.endpoint.start];
      edits.push({ ...ranges.endpoint, text: quote === "'" || quote === '"' ? quoteString(change.endpoint, quote) : q(change.endpoint) });
    } else {
      newProperties.push(`endpoint: ${q(change.endpoint)}`);
    }
  }

  if (newProperties.length > 0) {
    const joined = newProperties.join(", ");
    if (ranges.options) {
      const inner = text.slice(ranges.options.start + 1, ranges.options.end - 1);
      edits.push(
        inner.trim() === ""
          ? { ...ranges.options, text: `{ ${joined} }` }
          : { start: ranges.options.start + 1, end: ranges.options.start + 1, text: ` ${joined},` },
      );
    } else if (ranges.handler) {
      edits.push({ start: ranges.handler.start, end: ranges.handler.start, text: `{ ${joined} }, ` });
    } else {
      throw new Error("This registration has no handler to put options before.");
    }
  }
  return edits;
}

/** The range of whole lines covering `range` when nothing else is on them, with one blank line around it folded. */
function wholeLines(text: string, range: TextRange): TextRange {
  let start = range.start;
  while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start -= 1;
  let end = range.end;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end += 1;
  const ownLineStart = start === 0 || text[start - 1] === "\n";
  const ownLineEnd = end === text.length || text[end] === "\n" || text.startsWith("\r\n", end);
  if (!ownLineStart || !ownLineEnd) return range;
  if (text.startsWith("\r\n", end)) end += 2;
  else if (text[end] === "\n") end += 1;
  const blankBefore = start >= 2 && /\r?\n\r?\n$/.test(text.slice(0, start));
  const blankAfter = end === text.length || text[end] === "\n" || text.startsWith("\r\n", end);
  if (blankBefore && blankAfter) {
    start -= text.slice(0, start).endsWith("\r\n") ? 2 : 1;
  }
  return { start, end };
}

/**
 * Plans removing a route. With `withHandler` a handler declared separately in the file goes too;
 * without, an inline handler is kept as a function of its own so no code is lost.
 *
 * @example
 * applyEdits(text, planDelete(text, route.source, true)); // the registration and its handler are gone
 */
export function planDelete(text: string, route: RouteSource, withHandler: boolean): TextEdit[] {
  const style = detectStyle(text);
  const ranges = route.ranges;
  const handler = ranges.handler;
  const inline = handler !== null && ranges.handlerDeclaration === null && handler.start > ranges.statement.start && handler.end <= ranges.statement.end;
  const handlerText = handler ? text.slice(handler.start, handler.end) : "";
  const isFunction = /^(async\s+)?function\b/.test(handlerText) || /=>/.test(handlerText);
  if (!withHandler && inline && isFunction) {
    const named = /^(async\s+)?function\s+[A-Za-z_$]/.test(handlerText);
    const name = isIdentifier(route.localEndpoint) ? route.localEndpoint : derivedName(route.localEndpoint);
    return [{ ...ranges.statement, text: named ? handlerText : `const ${name} = ${handlerText}${style.semicolons ? ";" : ""}` }];
  }
  const edits: TextEdit[] = [{ ...wholeLines(text, ranges.statement), text: "" }];
  if (withHandler && ranges.handlerDeclaration) {
    const declaration = wholeLines(text, ranges.handlerDeclaration);
    const first = edits[0] as TextEdit;
    if (declaration.end <= first.start || declaration.start >= first.end) edits.push({ ...declaration, text: "" });
  }
  return edits.sort((a, b) => a.start - b.start);
}
