// Turns suite results into ratio tables: printed, and written as raw JSON plus a markdown copy.

/**
 * @typedef {object} SuiteContext
 * @property {{ warmupSeconds: number, durationSeconds: number, rounds: number, connections: number }} settings
 * @property {{ servers?: string[], cases?: string[] }} only  HTTP filters from the command line
 * @property {(line: string) => void} log
 *
 * @typedef {object} Row
 * @property {string} subject   stable id (`vial`, `fastify`, ...): ratios and targets refer to it
 * @property {string} label
 * @property {Record<string, number>} values   raw numbers as measured
 * @property {string} [failed]  why this subject was not measured in this case
 * @property {number[]} [rounds]  the metric in every round, when the best of several rounds is kept
 *
 * @typedef {object} CaseResult
 * @property {string} id
 * @property {string} title
 * @property {string} description
 * @property {string} baseline  the subject every ratio compares against (Vial)
 * @property {{ key: string, higherIsBetter: boolean, label: string }} ratioOf  the metric ratios and targets use
 * @property {{ key: string, higherIsBetter: boolean, label: string }} [alsoRatioOf]  a second ratio column, e.g. CPU per request
 * @property {{ key: string, label: string, digits: number }[]} columns
 * @property {Row[]} rows
 * @property {Record<string, number>} [targets]  subject → the ratio Vial must reach against it
 * @property {string[]} [notes]
 *
 * @typedef {object} SuiteResult
 * @property {CaseResult[]} cases
 * @property {{ subject: string, label: string, reason: string }[]} [skipped]
 * @property {string[]} [failures]
 */

/**
 * How many times better the baseline is than `row` on the case's ratio metric (> 1: Vial wins).
 * @returns {number | undefined} undefined when either side was not measured
 */
export function ratioToBaseline(result, row, metric = result.ratioOf) {
  const base = result.rows.find((r) => r.subject === result.baseline);
  const ours = base?.values[metric.key];
  const theirs = row.values[metric.key];
  if (ours === undefined || theirs === undefined || ours <= 0 || theirs <= 0) return undefined;
  return metric.higherIsBetter ? ours / theirs : theirs / ours;
}

/** Every target with its measured ratio; `met` is undefined when a side is missing. */
export function targetStatus(cases) {
  return cases.flatMap((result) =>
    Object.entries(result.targets ?? {}).map(([subject, atLeast]) => {
      const row = result.rows.find((r) => r.subject === subject);
      const ratio = row === undefined ? undefined : ratioToBaseline(result, row);
      return { case: result.id, subject, atLeast, ratio, met: ratio === undefined ? undefined : ratio >= atLeast };
    }),
  );
}

function tableOf(result) {
  const extra = result.alsoRatioOf === undefined ? [] : [result.alsoRatioOf];
  const header = ["", ...result.columns.map((c) => c.label), result.ratioOf.label, ...extra.map((m) => m.label), "target"];
  const body = result.rows.map((row) => {
    if (row.failed !== undefined) return [row.label, ...result.columns.map(() => "-"), "not measured", ...extra.map(() => ""), ""];
    const ratio = row.subject === result.baseline ? undefined : ratioToBaseline(result, row);
    const target = result.targets?.[row.subject];
    const verdict = target === undefined || ratio === undefined ? "" : `≥ ${target}× ${ratio >= target ? "met" : "MISSED"}`;
    return [
      row.label,
      ...result.columns.map((c) => formatNumber(row.values[c.key], c.digits)),
      row.subject === result.baseline ? "(baseline)" : ratio === undefined ? "n/a" : formatRatio(ratio),
      ...extra.map((metric) => {
        const other = row.subject === result.baseline ? undefined : ratioToBaseline(result, row, metric);
        return row.subject === result.baseline ? "(baseline)" : other === undefined ? "n/a" : formatRatio(other);
      }),
      verdict,
    ];
  });
  return [header, ...body];
}

/** Two decimals, or two significant digits for ratios far below 1 (so 1/2000 does not read as 0.00×). */
function formatRatio(ratio) {
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

function formatNumber(value, digits) {
  if (value === undefined || Number.isNaN(value)) return "-";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Plain-text tables for the terminal. */
export function renderText(report) {
  const out = [];
  for (const result of report.cases) {
    const table = tableOf(result);
    const widths = table[0].map((_, i) => Math.max(...table.map((line) => String(line[i]).length)));
    out.push("", `${result.title}`, `  ${result.description}`);
    for (const [n, line] of table.entries()) {
      out.push("  " + line.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  "));
      if (n === 0) out.push("  " + widths.map((w) => "-".repeat(w)).join("  "));
    }
    for (const note of result.notes ?? []) out.push(`  note: ${note}`);
  }
  out.push(...footer(report));
  return out.join("\n");
}

/** The same tables in markdown (results/latest.md). */
export function renderMarkdown(report) {
  const out = [
    "# Vial benchmark results",
    "",
    `Generated by \`npm run bench\` at ${report.finishedAt}, never edited by hand. Raw numbers: \`latest.json\`.`,
    "",
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, ${report.machine.platform}; ` +
      `load average ${report.machine.loadAverageStart.join(" / ")} at start. ` +
      `HTTP: ${report.settings.connections} connections; every server first settled by ${report.settings.settleSeconds} s of unmeasured load per case; then per case and server, the best of ${report.settings.rounds} round(s) of ${report.settings.warmupSeconds} s warm-up + ${report.settings.durationSeconds} s measured.`,
    "",
    `Took ${report.elapsedSeconds} s (${Object.entries(report.suiteSeconds ?? {}).map(([id, seconds]) => `${id} ${seconds} s`).join(", ")}); load average ${report.machine.loadAverageEnd.join(" / ")} at the end.`,
    "",
    "Ratios are Vial ÷ peer on the case's metric: above 1 means Vial is faster. Quote ratios, not absolute numbers.",
  ];
  for (const result of report.cases) {
    const [header, ...body] = tableOf(result);
    out.push("", `## ${result.title}`, "", result.description, "");
    out.push(`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`);
    for (const line of body) out.push(`| ${line.join(" | ")} |`);
    for (const note of result.notes ?? []) out.push("", `Note: ${note}`);
  }
  out.push("", ...footer(report).map((line) => line.replace(/^ {2}/, "- ")));
  return out.join("\n") + "\n";
}

function footer(report) {
  const lines = [];
  const targets = targetStatus(report.cases);
  if (targets.length > 0) {
    lines.push("", "Targets (issue 4):");
    for (const t of targets) {
      const state = t.met === undefined ? "not measured" : t.met ? "met" : "MISSED";
      lines.push(`  ${t.case} vs ${t.subject}: ≥ ${t.atLeast}× → ${t.ratio === undefined ? "n/a" : formatRatio(t.ratio)} ${state}`);
    }
  }
  if (report.skipped.length > 0) {
    lines.push("", "Skipped:");
    for (const s of report.skipped) lines.push(`  ${s.label}: ${s.reason}`);
  }
  if (report.failures.length > 0) {
    lines.push("", "FAILURES:");
    for (const f of report.failures) lines.push(`  ${f}`);
  }
  return lines;
}
