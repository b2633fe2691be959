import { escapeRegex, ValidationError, type Converter, type ConverterArgs, type ConverterSpec } from "./converters.js";

/**
 * One piece of a parsed rule: literal text, or a variable with its converter.
 *
 * @example
 * ```ts
 * const parts: RulePart[] = [{ text: "/user/" }, { name: "id", converter: intConverter }];
 * ```
 */
export type RulePart = { text: string } | { name: string; converter: Converter };

/**
 * A rule such as `/user/<int:id>` parsed once at registration: a regex for matching, parts for building URLs.
 *
 * @example
 * ```ts
 * const rule = parseRule("/user/<int:id>", defaultConverters);
 * rule.match("/user/7"); // { id: 7 }
 * ```
 */
export interface ParsedRule {
  readonly rule: string;
  readonly parts: readonly RulePart[];
  readonly names: readonly string[];
  /** Set when the rule has no variables: the path it matches exactly. */
  readonly staticPath: string | undefined;
  /** The literal text before the first variable (for bucketing). */
  readonly prefix: string;
  /** Lexicographic sort key: rules with more literal text, and cheaper converters, come first. */
  readonly sortKey: readonly number[];
  /** The unanchored regex source, one capture group per variable (for combining rules into one regex). */
  readonly pattern: string;
  /** Converted params when `path` matches, else undefined. */
  match(path: string): Record<string, unknown> | undefined;
  /** Converts the captured texts (from `offset` in `groups`); undefined when a converter rejects one. */
  convert(groups: ArrayLike<string | undefined>, offset: number): Record<string, unknown> | undefined;
}

/**
 * Thrown when a rule cannot be understood (bad syntax, unknown converter, a variable used twice).
 *
 * @example
 * ```ts
 * try { app.get("/x/<nope:id>", view); } catch (e) { if (e instanceof RuleError) console.error(e.message); }
 * ```
 */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleError";
  }
}

const VARIABLE = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\(([^)]*)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g;

function parseArgs(source: string | undefined): ConverterArgs {
  const args: ConverterArgs = { positional: [], named: {} };
  if (source === undefined) return args;
  for (const piece of source.split(",")) {
    const item = piece.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    const unquote = (s: string): string => s.trim().replace(/^(['"])(.*)\1$/, "$2");
    if (eq === -1) args.positional.push(unquote(item));
    else args.named[item.slice(0, eq).trim()] = unquote(item.slice(eq + 1));
  }
  return args;
}

function resolveConverter(name: string, args: ConverterArgs, converters: Readonly<Record<string, ConverterSpec>>, rule: string): Converter {
  const spec = converters[name];
  if (spec === undefined) throw new RuleError(`the rule ${rule} uses the converter "${name}", which is not registered (add it to app.converters)`);
  return typeof spec === "function" ? spec(args) : spec;
}

/**
 * Parses a Werkzeug-style rule. Rules must start with `/`.
 *
 * @example
 * ```ts
 * parseRule("/files/<path:name>", defaultConverters).match("/files/a/b.txt"); // { name: "a/b.txt" }
 * ```
 */
export function parseRule(rule: string, converters: Readonly<Record<string, ConverterSpec>>): ParsedRule {
  if (!rule.startsWith("/")) throw new RuleError(`urls must start with a leading slash: ${JSON.stringify(rule)}`);
  const parts: RulePart[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of rule.matchAll(VARIABLE)) {
    const index = m.index;
    if (index > last) parts.push({ text: rule.slice(last, index) });
    const name = m[3] as string;
    if (names.includes(name)) throw new RuleError(`the variable name ${name} is used twice in ${rule}`);
    names.push(name);
    parts.push({ name, converter: resolveConverter(m[1] ?? "default", parseArgs(m[2]), converters, rule) });
    last = index + m[0].length;
  }
  if (last < rule.length) parts.push({ text: rule.slice(last) });
  for (const part of parts) {
    if ("text" in part && /[<>]/.test(part.text)) throw new RuleError(`malformed variable in rule ${rule}`);
  }
  if (names.length === 0) {
    return {
      rule,
      parts,
      names,
      staticPath: rule,
      prefix: rule,
      sortKey: [0, -rule.length],
      pattern: escapeRegex(rule),
      match: (p) => (p === rule ? {} : undefined),
      convert: () => ({}),
    };
  }
  const converters_: Converter[] = [];
  const sortKey: number[] = [];
  let source = "";
  for (const part of parts) {
    if ("text" in part) {
      source += escapeRegex(part.text);
      sortKey.push(0, -part.text.length);
    } else {
      source += `(${part.converter.regex})`;
      converters_.push(part.converter);
      sortKey.push(1, part.converter.weight ?? 100);
    }
  }
  const regex = new RegExp(`^${source}$`, "s");
  const convert = (groups: ArrayLike<string | undefined>, offset: number): Record<string, unknown> | undefined => {
    const params: Record<string, unknown> = {};
    try {
      for (let i = 0; i < names.length; i++) params[names[i] as string] = (converters_[i] as Converter).toValue(groups[offset + i] as string);
    } catch (error) {
      if (error instanceof ValidationError) return undefined;
      throw error;
    }
    return params;
  };
  const first = parts[0];
  const prefix = first !== undefined && "text" in first ? first.text : "";
  return {
    rule,
    parts,
    names,
    staticPath: undefined,
    prefix,
    sortKey,
    pattern: source,
    match(path) {
      const m = regex.exec(path);
      return m === null ? undefined : convert(m, 1);
    },
    convert,
  };
}

/**
 * Orders two rules the way Werkzeug does: more literal text first, then cheaper converters.
 *
 * @example
 * ```ts
 * rules.sort(compareRules);
 * ```
 */
export function compareRules(a: ParsedRule, b: ParsedRule): number {
  const n = Math.min(a.sortKey.length, b.sortKey.length);
  for (let i = 0; i < n; i++) {
    const diff = (a.sortKey[i] as number) - (b.sortKey[i] as number);
    if (diff !== 0) return diff;
  }
  return b.sortKey.length - a.sortKey.length;
}
