/**
 * Flask's templating for Vial: one Jinja Environment per app, loading from the app's `templates/` then each
 * blueprint's template folder, autoescaping HTML/XML and string templates, with Flask's template globals
 * (`url_for`, `get_flashed_messages`, `request`, `session`, `g`, `config`) and context processors.
 */
import type { Vial } from "../app.js";
import { currentContext, runWithContext, type RequestContext } from "../context.js";
import { OUTSIDE_APP } from "../globals.js";
import { getFlashedMessages } from "../sessions.js";
import { templateRendered } from "../signals.js";
import { urlFor, type UrlForValues } from "../url-for.js";
import { Environment, type OriginLabeler, type Template } from "./environment.js";
import { ChoiceLoader, FileSystemLoader } from "./loaders.js";
import { Kwargs, truthy, withSignature } from "./values.js";

const AUTOESCAPE_EXTENSIONS = [".html", ".htm", ".xml", ".xhtml", ".svg"];

/**
 * Flask's autoescape rule: on for string templates and `.html .htm .xml .xhtml .svg` files.
 * @example
 * selectAutoescape("page.html") // true
 */
export function selectAutoescape(name: string | undefined): boolean {
  if (name === undefined) return true;
  return AUTOESCAPE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function joinFolder(root: string, folder: string): string {
  if (folder.startsWith("/") || /^[A-Za-z]:[\\/]/.test(folder)) return folder;
  return `${root.replace(/[\\/]+$/, "")}/${folder}`;
}

const environments = new WeakMap<Vial, Environment>();

/** The environment variable the Studio sets on the app it previews to ask for origin marks. */
const INSPECT_ENV = "VIAL_STUDIO_INSPECT";

/**
 * The origin marks of the Studio's inspect tool: only for an app running in debug mode whose process the
 * Studio started with `VIAL_STUDIO_INSPECT=1`, and only for HTML templates inside the app's root (marked
 * with their path from it, as the Studio opens files).
 */
function originLabeler(app: Vial): OriginLabeler | undefined {
  if (!app.debug || globalThis.process?.env?.[INSPECT_ENV] !== "1") return undefined;
  const root = app.root.replace(/[\\/]+$/, "");
  return (name, filename) => {
    if (!/\.html?$/i.test(name) || filename === undefined || !filename.startsWith(root) || !/[\\/]/.test(filename[root.length] ?? "")) return undefined;
    return filename.slice(root.length + 1).replace(/\\/g, "/");
  };
}

/** The app's Jinja environment, made on first use; filters, tests and globals are re-synced until the app is frozen. */
function jinjaEnv(app: Vial): Environment {
  let env = environments.get(app);
  if (!env) {
    const folders: string[] = [];
    if (app.templateFolder) folders.push(joinFolder(app.root, app.templateFolder));
    for (const bp of app.blueprints.values()) if (bp.templateFolder) folders.push(joinFolder(bp.root, bp.templateFolder));
    const markOrigins = originLabeler(app);
    env = new Environment({ loader: new ChoiceLoader(folders.map((f) => new FileSystemLoader(app.files, f))), autoescape: selectAutoescape, ...(markOrigins ? { markOrigins } : {}) });
    env.globals.url_for = (endpoint: string, kw?: Kwargs) => urlFor(endpoint, (kw instanceof Kwargs ? kw.values : {}) as UrlForValues);
    env.globals.get_flashed_messages = withSignature((withCategories: unknown = false, categoryFilter: unknown = []) => {
      const filter = Array.isArray(categoryFilter) ? categoryFilter.map(String) : [];
      return truthy(withCategories) ? getFlashedMessages({ withCategories: true, categoryFilter: filter }) : getFlashedMessages({ categoryFilter: filter });
    }, { params: ["with_categories", "category_filter"] });
    environments.set(app, env);
    syncHelpers(app, env);
  } else if (!app.frozen) syncHelpers(app, env);
  env.autoReload = app.debug || app.config.TEMPLATES_AUTO_RELOAD === true;
  return env;
}

function syncHelpers(app: Vial, env: Environment): void {
  env.globals.config = app.config;
  for (const s of [app, ...app.blueprints.values()]) {
    Object.assign(env.filters, s.templateFilters);
    Object.assign(env.tests, s.templateTests);
    Object.assign(env.globals, s.templateGlobals);
  }
}

function currentApp(): { app: Vial; ctx: RequestContext } {
  const ctx = currentContext();
  if (!ctx) throw new Error(OUTSIDE_APP);
  return { app: ctx.app, ctx };
}

/** Flask's update_template_context: g/request/session, app then blueprint processors, explicit values last. */
function templateContext(app: Vial, ctx: RequestContext, explicit: Record<string, unknown>): Record<string, unknown> {
  const rv: Record<string, unknown> = { g: ctx.g };
  if (ctx.request) {
    rv.request = ctx.request;
    rv.session = ctx.getSession();
  }
  const processors = [...app.templateContextProcessors];
  const names = ctx.request ? [...ctx.request.blueprints].reverse() : [];
  for (const name of names) processors.push(...(app.blueprints.get(name)?.templateContextProcessors ?? []));
  for (const p of processors) Object.assign(rv, p());
  return Object.assign(rv, explicit);
}

function render(app: Vial, ctx: RequestContext, template: Template, context: Record<string, unknown>): string {
  const full = templateContext(app, ctx, context);
  const rv = template.render(full);
  templateRendered.send(app, { template, context: full });
  return rv;
}

/**
 * Renders a template from the app's (or a blueprint's) template folders with Flask's template context.
 * @example
 * app.get("/", () => renderTemplate("index.html", { title: "Home" }));
 */
export function renderTemplate(name: string | string[], context: Record<string, unknown> = {}): string {
  const { app, ctx } = currentApp();
  const env = jinjaEnv(app);
  return render(app, ctx, env.getOrSelectTemplate(name), context);
}

/**
 * Renders a template given as a string (always autoescaped, as in Flask).
 * @example
 * app.get("/hi", () => renderTemplateString("Hello {{ name }}", { name: request.args.get("name") }));
 */
export function renderTemplateString(source: string, context: Record<string, unknown> = {}): string {
  const { app, ctx } = currentApp();
  return render(app, ctx, jinjaEnv(app).fromString(source), context);
}

/**
 * Renders a template as a stream (an iterable response body): chunks are produced as the response is sent,
 * still inside this request's context (Flask's `stream_template`, which wraps `stream_with_context`).
 * @example
 * app.get("/big", () => new Response(streamTemplate("report.html", { rows }), { headers: { "Content-Type": "text/html" } }));
 */
export function streamTemplate(name: string | string[], context: Record<string, unknown> = {}): Iterable<string> {
  const { app, ctx } = currentApp();
  const template = jinjaEnv(app).getOrSelectTemplate(name);
  const full = templateContext(app, ctx, context);
  return {
    *[Symbol.iterator]() {
      const chunks = runWithContext(ctx, () => template.generate(full));
      for (;;) {
        const step = runWithContext(ctx, () => chunks.next());
        if (step.done) break;
        yield step.value;
      }
      templateRendered.send(app, { template, context: full });
    },
  };
}

/**
 * The app's Jinja environment (Flask's `app.jinja_env`), for adding filters, globals or loaders directly.
 * @example
 * jinjaEnvironment(app).globals.siteName = "Vial";
 */
export function jinjaEnvironment(app: Vial): Environment {
  return jinjaEnv(app);
}
