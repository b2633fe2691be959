/** What the Problems panel shows for the project's code, found without running the app. */
export interface Diagnostic {
  /** Project-relative POSIX path. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: "error" | "warning";
  message: string;
  /** `typescript`: the type checker; `template`: the Jinja parser. */
  source: "typescript" | "template";
}

/** The project's TypeScript settings, which Problems follows. */
export const projectConfigFile = "tsconfig.json";
