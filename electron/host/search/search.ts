/**
 * Find in Files over the open project: the files the explorer's tree lists (so the folders it leaves
 * out stay out), each read through the path guard, binary and large files skipped, matches capped.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import type { FileNode, SearchFileResult, SearchQuery, SearchResult } from "../../api/contract.js";
import { isBinary, type ProjectFiles } from "../files.js";
import { toProjectPath } from "../path-guard.js";
import { includeFilter } from "./include.js";
import { compileQuery, previewLine, type LineMatcher } from "./matcher.js";

export interface SearchLimits {
  /** The search stops, `truncated`, after this many matches. */
  maxMatches: number;
  /** Larger files are skipped (minified bundles, data dumps). */
  maxFileBytes: number;
}

export const searchLimits: SearchLimits = { maxMatches: 2000, maxFileBytes: 1024 * 1024 };

/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
const readsAtOnce = 16;

function filePaths(node: FileNode, into: string[] = []): string[] {
  if (node.kind === "file") into.push(node.path);
  for (const child of node.children ?? []) filePaths(child, into);
  return into;
}

/**
 * The text of a project file, or undefined for one not searched: binary, too large, gone, or a link out
 * of the project. `root` is the project's real path. One realpath per file is the path guard's check
 * (resolveInProject's, without resolving the root again for each of thousands of files).
 */
async function readText(root: string, path: string, maxBytes: number): Promise<string | undefined> {
  try {
    const real = await realpath(join(root, path));
    if (toProjectPath(root, real) === undefined) return undefined;
    if ((await stat(real)).size > maxBytes) return undefined;
    const bytes = await readFile(real);
    return isBinary(bytes) ? undefined : bytes.toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * The matching lines of one text, taking at most `budget` matches; `more` tells that it found a match
 * past the budget (and stopped there).
 */
function searchText(path: string, text: string, matcher: LineMatcher, budget: number): { file: SearchFileResult; matches: number; more: boolean } {
  const file: SearchFileResult = { path, lines: [] };
  let matches = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    const ranges = matcher.ranges(line);
    if (ranges.length === 0) continue;
    const taken = ranges.slice(0, budget - matches);
    if (taken.length > 0) file.lines.push(previewLine(index + 1, line, taken));
    matches += taken.length;
    if (taken.length < ranges.length) return { file, matches, more: true };
  }
  return { file, matches, more: false };
}

/**
 * Searches the project's files for a query. `query.unsaved` texts stand in for their files on disk.
 *
 * @example
 * const { files, truncated } = await searchProject(workspace.files(), { query: "title", matchCase: false, wholeWord: true, regex: false });
 */
export async function searchProject(files: ProjectFiles, query: SearchQuery, limits: SearchLimits = searchLimits): Promise<SearchResult> {
  const matcher = compileQuery(query);
  if (matcher === null) return { files: [], truncated: false, filesSearched: 0 };
  const included = includeFilter(query.include ?? "");
  const unsaved = new Map(query.unsaved?.map((buffer) => [buffer.path, buffer.content]));
  const root = await realpath(files.root);
  const tree = await files.tree();
  const paths = filePaths(tree.root).filter(included);

  const result: SearchResult = { files: [], truncated: tree.truncated, filesSearched: 0 };
  let matches = 0;
  for (let next = 0; next < paths.length; next += readsAtOnce) {
    const batch = paths.slice(next, next + readsAtOnce);
    const texts = await Promise.all(batch.map((path) => unsaved.get(path) ?? readText(root, path, limits.maxFileBytes)));
    for (const [index, text] of texts.entries()) {
      if (text === undefined) continue;
      result.filesSearched++;
      // Past the limit the search goes on only until it meets one more match, so `truncated` is never a guess.
      const found = searchText(batch[index]!, text, matcher, limits.maxMatches - matches);
      if (found.file.lines.length > 0) result.files.push(found.file);
      matches += found.matches;
      if (found.more) return { ...result, truncated: true };
    }
  }
  return result;
}
