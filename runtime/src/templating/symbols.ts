/**
 * Jinja2's symbol analysis, reduced to what the compiler needs: which names a frame assigns, which it reads
 * before assigning, and whether a body uses `loop`, `caller`, `varargs` or `kwargs`.
 */
import type { Expr, ForNode, NameNode, Stmt } from "./nodes.js";

/**
 * Visits every AST node below `node` (statements and expressions); return false to skip a node's children.
 * @example
 * walk(ast.body, (n) => { if (n.type === "Block") names.push((n as BlockNode).name); });
 */
export function walk(node: unknown, visit: (n: { type: string }) => boolean | void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (node === null || typeof node !== "object" || typeof (node as { type?: unknown }).type !== "string") return;
  if (visit(node as { type: string }) === false) return;
  for (const key of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[key];
    if (v !== null && typeof v === "object") walk(v, visit);
  }
}

/**
 * Whether a body reads `name` (optionally not counting the bodies of inner loops, which have their own `loop`).
 * @example
 * usesName(forNode.body, "loop", true)
 */
export function usesName(body: unknown, name: string, skipInnerLoops: boolean): boolean {
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (n.type === "Name" && (n as NameNode).name === name && (n as NameNode).ctx === "load") found = true;
    if (skipInnerLoops && n.type === "For") {
      const f = n as ForNode;
      if (usesName([f.iter, f.else_], name, true)) found = true;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Adds the names an assignment target binds (`a`, or `a, b`).
 * @example
 * targetNames(assign.target, names)
 */
export function targetNames(target: Expr, out: Set<string>): void {
  if (target.type === "Name") out.add(target.name);
  else if (target.type === "Tuple") for (const t of target.items) targetNames(t, out);
}

/**
 * Names a statement list reads in its own frame before assigning them (expressions of inner frames' headers
 * count, their bodies do not); names assigned only conditionally count too.
 * @example
 * directLoads(parse("{{ x }}{% set x = 1 %}{% set y = 2 %}{{ y }}").body) // Set {"x"}
 */
export function directLoads(body: Stmt[]): Set<string> {
  const out = new Set<string>();
  const stored = new Set<string>();
  const visitExpr = (e: unknown): void => walk(e, (n) => {
    if (n.type === "Name" && (n as NameNode).ctx === "load" && !stored.has((n as NameNode).name)) out.add((n as NameNode).name);
    return true;
  });
  const visit = (stmts: Stmt[], conditional = false): void => {
    const store = (target: Expr): void => {
      if (!conditional) targetNames(target, stored);
    };
    for (const s of stmts) {
      switch (s.type) {
        case "Output": visitExpr(s.nodes); break;
        case "If": visitExpr(s.test); visit(s.body, true); for (const e of s.elif) { visitExpr(e.test); visit(e.body, true); } visit(s.else_, true); break;
        case "For": visitExpr(s.iter); break;
        case "With": visitExpr(s.values); break;
        case "CallBlock": visitExpr(s.call); break;
        case "FilterBlock": visitExpr(s.filter); break;
        case "Assign": visitExpr(s.node); if (s.target.type === "NSRef") out.add(s.target.name); store(s.target); break;
        case "AssignBlock": visitExpr(s.filter); store(s.target); break;
        case "Macro": if (!conditional) stored.add(s.name); break;
        case "Extends": case "Include": case "Import": case "FromImport": visitExpr(s.template); break;
        case "Autoescape": visitExpr(s.value); break;
        default:
      }
    }
  };
  visit(body);
  for (const name of storedNames(body)) if (!stored.has(name)) out.add(name);
  return out;
}

/**
 * Names a statement list assigns in its own frame (if-branches included, inner frames not).
 * @example
 * storedNames(parse("{% set a = 1 %}{% if x %}{% set b = 2 %}{% endif %}").body) // Set {"a", "b"}
 */
export function storedNames(body: Stmt[], out = new Set<string>()): Set<string> {
  for (const s of body) {
    switch (s.type) {
      case "Assign": case "AssignBlock": targetNames(s.target, out); break;
      case "Macro": out.add(s.name); break;
      case "Import": out.add(s.target); break;
      case "FromImport": for (const [, alias] of s.names) out.add(alias); break;
      case "If":
        storedNames(s.body, out);
        for (const e of s.elif) storedNames(e.body, out);
        storedNames(s.else_, out);
        break;
      default:
    }
  }
  return out;
}
