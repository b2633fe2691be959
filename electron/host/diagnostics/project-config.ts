/**
 * The compiler options Problems checks a project with: the Studio's defaults (what esbuild runs: ESM,
 * Node ≥ 20, strict) under the project's own `tsconfig.json` when it has one, so that loosening or
 * tightening a flag there changes what Problems reports, as it would for `tsc`. The few options that
 * tie the check to the Studio stay the Studio's: `vial` resolves to its runtime, Node's types come
 * from its dependencies, and nothing is emitted.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { projectConfigFile, type Diagnostic } from "./types.js";

/** Options about emitting output: meaningless for a check, and some conflict with `noEmit`. */
const emitOptions = ["composite", "incremental", "tsBuildInfoFile", "declaration", "declarationMap", "emitDeclarationOnly", "outDir", "outFile", "sourceMap", "inlineSourceMap"] as const;

/** "No inputs were found": Problems checks every TypeScript file of the project, whatever `include` says. */
const noInputsCode = 18003;

export interface ProjectConfig {
  /** The text of `tsconfig.json`, or undefined when the project has none (a change to it means re-reading). */
  text: string | undefined;
  options: ts.CompilerOptions;
  /** What is wrong in `tsconfig.json` itself, at its line. */
  diagnostics: Diagnostic[];
}

/**
 * @example
 * const config = loadProjectConfig("/home/me/my-app", { strict: true }, { noEmit: true });
 * config.options.strict; // false when the project's tsconfig.json says "strict": false
 */
export function loadProjectConfig(root: string, defaults: ts.CompilerOptions, studio: ts.CompilerOptions): ProjectConfig {
  const file = join(root, projectConfigFile);
  const text = readProjectConfigText(root);
  if (text === undefined) return { text, options: { ...defaults, ...studio }, diagnostics: [] };
  const parsed = ts.parseJsonText(file, text);
  const content = ts.parseJsonSourceFileConfigFileContent(parsed, ts.sys, root, undefined, file);
  const errors = ts.getConfigFileParsingDiagnostics(content).filter((error) => error.code !== noInputsCode);
  const own: ts.CompilerOptions = { ...content.options };
  for (const option of emitOptions) delete own[option];
  const options: ts.CompilerOptions = {
    ...defaults,
    ...own,
    ...studio,
    paths: { ...own.paths, ...studio.paths },
    typeRoots: [...(own.typeRoots ?? []), ...(studio.typeRoots ?? [])],
    types: own.types ?? studio.types ?? [],
  };
  return { text, options, diagnostics: errors.map(toDiagnostic) };
}

/** The options that only change what the checker reports: the editor takes these from the project. */
const checkFlagNames = [
  "strict",
  "noImplicitAny",
  "strictNullChecks",
  "strictFunctionTypes",
  "strictBindCallApply",
  "strictPropertyInitialization",
  "strictBuiltinIteratorReturn",
  "noImplicitThis",
  "useUnknownInCatchVariables",
  "alwaysStrict",
  "noUnusedLocals",
  "noUnusedParameters",
  "noImplicitReturns",
  "noFallthroughCasesInSwitch",
  "noUncheckedIndexedAccess",
  "noImplicitOverride",
  "noPropertyAccessFromIndexSignature",
  "exactOptionalPropertyTypes",
  "allowUnreachableCode",
  "allowUnusedLabels",
] as const;

/**
 * The checking flags the project's tsconfig.json sets: none without one, what can be read of a broken one.
 *
 * @example
 * checkFlags("/home/me/my-app"); // { strict: false } for {"compilerOptions": {"strict": false}}
 */
export function checkFlags(root: string): Record<string, boolean> {
  const { options } = loadProjectConfig(root, {}, {});
  const flags: Record<string, boolean> = {};
  for (const name of checkFlagNames) {
    const value = options[name];
    if (typeof value === "boolean") flags[name] = value;
  }
  return flags;
}

function toDiagnostic(error: ts.Diagnostic): Diagnostic {
  const at = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : { line: 0, character: 0 };
  return {
    path: projectConfigFile,
    line: at.line + 1,
    column: at.character + 1,
    severity: error.category === ts.DiagnosticCategory.Error ? "error" : "warning",
    message: ts.flattenDiagnosticMessageText(error.messageText, "\n"),
    source: "typescript",
  };
}

/** The text of the project's tsconfig.json, or undefined when it has none. */
export function readProjectConfigText(root: string): string | undefined {
  try {
    return readFileSync(join(root, projectConfigFile), "utf8");
  } catch {
    return undefined;
  }
}
