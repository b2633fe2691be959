/**
 * The part of Find in Files that runs in the search worker: reads the listed files through the path
 * guard, skips binary and large ones, and matches their lines until the match limit. A pattern can
 * backtrack for minutes, so this never runs on the host's own thread (see search-thread.ts).
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import type { SearchFileResult, SearchResult } from "../../api/contract.js";
import { isBinary } from "../files.js";
import { toProjectPath } from "../path-guard.js";
import { compileQuery, previewLine, type LineMatcher } from "./matcher.js";
import type { SearchJob } from "./search-protocol.js";

/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
const readsAtOnce = 16;

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
 * Searches the job's files in order; `truncated` says the match limit stopped it.
 *
 * @example
 * await scanFiles({ root, paths: ["app.ts"], query: { query: "title", matchCase: false, wholeWord: false, regex: false }, unsaved: [], limits: searchLimits });
 * // { files: [{ path: "app.ts", lines: [...] }], truncated: false, filesSearched: 1 }
 */
export async function scanFiles(job: SearchJob): Promise<SearchResult> {
  const matcher = compileQuery(job.query);
  const result: SearchResult = { files: [], truncated: false, filesSearched: 0 };
  if (matcher === null) return result;
  const unsaved = new Map(job.unsaved.map((buffer) => [buffer.path, buffer.content]));
  let matches = 0;
  for (let next = 0; next < job.paths.length; next += readsAtOnce) {
    const batch = job.paths.slice(next, next + readsAtOnce);
    const texts = await Promise.all(batch.map((path) => unsaved.get(path) ?? readText(job.root, path, job.limits.maxFileBytes)));
    for (const [index, text] of texts.entries()) {
      if (text === undefined) continue;
      result.filesSearched++;
      // Past the limit the search goes on only until it meets one more match, so `truncated` is never a guess.
      const found = searchText(batch[index]!, text, matcher, job.limits.maxMatches - matches);
      if (found.file.lines.length > 0) result.files.push(found.file);
      matches += found.matches;
      if (found.more) return { ...result, truncated: true };
    }
  }
  return result;
}
