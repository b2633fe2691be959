/**
 * Jinja2's built-in tests (`{% if x is defined %}`, `x is divisibleby 3`, ...).
 */
import { isSafe, Markup } from "./markup.js";
import { BlockReference, LoopContext, Macro } from "./runtime.js";
import { isFloat, isMapping, isNumber, num, pyCompare, pyEq, Undefined, withSignature } from "./values.js";
import { contains } from "./operators.js";

/**
 * What tests need from the environment.
 * @example
 * builtinTests().filter(env, "upper") // true when env has an `upper` filter
 */
export interface TestEnv {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
}

function isString(v: unknown): boolean {
  return typeof v === "string" || v instanceof Markup;
}

function isIterable(v: unknown): boolean {
  if (v instanceof Undefined) return true;
  return typeof v === "string" || Array.isArray(v) || isMapping(v) || (v !== null && typeof v === "object" && Symbol.iterator in v);
}

/**
 * The built-in test table (Jinja2 3.1's `TESTS`).
 * @example
 * builtinTests().odd(3) // true
 */
export function builtinTests(): Record<string, (...args: never[]) => boolean> {
  const eq = withSignature((a: unknown, b: unknown) => pyEq(a, b), { params: ["a", "b"] });
  const ne = withSignature((a: unknown, b: unknown) => !pyEq(a, b), { params: ["a", "b"] });
  const lt = withSignature((a: unknown, b: unknown) => pyCompare(a, b, "<") < 0, { params: ["a", "b"] });
  const le = withSignature((a: unknown, b: unknown) => pyCompare(a, b, "<=") <= 0, { params: ["a", "b"] });
  const gt = withSignature((a: unknown, b: unknown) => pyCompare(a, b, ">") > 0, { params: ["a", "b"] });
  const ge = withSignature((a: unknown, b: unknown) => pyCompare(a, b, ">=") >= 0, { params: ["a", "b"] });
  return {
    odd: withSignature((v: unknown) => num(v) % 2 !== 0 && Math.abs(num(v) % 2) === 1, { params: ["value"] }),
    even: withSignature((v: unknown) => num(v) % 2 === 0, { params: ["value"] }),
    divisibleby: withSignature((v: unknown, n: unknown) => num(v) % num(n) === 0, { params: ["value", "num"] }),
    defined: withSignature((v: unknown) => !(v instanceof Undefined), { params: ["value"] }),
    undefined: withSignature((v: unknown) => v instanceof Undefined, { params: ["value"] }),
    filter: withSignature((env: TestEnv, v: unknown) => typeof v === "string" && typeof env.filters[v] === "function", { pass: "environment", params: ["value"] }),
    test: withSignature((env: TestEnv, v: unknown) => typeof v === "string" && typeof env.tests[v] === "function", { pass: "environment", params: ["value"] }),
    none: withSignature((v: unknown) => v === null, { params: ["value"] }),
    boolean: withSignature((v: unknown) => typeof v === "boolean", { params: ["value"] }),
    false: withSignature((v: unknown) => v === false, { params: ["value"] }),
    true: withSignature((v: unknown) => v === true, { params: ["value"] }),
    integer: withSignature((v: unknown) => typeof v === "number" && Number.isInteger(v), { params: ["value"] }),
    float: withSignature((v: unknown) => isFloat(v), { params: ["value"] }),
    lower: withSignature((v: unknown) => String(v) === String(v).toLowerCase() && /\p{L}/u.test(String(v)), { params: ["value"] }),
    upper: withSignature((v: unknown) => String(v) === String(v).toUpperCase() && /\p{L}/u.test(String(v)), { params: ["value"] }),
    string: withSignature((v: unknown) => isString(v), { params: ["value"] }),
    mapping: withSignature((v: unknown) => isMapping(v), { params: ["value"] }),
    number: withSignature((v: unknown) => isNumber(v) || typeof v === "boolean", { params: ["value"] }),
    sequence: withSignature((v: unknown) => isString(v) || Array.isArray(v) || isMapping(v), { params: ["value"] }),
    iterable: withSignature((v: unknown) => isIterable(v), { params: ["value"] }),
    callable: withSignature((v: unknown) => typeof v === "function" || v instanceof Macro || v instanceof LoopContext || v instanceof BlockReference, { params: ["value"] }),
    sameas: withSignature((v: unknown, other: unknown) => v === other || (v instanceof Undefined && other instanceof Undefined && false), { params: ["value", "other"] }),
    escaped: withSignature((v: unknown) => isSafe(v), { params: ["value"] }),
    in: withSignature((v: unknown, seq: unknown) => contains(seq, v), { params: ["value", "seq"] }),
    "==": eq, eq, equalto: eq,
    "!=": ne, ne,
    ">": gt, gt, greaterthan: gt,
    ">=": ge, ge,
    "<": lt, lt, lessthan: lt,
    "<=": le, le,
  };
}
