// Before any load: every server must answer every case the same way, so none is measured doing less work.
import { isDeepStrictEqual } from "node:util";

/** Requests that must NOT match, so every framework pays for the same checks (the `int` converter). */
export const probes = [{ path: "/users/abc/posts/hello-world", status: 404 }];

/**
 * Sends each case once and compares status, media type and body with the case's expectation.
 * @returns {Promise<{ byCase: Map<string, string[]>, probes: string[] }>} mismatches per case id, and failed probes
 * @example const { byCase, probes } = await verifyServer("http://127.0.0.1:3000", httpCases);
 */
export async function verifyServer(baseUrl, cases) {
  const byCase = new Map();
  for (const c of cases) {
    const problems = [];
    byCase.set(c.id, problems);
    const response = await fetch(baseUrl + c.path, { method: c.method, headers: c.headers, body: c.body });
    const text = await response.text();
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const where = `${c.method} ${c.path}`;
    if (response.status !== c.expect.status) problems.push(`${where}: status ${response.status}, expected ${c.expect.status}`);
    if (mediaType !== c.expect.mediaType) problems.push(`${where}: content-type "${mediaType}", expected "${c.expect.mediaType}"`);
    const difference = compareBody(c.expect.kind, text, c.expect.body);
    if (difference !== undefined) problems.push(`${where}: ${difference}`);
  }
  const failedProbes = [];
  for (const probe of probes) {
    const response = await fetch(baseUrl + probe.path);
    await response.arrayBuffer();
    if (response.status !== probe.status) failedProbes.push(`GET ${probe.path}: status ${response.status}, expected ${probe.status}`);
  }
  return { byCase, probes: failedProbes };
}

function compareBody(kind, actual, expected) {
  if (kind === "json") {
    let parsed;
    try {
      parsed = JSON.parse(actual);
    } catch {
      return `body is not JSON: ${preview(actual)}`;
    }
    return isDeepStrictEqual(parsed, expected) ? undefined : `JSON body ${preview(actual)} differs from ${preview(JSON.stringify(expected))}`;
  }
  if (actual === expected) return undefined;
  if (kind === "html" && squash(actual) === squash(expected)) return undefined;
  return `body differs from the expected one at character ${firstDifference(actual, expected)}: got ${preview(actual.slice(Math.max(0, firstDifference(actual, expected) - 40)))}`;
}

// Only whitespace between tokens may differ in a page (Jinja and Nunjucks agree on these templates).
function squash(html) {
  return html.replace(/\s+/g, " ").trim();
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function preview(text) {
  return JSON.stringify(text.length > 120 ? text.slice(0, 120) + "…" : text);
}
