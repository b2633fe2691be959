/** Messages between the host's SearchThread and its worker (search-worker.ts). */
import type { ReplaceRequest, ReplaceResult, SearchQuery, SearchResult } from "../../api/contract.js";
import type { HostError } from "../../api/errors.js";

export interface SearchLimits {
  /** The search stops, `truncated`, after this many matches. */
  maxMatches: number;
  /** Larger files are skipped (minified bundles, data dumps). */
  maxFileBytes: number;
}

/** One search, with the file list already made on the host (the explorer's tree, include globs applied). */
export interface SearchJob {
  /** The project's real path. */
  root: string;
  /** Project paths to search, in the order results are listed. */
  paths: string[];
  query: Pick<SearchQuery, "query" | "matchCase" | "wholeWord" | "regex">;
  /** Editor texts that stand in for their files on disk. */
  unsaved: { path: string; content: string }[];
  limits: SearchLimits;
}

/** What the worker is asked to do: a search, or Replace All's new texts. */
export type WorkerJob = { kind: "search"; search: SearchJob } | { kind: "replace"; replace: ReplaceRequest };

/** The worker's answer to the one job it was given. */
export type SearchReply = { result: SearchResult | ReplaceResult } | { error: HostError };
