/**
 * One row of the url map, as `app.urlMap()` returns it.
 *
 * @example
 * ```ts
 * const row: RouteRow = { endpoint: "index", methods: ["GET"], rule: "/" };
 * ```
 */
export interface RouteRow {
  endpoint: string;
  methods: string[];
  rule: string;
}

/**
 * The orders `vial routes --sort` accepts; `match` keeps registration (matching) order.
 *
 * @example
 * ```ts
 * const sort: RouteSort = "rule";
 * ```
 */
export type RouteSort = "endpoint" | "methods" | "rule" | "match";

/**
 * The sort keys accepted by `--sort`.
 *
 * @example
 * ```ts
 * ROUTE_SORTS.includes("rule"); // true
 * ```
 */
export const ROUTE_SORTS: readonly RouteSort[] = ["endpoint", "methods", "rule", "match"];

const IMPLICIT_METHODS = new Set(["HEAD", "OPTIONS"]);

function methodsShown(methods: string[], all: boolean): string {
  const shown = new Set(methods.filter((method) => all || !IMPLICIT_METHODS.has(method)));
  if (all) {
    shown.add("OPTIONS");
    if (shown.has("GET")) shown.add("HEAD");
  }
  return [...shown].sort().join(", ");
}

/**
 * Formats the url map as `flask routes` does: columns Endpoint, Methods, Rule, a dashed rule under the
 * header, rows sorted by `sort` (endpoint by default; ties keep registration order). HEAD and OPTIONS,
 * which Vial answers by itself for every route (HEAD wherever GET is), are listed only with `allMethods`.
 *
 * @example
 * ```ts
 * formatRoutes([{ endpoint: "index", methods: ["GET", "HEAD"], rule: "/" }]);
 * // "Endpoint  Methods  Rule\n--------  -------  ----\nindex     GET      /\n"
 * ```
 */
export function formatRoutes(rows: RouteRow[], opts: { sort?: RouteSort; allMethods?: boolean } = {}): string {
  if (rows.length === 0) return "No routes were registered.\n";
  const shown = rows.map((row) => ({
    endpoint: row.endpoint,
    methods: methodsShown(row.methods, opts.allMethods ?? false),
    rule: row.rule,
  }));
  const sort = opts.sort ?? "endpoint";
  if (sort !== "match") shown.sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0));
  const table = [["Endpoint", "Methods", "Rule"], ...shown.map((row) => [row.endpoint, row.methods, row.rule])];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  const [header, ...body] = table;
  return [line(header ?? []), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n") + "\n";
}
