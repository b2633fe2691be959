/**
 * Reads one TypeScript file with the compiler API and lists what matters for routing: the apps and
 * blueprints it declares, what it imports, every route registration with the exact ranges of its
 * literals, and every `registerBlueprint` call. Cross-file resolution happens in route-index.ts.
 */
import { posix } from "node:path";
import ts from "typescript";
import type { IndexProblem, RegistrationForm, RouteRanges, TextRange } from "./types.js";

/** An app or blueprint variable declared in a file. */
export interface Owner {
  name: string;
  kind: "app" | "blueprint";
  /** `new Blueprint("items", ...)`'s first argument. */
  blueprintName: string | null;
  urlPrefix: string | undefined;
  /** Offset of the end of the declaration statement (new routes go after it when the receiver has none). */
  declarationEnd: number;
}

/** A registration as written, before the receiver is resolved. */
export interface Registration {
  receiver: string;
  form: RegistrationForm;
  rule: string;
  /** Methods written in the code, or implied by the helper (`get` → GET); undefined = the runtime's default. */
  methods: string[] | undefined;
  endpoint: string | undefined;
  handlerName: string | null;
  jsonFields: string[];
  line: number;
  column: number;
  handlerLine: number;
  ranges: RouteRanges;
}

export interface BlueprintRegistration {
  parent: string;
  child: string;
  urlPrefix: string | undefined;
  name: string | undefined;
}

/** What one file holds. `imports` maps a local name to the project file and exported name it comes from. */
export interface FileRoutes {
  file: string;
  owners: Map<string, Owner>;
  imports: Map<string, { file: string; name: string }>;
  /** Exported name → local name, for `export default app` and `export { app as server }`. */
  exports: Map<string, string>;
  registrations: Registration[];
  blueprintRegistrations: BlueprintRegistration[];
  problems: IndexProblem[];
}

const methodHelpers = new Set(["get", "post", "put", "patch", "delete"]);
const registering = new Set([...methodHelpers, "route", "addUrlRule"]);

function range(node: ts.Node, source: ts.SourceFile): TextRange {
  return { start: node.getStart(source), end: node.getEnd() };
}

function stringValue(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function property(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const element of object.properties) {
    if (ts.isPropertyAssignment(element) && (ts.isIdentifier(element.name) || ts.isStringLiteral(element.name)) && element.name.text === key) {
      return element.initializer;
    }
  }
  return undefined;
}

/** Where a relative import lands: `./api/items.js` from `app.ts` → `api/items.ts`. */
function resolveImport(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (/\.[mc]?js$/.test(joined)) return joined.replace(/js$/, "ts");
  return /\.[mc]?tsx?$/.test(joined) ? joined : `${joined}.ts`;
}

/** The parse errors TypeScript recovered from (the parser keeps going, so the rest of the file is still read). */
function parseDiagnostics(source: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (source as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) ? unwrap(node.expression) : node;
}

/**
 * Names the handler reads from the request body: `const { a } = request.json`, `request.json.a`,
 * the same through a variable (`const body = request.json; body.a`), and in functions of the same
 * file the handler calls (a few levels deep).
 */
function jsonFieldsOf(handler: ts.Node | undefined, functions: ReadonlyMap<string, ts.Node>): string[] {
  const fields = new Set<string>();
  const visited = new Set<ts.Node>();
  const read = (root: ts.Node, depth: number): void => {
    if (visited.has(root) || depth > 3) return;
    visited.add(root);
    const aliases = new Set<string>();
    const isBody = (node: ts.Expression): boolean => {
      const inner = unwrap(node);
      if (ts.isIdentifier(inner)) return aliases.has(inner.text);
      return ts.isPropertyAccessExpression(inner) && inner.name.text === "json" && ts.isIdentifier(inner.expression) && inner.expression.text === "request";
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer && isBody(node.initializer)) {
        if (ts.isIdentifier(node.name)) aliases.add(node.name.text);
        else if (ts.isObjectBindingPattern(node.name)) {
          for (const element of node.name.elements) {
            const key = element.propertyName ?? element.name;
            if (ts.isIdentifier(key) || ts.isStringLiteral(key)) fields.add(key.text);
          }
        }
      }
      if (ts.isPropertyAccessExpression(node) && isBody(node.expression)) fields.add(node.name.text);
      if (ts.isElementAccessExpression(node) && isBody(node.expression)) {
        const key = stringValue(node.argumentExpression);
        if (key !== undefined) fields.add(key);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const callee = functions.get(node.expression.text);
        if (callee) read(callee, depth + 1);
      }
      ts.forEachChild(node, visit);
    };
    visit(root);
  };
  if (handler) read(handler, 0);
  fields.delete("json");
  return [...fields];
}

/**
 * Reads one file. Never throws: a syntax error becomes a problem with its line, and everything the
 * parser could still make sense of is listed.
 *
 * @example
 * const found = readFileRoutes("app.ts", 'const app = new Vial();\napp.get("/", function index() { return "hi"; });');
 * found.registrations[0]?.rule; // "/"
 */
export function readFileRoutes(file: string, text: string): FileRoutes {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const result: FileRoutes = { file, owners: new Map(), imports: new Map(), exports: new Map(), registrations: [], blueprintRegistrations: [], problems: [] };
  const position = (offset: number) => {
    const { line, character } = source.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character + 1 };
  };
  for (const diagnostic of parseDiagnostics(source)) {
    result.problems.push({ file, ...position(diagnostic.start), message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n") });
  }
  const functions = new Map<string, ts.Node>();
  const handlers = new Map<Registration, ts.Node>();

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = resolveImport(file, node.moduleSpecifier.text);
      const clause = node.importClause;
      if (from && clause) {
        if (clause.name) result.imports.set(clause.name.text, { file: from, name: "default" });
        if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const element of clause.namedBindings.elements) {
            result.imports.set(element.name.text, { file: from, name: (element.propertyName ?? element.name).text });
          }
        }
      }
    }
    if (ts.isExportAssignment(node) && !node.isExportEquals && ts.isIdentifier(node.expression)) result.exports.set("default", node.expression.text);
    if (ts.isExportSpecifier(node) && !node.parent.parent.moduleSpecifier) result.exports.set(node.name.text, (node.propertyName ?? node.name).text);
    if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = node.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) functions.set(node.name.text, node.parent.parent);
      if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && (init.expression.text === "Vial" || init.expression.text === "Blueprint")) {
        const blueprint = init.expression.text === "Blueprint";
        const options = init.arguments?.[blueprint ? 1 : 0];
        const statement = node.parent.parent;
        result.owners.set(node.name.text, {
          name: node.name.text,
          kind: blueprint ? "blueprint" : "app",
          blueprintName: blueprint ? stringValue(init.arguments?.[0]) ?? node.name.text : null,
          urlPrefix: blueprint && options && ts.isObjectLiteralExpression(options) ? stringValue(property(options, "urlPrefix")) : undefined,
          declarationEnd: statement.getEnd(),
        });
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      const receiver = node.expression.expression.text;
      const name = node.expression.name.text;
      if (name === "registerBlueprint") {
        const child = node.arguments[0];
        const options = node.arguments[1];
        if (child && ts.isIdentifier(child)) {
          const object = options && ts.isObjectLiteralExpression(options) ? options : undefined;
          result.blueprintRegistrations.push({
            parent: receiver,
            child: child.text,
            urlPrefix: object ? stringValue(property(object, "urlPrefix")) : undefined,
            name: object ? stringValue(property(object, "name")) : undefined,
          });
        }
      } else if (registering.has(name)) {
        const registration = readRegistration(node, receiver, name as RegistrationForm);
        if (registration) result.registrations.push(registration);
      }
    }
    ts.forEachChild(node, visit);
  };

  const readRegistration = (call: ts.CallExpression, receiver: string, form: RegistrationForm): Registration | undefined => {
    const [ruleNode, second, third] = call.arguments;
    const rule = stringValue(ruleNode);
    if (rule === undefined || !ruleNode) return undefined;
    let options: ts.ObjectLiteralExpression | undefined;
    let handler: ts.Expression | undefined;
    if (form === "addUrlRule") {
      if (second && ts.isObjectLiteralExpression(second)) {
        options = second;
        handler = property(second, "view");
      }
    } else if (third) {
      if (second && ts.isObjectLiteralExpression(second)) options = second;
      handler = third;
    } else {
      handler = second;
    }
    const methodsNode = options ? property(options, "methods") : undefined;
    const endpointNode = options ? property(options, "endpoint") : undefined;
    const written =
      methodsNode && ts.isArrayLiteralExpression(methodsNode)
        ? methodsNode.elements.map(stringValue).filter((m): m is string => m !== undefined).map((m) => m.toUpperCase())
        : undefined;
    const methods = methodHelpers.has(form) ? [form.toUpperCase()] : written;
    const statement = ts.isExpressionStatement(call.parent) ? call.parent : call;
    const declaration = handler && ts.isIdentifier(handler) ? functions.get(handler.text) : undefined;
    const body = declaration ?? handler ?? call;
    const registration: Registration = {
      receiver,
      form,
      rule,
      methods,
      endpoint: stringValue(endpointNode),
      handlerName: handlerName(handler),
      jsonFields: [],
      ...position(call.getStart(source)),
      handlerLine: position(body.getStart(source)).line,
      ranges: {
        statement: range(statement, source),
        name: range((call.expression as ts.PropertyAccessExpression).name, source),
        rule: range(ruleNode, source),
        options: options ? range(options, source) : null,
        methods: methodsNode ? range(methodsNode, source) : null,
        endpoint: endpointNode && stringValue(endpointNode) !== undefined ? range(endpointNode, source) : null,
        handler: handler ? range(handler, source) : null,
        handlerDeclaration: declaration ? range(declaration, source) : null,
      },
    };
    if (handler) handlers.set(registration, declaration ?? handler);
    return registration;
  };

  visit(source);
  // Function declarations after their use are hoisted, so handlers and the functions they call are
  // resolved once the whole file is read.
  for (const registration of result.registrations) {
    const handler = registration.ranges.handler;
    const declaration = registration.handlerName === null ? undefined : functions.get(registration.handlerName);
    if (registration.ranges.handlerDeclaration === null && declaration && handler && text.slice(handler.start, handler.end) === registration.handlerName) {
      registration.ranges.handlerDeclaration = range(declaration, source);
      registration.handlerLine = position(declaration.getStart(source)).line;
      handlers.set(registration, declaration);
    }
    registration.jsonFields = jsonFieldsOf(handlers.get(registration), functions);
  }
  return result;
}

/** The name the runtime gives a view (its function name; `asView("name")`'s argument). */
function handlerName(handler: ts.Expression | undefined): string | null {
  if (!handler) return null;
  if (ts.isFunctionExpression(handler)) return handler.name?.text ?? null;
  if (ts.isIdentifier(handler)) return handler.text;
  if (ts.isCallExpression(handler) && ts.isPropertyAccessExpression(handler.expression) && handler.expression.name.text === "asView") {
    return stringValue(handler.arguments[0]) ?? null;
  }
  return null;
}
