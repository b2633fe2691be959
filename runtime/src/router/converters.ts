/**
 * Turns one URL segment (or, for `path`, several) into a typed value and back, like Werkzeug's converters.
 * `toValue` may throw {@link ValidationError} to say "this rule does not match after all".
 *
 * @example
 * ```ts
 * const list: Converter = { regex: "[^/]+(?:,[^/]+)*", toValue: (s) => s.split(","), toUrl: (v) => (v as string[]).join(",") };
 * app.converters.list = list;
 * app.get("/tags/<list:names>", ({ names }) => ({ names }));
 * ```
 */
export interface Converter {
  /** A regular expression source (no anchors, no capture groups) for the part of the path it matches. */
  regex: string;
  /** Lower sorts first when two rules could match the same path; static text always beats a converter. */
  weight?: number;
  /**
   * False when the regex can span `/` (like `path`): the trie then matches the rest of the rule as one
   * regex. Default, as in Werkzeug: true unless the regex contains `/`.
   */
  partIsolating?: boolean;
  toValue(raw: string): unknown;
  toUrl(value: unknown): string;
}

/**
 * The arguments written in a rule, as in `<int(min=1, fixed_digits=4):id>` or `<any(a, b):kind>`.
 *
 * @example
 * ```ts
 * const args: ConverterArgs = { positional: ["a", "b"], named: {} };
 * ```
 */
export interface ConverterArgs {
  positional: string[];
  named: Record<string, string>;
}

/**
 * A converter registered by name: either a fixed converter or a factory that reads the rule's arguments.
 *
 * @example
 * ```ts
 * const even: ConverterSpec = () => ({ regex: "\\d+", toValue: (s) => { const n = Number(s); if (n % 2) throw new ValidationError(); return n; }, toUrl: String });
 * ```
 */
export type ConverterSpec = Converter | ((args: ConverterArgs) => Converter);

/**
 * Thrown by a converter's `toValue` when the text matched the regex but is not acceptable (out of range…).
 *
 * @example
 * ```ts
 * toValue(raw) { const n = Number(raw); if (n < 1) throw new ValidationError(); return n; }
 * ```
 */
export class ValidationError extends Error {
  constructor(message = "value rejected by converter") {
    super(message);
    this.name = "ValidationError";
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * The `toValue` of the built-in converters that keep the matched text as is (`string`, `path`, `any`);
 * a router may skip calling it.
 *
 * @example
 * ```ts
 * const value = converter.toValue === keepRaw ? raw : converter.toValue(raw);
 * ```
 */
export function keepRaw(raw: string): string {
  return raw;
}

function bool(value: string | undefined): boolean {
  return value === "True" || value === "true" || value === "1";
}

function numberArg(args: ConverterArgs, key: string): number | undefined {
  const raw = args.named[key];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`converter argument ${key}=${raw} is not a number`);
  return value;
}

// Reads `min` and `max` once, when the rule is parsed: a bad bound fails there, and a lookup only compares.
function rangeCheck(args: ConverterArgs): (value: number) => number {
  const min = numberArg(args, "min") ?? -Infinity;
  const max = numberArg(args, "max") ?? Infinity;
  return (value) => {
    if (value < min || value > max) throw new ValidationError();
    return value;
  };
}

const string = (args: ConverterArgs): Converter => {
  const length = numberArg(args, "length");
  const minlength = numberArg(args, "minlength") ?? 1;
  const maxlength = numberArg(args, "maxlength");
  const quantifier = length !== undefined ? `{${length}}` : `{${minlength},${maxlength ?? ""}}`;
  return { regex: `[^/]${quantifier}`, weight: 100, partIsolating: true, toValue: keepRaw, toUrl: (v) => String(v) };
};

const int = (args: ConverterArgs): Converter => {
  const digits = numberArg(args, "fixed_digits");
  const sign = bool(args.named.signed) ? "-?" : "";
  const inRange = rangeCheck(args);
  return {
    regex: sign + (digits !== undefined ? `\\d{${digits}}` : "\\d+"),
    weight: 50,
    toValue: (raw) => inRange(Number.parseInt(raw, 10)),
    toUrl: (v) => (digits !== undefined ? String(v).padStart(digits, "0") : String(Math.trunc(Number(v)))),
  };
};

const float = (args: ConverterArgs): Converter => {
  const inRange = rangeCheck(args);
  return {
    regex: (bool(args.named.signed) ? "-?" : "") + "\\d+\\.\\d+",
    weight: 50,
    toValue: (raw) => inRange(Number.parseFloat(raw)),
    toUrl: (v) => {
      const text = String(v);
      return text.includes(".") || text.includes("e") ? text : `${text}.0`;
    },
  };
};

const path: Converter = { regex: "[^/].*?", weight: 200, partIsolating: false, toValue: keepRaw, toUrl: (v) => String(v) };

const uuid: Converter = {
  regex: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
  weight: 50,
  toValue: (raw) => raw.toLowerCase(),
  toUrl: (v) => String(v),
};

const any = (args: ConverterArgs): Converter => {
  if (args.positional.length === 0) throw new Error("the any converter needs at least one choice, as in <any(a, b):name>");
  const choices = new Set(args.positional);
  return {
    regex: `(?:${args.positional.map(escapeRegex).join("|")})`,
    weight: 100,
    toValue: keepRaw,
    toUrl: (v) => {
      const text = String(v);
      if (!choices.has(text)) throw new Error(`${text} is not one of ${[...choices].join(", ")}`);
      return text;
    },
  };
};

/**
 * The converters every app starts with: `string` (default), `int`, `float`, `path`, `uuid`, `any(a, b)`.
 *
 * @example
 * ```ts
 * const converters = { ...defaultConverters, list: myListConverter };
 * ```
 */
export const defaultConverters: Readonly<Record<string, ConverterSpec>> = Object.freeze({
  default: string,
  string,
  int,
  float,
  path,
  uuid,
  any,
});

export { escapeRegex };
