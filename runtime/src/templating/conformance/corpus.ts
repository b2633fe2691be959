/**
 * The Jinja2 conformance corpus: the hand-written cases (cases/*.json) joined with what Jinja2
 * itself answered for each (golden.json, written by golden.py). See README.md for the format.
 */
import golden from "./golden.json" with { type: "json" };
import assignments from "./cases/assignments.json" with { type: "json" };
import errors from "./cases/errors.json" with { type: "json" };
import escaping from "./cases/escaping.json" with { type: "json" };
import expressions from "./cases/expressions.json" with { type: "json" };
import filters from "./cases/filters.json" with { type: "json" };
import globals from "./cases/globals.json" with { type: "json" };
import javascriptTraps from "./cases/javascript-traps.json" with { type: "json" };
import jinjaSuite from "./cases/jinja-suite.json" with { type: "json" };
import importCases from "./cases/import.json" with { type: "json" };
import include from "./cases/include.json" with { type: "json" };
import inheritance from "./cases/inheritance.json" with { type: "json" };
import lexer from "./cases/lexer.json" with { type: "json" };
import loops from "./cases/loops.json" with { type: "json" };
import macros from "./cases/macros.json" with { type: "json" };
import methods from "./cases/methods.json" with { type: "json" };
import numbers from "./cases/numbers.json" with { type: "json" };
import pages from "./cases/pages.json" with { type: "json" };
import nunjucksFaults from "./cases/nunjucks-faults.json" with { type: "json" };
import printing from "./cases/printing.json" with { type: "json" };
import tests from "./cases/tests.json" with { type: "json" };
import undefinedCases from "./cases/undefined.json" with { type: "json" };

/** Every case file, by category (its file name without .json). */
const CASE_FILES: Record<string, unknown> = {
  assignments,
  errors,
  escaping,
  expressions,
  filters,
  globals,
  import: importCases,
  include,
  "javascript-traps": javascriptTraps,
  "jinja-suite": jinjaSuite,
  inheritance,
  lexer,
  loops,
  macros,
  methods,
  numbers,
  "nunjucks-faults": nunjucksFaults,
  pages,
  printing,
  tests,
  undefined: undefinedCases,
};

/** The template name a case renders when it gives a single `template`. */
export const MAIN = "main";

/** Environment options a case may set; the names are the Vial `Environment` option names. */
export interface CaseOptions {
  autoescape?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  undefined?: "default" | "strict" | "chainable" | "debug";
}

/** What decides a case's answer: the DictLoader map, which template to render, with what. */
export interface CaseInput {
  templates: Record<string, string>;
  render: string;
  context: Record<string, unknown>;
  options: CaseOptions;
}

/** The error Jinja2 raised: its class and ancestors, message, and where in which template. */
export interface ExpectedError {
  class: string;
  mro: string[];
  message: string;
  templateName?: string;
  lineno?: number;
}

/** Jinja2's answer for one case, or why there is none to hold the engine to. */
export type Expectation =
  | { kind: "output"; output: string }
  | { kind: "error"; error: ExpectedError }
  | { kind: "stale"; reason: string };

/** One case ready to run: its input, Jinja2's answer, and any documented JavaScript difference. */
export interface ConformanceCase {
  id: string;
  category: string;
  name: string;
  input: CaseInput;
  expected: Expectation;
  knownDifference?: { why: string; expectedVial: string };
}

const REGENERATE = "python3 runtime/src/templating/conformance/golden.py";

interface RawCase {
  name: string;
  template?: string;
  templates?: Record<string, string>;
  render?: string;
  context?: Record<string, unknown>;
  options?: CaseOptions;
  knownDifference?: string;
  expectedVial?: string;
}

interface GoldenEntry {
  input: unknown;
  output?: string;
  error?: ExpectedError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rawCases(category: string, file: unknown): RawCase[] {
  if (!Array.isArray(file)) throw new Error(`cases/${category}.json must hold a list of cases`);
  return file.map((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== "string") {
      throw new Error(`cases/${category}.json: entry ${index} has no name`);
    }
    return entry as unknown as RawCase;
  });
}

function inputOf(raw: RawCase): CaseInput {
  return {
    templates: raw.templates ?? { [MAIN]: raw.template ?? "" },
    render: raw.render ?? MAIN,
    context: raw.context ?? {},
    options: raw.options ?? {},
  };
}

/** JSON with object keys sorted, so two parsed values can be compared as strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function expectationOf(input: CaseInput, entry: GoldenEntry | undefined): Expectation {
  if (entry === undefined) return { kind: "stale", reason: `no golden for this case; run ${REGENERATE}` };
  if (canonical(entry.input) !== canonical(input)) {
    return { kind: "stale", reason: `the case changed since its golden was made; run ${REGENERATE}` };
  }
  if (entry.error !== undefined) return { kind: "error", error: entry.error };
  if (entry.output !== undefined) return { kind: "output", output: entry.output };
  return { kind: "stale", reason: `golden entry has neither output nor error; run ${REGENERATE}` };
}

function goldenCategories(): Record<string, Record<string, GoldenEntry>> {
  const categories: unknown = golden.categories;
  if (!isRecord(categories)) throw new Error("golden.json has no categories");
  return categories as Record<string, Record<string, GoldenEntry>>;
}

/**
 * Every case of the corpus with Jinja2's answer attached.
 * @example
 * for (const c of loadCorpus()) console.log(c.id, c.expected.kind);
 */
export function loadCorpus(): ConformanceCase[] {
  const goldens = goldenCategories();
  return Object.entries(CASE_FILES).flatMap(([category, file]) =>
    rawCases(category, file).map((raw): ConformanceCase => {
      const input = inputOf(raw);
      const found: ConformanceCase = {
        id: `${category}/${raw.name}`,
        category,
        name: raw.name,
        input,
        expected: expectationOf(input, goldens[category]?.[raw.name]),
      };
      if (raw.knownDifference !== undefined && raw.expectedVial !== undefined) {
        found.knownDifference = { why: raw.knownDifference, expectedVial: raw.expectedVial };
      }
      return found;
    }),
  );
}

/**
 * Golden categories and cases that no case file asks for (a case file was renamed or removed, or
 * a new one is missing from CASE_FILES above).
 * @example
 * expect(orphanGoldens()).toEqual([]);
 */
export function orphanGoldens(): string[] {
  const known = new Set(loadCorpus().map((c) => c.id));
  return Object.entries(goldenCategories()).flatMap(([category, entries]) =>
    Object.keys(entries)
      .map((name) => `${category}/${name}`)
      .filter((id) => !known.has(id)),
  );
}

/** Who made the goldens (Jinja2 and MarkupSafe versions). */
export const GENERATOR: string = golden.generator;
