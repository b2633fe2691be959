/**
 * Renders a template for the template designer's canvas: the editor's (unsaved) text of the template,
 * the project's other templates from disk for `extends`/`include`, and sample data from
 * `.vial/samples/<template name>.json` for the variables a view would pass.
 *
 * It uses the runtime's own Jinja engine in the host rather than the app's child process, so the
 * canvas follows every keystroke without a running app; `url_for` answers from the running app's url
 * map when there is one. Filters and context processors the app registers are not applied (their
 * names render as missing).
 */
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ChoiceLoader, DictLoader, Environment, FileSystemLoader, Kwargs, TemplateError } from "../../../runtime/src/templating/index.js";
import type { UrlRule } from "../analysis/types.js";
import { HostFailure } from "../../api/errors.js";
import { resolveInProject } from "../path-guard.js";
import type { TemplateRender } from "./types.js";

export interface RenderDeps {
  projectDir(): string;
  urlMap(): UrlRule[] | null;
}

/** The project-relative sample file of a template (`index.html` → `.vial/samples/index.html.json`). */
export function samplesPathFor(name: string): string {
  return `.vial/samples/${name}.json`;
}

/** Builds a URL from a rule of the url map: `<conv:name>` parts from the arguments, the rest as a query string. */
export function buildUrl(rule: string, args: Record<string, unknown>): string {
  const rest = { ...args };
  const path = rule.replace(/<(?:([^:<>]+):)?([^<>]+)>/g, (_whole, converter: string | undefined, name: string) => {
    const value = String(rest[name] ?? name);
    delete rest[name];
    return converter === "path" ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(rest).filter(([key]) => !key.startsWith("_")).map(([key, value]): [string, string] => [key, String(value)])).toString();
  return query ? `${path}?${query}` : path;
}

const syncReader = {
  readTextSync(path: string): string | undefined {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  mtimeSync(path: string): number | undefined {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
  },
};

async function readSamples(projectDir: string, path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(await resolveInProject(projectDir, path), "utf8");
  } catch {
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HostFailure("bad-request", `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new HostFailure("bad-request", `${path} must hold a JSON object of variable names to values.`);
  return data as Record<string, unknown>;
}

/** Replaces `<link rel="stylesheet" href="/static/…">` by the file's text, since the canvas may not load other origins. */
async function inlineStylesheets(html: string, projectDir: string): Promise<string> {
  const links = [...html.matchAll(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi)];
  let result = html;
  for (const [tag] of links) {
    const href = /\bhref=["']?\/static\/([^"'\s>?#]+)/i.exec(tag)?.[1];
    if (!href) continue;
    try {
      const css = await readFile(await resolveInProject(projectDir, join("static", decodeURIComponent(href))), "utf8");
      result = result.replace(tag, `<style>${css.replace(/<\/style/gi, "<\\/style")}</style>`);
    } catch {
      continue;
    }
  }
  return result;
}

/**
 * Renders `name` (a name under templates/) from `source`.
 * @example
 * await renderTemplateForCanvas(deps, { name: "index.html", source: "<h1>{{ title }}</h1>" });
 */
export async function renderTemplateForCanvas(deps: RenderDeps, request: { name: string; source: string }): Promise<TemplateRender> {
  if (request.name.split("/").some((part) => part === ".." || part === "") || /[\\\0]/.test(request.name)) {
    throw new HostFailure("bad-request", `"${request.name}" is not a template name (a path under templates/ such as "blog/index.html").`);
  }
  const projectDir = deps.projectDir();
  const samplesPath = samplesPathFor(request.name);
  const samples = await readSamples(projectDir, samplesPath);
  const templatesDir = await resolveInProject(projectDir, "templates");
  const env = new Environment({
    loader: new ChoiceLoader([new DictLoader({ [request.name]: request.source }), new FileSystemLoader(syncReader, templatesDir)]),
    autoescape: true,
  });
  const urlMap = deps.urlMap() ?? [];
  env.globals["url_for"] = (endpoint: string, kwargs?: Kwargs) => {
    const args = kwargs instanceof Kwargs ? kwargs.values : {};
    if (endpoint === "static") return buildUrl("/static/<path:filename>", args);
    const rule = urlMap.find((row) => row.endpoint === endpoint || row.endpoint.endsWith(`.${endpoint.replace(/^\./, "")}`));
    return rule ? buildUrl(rule.rule, args) : "#";
  };
  env.globals["get_flashed_messages"] = () => [];
  env.globals["request"] = { method: "GET", path: "/", args: {}, form: {}, endpoint: null };
  env.globals["session"] = {};
  env.globals["g"] = {};
  env.globals["config"] = {};
  try {
    const html = String(env.getTemplate(request.name).render({ ...samples }));
    return { html: await inlineStylesheets(html, projectDir), error: null, samplesPath };
  } catch (error) {
    if (error instanceof TemplateError) {
      const where = [error.templateName ?? request.name, error.lineno].filter((part) => part !== undefined).join(":");
      return { html: null, error: `${where}: ${error.message}`, samplesPath };
    }
    return { html: null, error: error instanceof Error ? error.message : String(error), samplesPath };
  }
}
