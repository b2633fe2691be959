/**
 * The runtime's rule syntax, checked before a rule is written into code (the runtime itself throws a
 * RuleError only when the app starts, which is too late for a form).
 */

/** The converters a fresh app knows (runtime/src/router/converters.ts). */
export const converterNames = ["string", "int", "float", "path", "uuid", "any"] as const;

const variable = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\(([^)]*)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g;

/**
 * Why a rule would not register, or undefined when it is fine.
 *
 * @example
 * ruleError("/user/<int:id>"); // undefined
 * ruleError("user/<nope:id>"); // "A rule starts with /: …"
 */
export function ruleError(rule: string): string | undefined {
  if (!rule.startsWith("/")) return `A rule starts with "/": write "/${rule}".`;
  if (/\s/.test(rule)) return "A rule has no spaces.";
  const names = new Set<string>();
  let rest = rule;
  for (const match of rule.matchAll(variable)) {
    const converter = match[1];
    const name = match[3] as string;
    if (converter !== undefined && !(converterNames as readonly string[]).includes(converter)) {
      return `There is no converter "${converter}": use one of ${converterNames.join(", ")}.`;
    }
    if (converter === "any" && (match[2] ?? "").trim() === "") return "The any converter needs choices, as in <any(a, b):name>.";
    if (names.has(name)) return `The variable "${name}" is used twice.`;
    names.add(name);
    rest = rest.replace(match[0], "");
  }
  if (/[<>]/.test(rest)) return "A variable is written <name> or <converter:name>, as in /user/<int:id>.";
  return undefined;
}
