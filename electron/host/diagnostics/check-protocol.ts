/** Messages between the diagnostics service and its TypeScript worker thread. */
import type { Diagnostic } from "./types.js";

/** One check: the project's TypeScript files, and those saved since the last check. */
export interface CheckRequest {
  id: number;
  root: string;
  runtimeDir: string;
  files: string[];
  changed: string[];
}

export type CheckReply = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string };
