/**
 * Find in Files over the open project: the files the explorer's tree lists (so the folders it leaves
 * out stay out), narrowed by the include and exclude globs, then read and matched in the search worker.
 */
import { realpath } from "node:fs/promises";
import type { FileNode, SearchQuery, SearchResult } from "../../api/contract.js";
import type { ProjectFiles } from "../files.js";
import { excludeFilter, includeFilter } from "./include.js";
import { compileQuery } from "./matcher.js";
import type { SearchLimits } from "./search-protocol.js";
import type { SearchThread } from "./search-thread.js";

export const searchLimits: SearchLimits = { maxMatches: 2000, maxFileBytes: 1024 * 1024 };

function filePaths(node: FileNode, into: string[] = []): string[] {
  if (node.kind === "file") into.push(node.path);
  for (const child of node.children ?? []) filePaths(child, into);
  return into;
}

/**
 * Searches the project's files for a query in `thread`'s worker. `query.unsaved` texts stand in for
 * their files on disk. A bad regular expression fails with `bad-request` here, before any file is read.
 *
 * @example
 * const { files, truncated } = await searchProject(workspace.files(), { query: "title", matchCase: false, wholeWord: true, regex: false }, thread);
 */
export async function searchProject(files: ProjectFiles, query: SearchQuery, thread: SearchThread, limits: SearchLimits = searchLimits): Promise<SearchResult> {
  if (compileQuery(query) === null) return { files: [], truncated: false, filesSearched: 0 };
  const included = includeFilter(query.include ?? "");
  const excluded = excludeFilter(query.exclude ?? "");
  const root = await realpath(files.root);
  const tree = await files.tree();
  const paths = filePaths(tree.root).filter((path) => included(path) && !excluded(path));
  const { query: text, matchCase, wholeWord, regex } = query;
  const result = await thread.run({ root, paths, query: { query: text, matchCase, wholeWord, regex }, unsaved: query.unsaved ?? [], limits });
  return tree.truncated ? { ...result, truncated: true } : result;
}
