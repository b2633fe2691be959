/**
 * Replace All's new texts, worked out in the search worker (a pattern can backtrack for minutes): each
 * text's lines are matched as Find in Files matches them, and their line ends are kept as they were.
 */
import type { ReplaceRequest, ReplaceResult } from "../../api/contract.js";
import { compileQuery } from "./matcher.js";

/**
 * The texts with matches, each with every match replaced.
 *
 * @example
 * replaceTexts({ query: "Home", matchCase: true, wholeWord: false, regex: false, replacement: "Start", texts: [{ path: "a.html", content: "Home\r\nHome" }] });
 * // { files: [{ path: "a.html", content: "Start\r\nStart", replaced: 2 }] }
 */
export function replaceTexts(request: ReplaceRequest): ReplaceResult {
  const matcher = compileQuery(request);
  const files: ReplaceResult["files"] = [];
  if (matcher === null) return { files };
  for (const { path, content } of request.texts) {
    // Lines at even indexes, the line ends between them at odd ones.
    const parts = content.split(/(\r\n|\r|\n)/);
    let replaced = 0;
    for (let index = 0; index < parts.length; index += 2) {
      const line = matcher.replace(parts[index]!, request.replacement);
      parts[index] = line.text;
      replaced += line.replaced;
    }
    if (replaced > 0) files.push({ path, content: parts.join(""), replaced });
  }
  return { files };
}
