/** Messages between the host's SearchThread and its worker (search-worker.ts). */
import type { SearchQuery, SearchResult } from "../../api/contract.js";
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

/** The worker's answer to the one job it was given. */
export type SearchReply = { result: SearchResult } | { error: HostError };
