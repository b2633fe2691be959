import { describe, expect, it } from "vitest";
import * as engine from "../index.js";
import { DictLoader, Environment, Markup } from "../index.js";
import { GENERATOR, loadCorpus, orphanGoldens } from "./corpus.js";
import type { CaseInput, ConformanceCase, ExpectedError } from "./corpus.js";
import { describeDifference } from "./mismatch.js";

// Each case renders with Vial and must give Jinja2's output byte for byte (or raise the same
// error class at the same template line). Goldens come from golden.py; see README.md.

type Outcome = { output: string } | { error: unknown };

/** JSON context → template values: {"__markup__": s} stands for Markup(s), as in golden.py. */
function toValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toValue);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === "__markup__" && typeof only[1] === "string") return new Markup(only[1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, toValue(v)]));
  }
  return value;
}

function render(input: CaseInput): Outcome {
  try {
    const env = new Environment({
      loader: new DictLoader(input.templates),
      autoescape: input.options.autoescape ?? false,
      trimBlocks: input.options.trimBlocks ?? false,
      lstripBlocks: input.options.lstripBlocks ?? false,
      keepTrailingNewline: input.options.keepTrailingNewline ?? false,
      undefined: input.options.undefined ?? "default",
    });
    return { output: env.getTemplate(input.render).render(toValue(input.context) as Record<string, unknown>) };
  } catch (error) {
    return { error };
  }
}

function describeCase(c: ConformanceCase): string {
  const templates = Object.entries(c.input.templates).map(([name, source]) => `  ${name}: ${JSON.stringify(source)}`);
  return [
    `case ${c.id}${c.input.render === "main" ? "" : ` (renders ${JSON.stringify(c.input.render)})`}`,
    "templates:",
    ...templates,
    `context: ${JSON.stringify(c.input.context)}`,
    `options: ${JSON.stringify(c.input.options)}`,
  ].join("\n");
}

function describeExpectedError(e: ExpectedError): string {
  const where = e.lineno === undefined ? "" : ` at ${e.templateName ?? "?"} line ${e.lineno}`;
  return `${e.class}${where}: ${e.message}`;
}

function describeActualError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown non-Error: ${String(error)}`;
  const { templateName, lineno } = error as { templateName?: unknown; lineno?: unknown };
  const where = lineno === undefined ? "" : ` at ${String(templateName ?? "?")} line ${String(lineno)}`;
  const stack = (error.stack ?? "").split("\n").slice(1, 6).join("\n");
  return `${error.constructor.name}${where}: ${error.message}\n${stack}`;
}

/** The engine's class for Jinja2's error class, or the nearest ancestor the engine exports. */
function engineErrorClass(mro: string[]): { name: string; cls: abstract new (...args: never[]) => unknown } | undefined {
  const exported = engine as Record<string, unknown>;
  for (const name of mro) {
    const cls = exported[name];
    if (typeof cls === "function") return { name, cls: cls as abstract new (...args: never[]) => unknown };
  }
  return undefined;
}

function checkOutput(c: ConformanceCase, expected: string, outcome: Outcome): void {
  const report = describeCase(c);
  if ("error" in outcome) {
    expect.fail(`${report}\nexpected output ${JSON.stringify(expected)}\nbut it threw ${describeActualError(outcome.error)}`);
  }
  const actual = outcome.output;
  const known = c.knownDifference;
  if (known !== undefined && actual === known.expectedVial) return;
  const alternative =
    known === undefined
      ? ""
      : `\nknown difference: ${known.why}\n(also accepted: ${JSON.stringify(known.expectedVial)}; ${describeDifference(known.expectedVial, actual)})`;
  expect(actual, `${report}\n${describeDifference(expected, actual)}${alternative}\n`).toBe(expected);
}

function checkError(c: ConformanceCase, expected: ExpectedError, outcome: Outcome): void {
  const report = `${describeCase(c)}\nexpected error ${describeExpectedError(expected)}`;
  if (!("error" in outcome)) expect.fail(`${report}\nbut it rendered ${JSON.stringify(outcome.output)}`);
  const error = outcome.error;
  const wanted = engineErrorClass(expected.mro);
  const actual = describeActualError(error);
  if (wanted === undefined) {
    // A plain Python exception (TypeError, ZeroDivisionError…): any Error will do.
    if (!(error instanceof Error)) expect.fail(`${report}\nbut it threw ${actual}`);
    return;
  }
  if (!(error instanceof wanted.cls)) expect.fail(`${report}\nexpected an instance of ${wanted.name}\nbut it threw ${actual}`);
  const position = error as { templateName?: unknown; lineno?: unknown };
  if (expected.lineno !== undefined) {
    expect(position.lineno, `${report}\nwrong line; it threw ${actual}`).toBe(expected.lineno);
  }
  if (expected.templateName !== undefined) {
    expect(position.templateName, `${report}\nwrong template name; it threw ${actual}`).toBe(expected.templateName);
  }
}

const corpus = loadCorpus();

describe(`Jinja2 conformance (goldens by ${GENERATOR})`, () => {
  it("has a golden for every case and no golden without a case", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(orphanGoldens()).toEqual([]);
  });

  it.each(corpus.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const expected = c.expected;
    if (expected.kind === "stale") expect.fail(`${describeCase(c)}\n${expected.reason}`);
    const outcome = render(c.input);
    if (expected.kind === "output") checkOutput(c, expected.output, outcome);
    else checkError(c, expected.error, outcome);
  });
});
