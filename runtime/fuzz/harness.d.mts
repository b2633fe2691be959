/** What one case ended as: `ok` and `abandoned` pass; `malformed`, `server-error`, `no-answer`, `hang` and `crash` fail. */
export interface FuzzFailure {
  case: number | string;
  kind: string;
  statuses: number[];
  detail?: string;
  request?: string;
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  maxRss: number;
}

/** The figures a run prints and returns. */
export interface FuzzFigures {
  seed: number;
  cases: number;
  requestsSent: number;
  statuses: Record<string, number>;
  outcomes: Record<string, number>;
  failures: FuzzFailure[];
  crashes: number;
  memory: { start?: MemorySample; end?: MemorySample };
  seconds: number;
  serverLog: string;
}

export function runFuzz(options?: { requests?: number; seed?: number; concurrency?: number; onlyCase?: number; log?: (line: string) => void }): Promise<FuzzFigures>;
