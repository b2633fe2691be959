/** Case-insensitive subsequence match used by the palette and quick open ("nf" finds "New File"). */
export function fuzzyMatch(query: string, text: string): boolean {
  const needle = query.toLowerCase().replace(/\s+/g, "");
  const haystack = text.toLowerCase();
  let index = 0;
  for (const char of needle) {
    index = haystack.indexOf(char, index);
    if (index === -1) return false;
    index += 1;
  }
  return true;
}

/**
 * Quick open's order: paths whose file name starts with the query first, then those whose file name
 * contains it, then any other subsequence match; ties keep the tree's order.
 */
export function rankPaths(query: string, paths: readonly string[]): string[] {
  const needle = query.trim().toLowerCase();
  const rank = (path: string) => {
    const name = (path.split("/").pop() ?? path).toLowerCase();
    if (needle === "" || name.startsWith(needle)) return 0;
    if (name.includes(needle)) return 1;
    if (path.toLowerCase().includes(needle)) return 2;
    return 3;
  };
  return paths
    .filter((path) => fuzzyMatch(needle, path))
    .map((path, index) => ({ path, index, rank: rank(path) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.path);
}

/** Quick open's query split into the file part and an optional `:line` or `:line:column` suffix. */
export function parseQuickOpen(query: string): { needle: string; line?: number; column?: number } {
  const match = /^(.*?):(\d+)(?::(\d+))?$/.exec(query.trim());
  if (!match) return { needle: query.trim() };
  const line = Number(match[2]);
  const column = match[3] === undefined ? undefined : Number(match[3]);
  return column === undefined ? { needle: match[1]!, line } : { needle: match[1]!, line, column };
}
