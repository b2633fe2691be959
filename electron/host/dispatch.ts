/**
 * The host's handler table: one entry per method of the contract, checked by `satisfies` so a missing
 * or mistyped method is a compile error, and the single entry point both shells call.
 */
import type { InvokeResponse, PreviewBounds, StudioHandlers, StudioMode } from "../api/contract.js";
import { toHostError } from "../api/errors.js";
import { validateRequest } from "../api/validate.js";
import { RoutesService } from "./analysis/routes-service.js";
import type { DiagnosticsService } from "./diagnostics/service.js";
import { appHostHandlers, type AppHostService } from "./app-host/service.js";
import { exportProject, type ExportSources } from "./export/export-project.js";
import { resolveInProject } from "./path-guard.js";
import { createFromStarter, hostPath, listStarters } from "./projects.js";
import { searchProject } from "./search/search.js";
import type { SearchThread } from "./search/search-thread.js";
import { renderTemplateForCanvas } from "./templates/render.js";
import type { Workspace } from "./workspace.js";

/** What differs between Electron and browser mode. */
export interface HostShell {
  mode: StudioMode;
  /** A native folder picker; `null` when cancelled. Browser mode throws `unsupported`. */
  openFolderDialog(title: string | undefined): Promise<string | null>;
  /** Opens an http(s) URL (already validated) outside the Studio. */
  openExternal(url: string): Promise<void>;
  /** Shows the native preview view (Electron); browser mode throws `unsupported`. */
  showPreview(url: string, bounds: PreviewBounds, reload: boolean): Promise<void>;
  hidePreview(): Promise<void>;
  /** Runs the inspect tool in the native preview view (Electron); browser mode throws `unsupported`. */
  inspectPreview(on: boolean): Promise<string | null>;
}

export interface HostDependencies {
  workspace: Workspace;
  appHost: AppHostService;
  shell: HostShell;
  version: string;
  startersDir: string;
  defaultProjectsDir: string;
  /** Where File → Export… finds the runtime to vendor and its templates. */
  exportSources: ExportSources;
  /** Find in Files' worker: a search never runs on the host's own thread. */
  search: SearchThread;
  /** The project's static checks; without it `diagnostics.list` answers an empty list. */
  diagnostics?: DiagnosticsService;
}

/**
 * Every method's implementation.
 *
 * @example
 * const handlers = createHandlers({ workspace, shell, version: "0.1.0", startersDir, defaultProjectsDir });
 * await handlers["files.read"]({ path: "app.ts" });
 */
export function createHandlers(deps: HostDependencies) {
  const { workspace, shell } = deps;
  const routes = new RoutesService({
    projectDir: () => workspace.projectDir(),
    urlMap: () => deps.appHost.current()?.urlMap() ?? null,
    appUrl: () => deps.appHost.status().url,
  });
  return {
    "studio.info": async () => ({
      version: deps.version,
      platform: process.platform,
      mode: shell.mode,
      defaultProjectsDir: deps.defaultProjectsDir,
    }),

    "projects.starters": async () => ({ starters: await listStarters(deps.startersDir) }),
    "projects.create": async ({ starter, name, parentDir }) => {
      const dir = await createFromStarter(deps.startersDir, starter, parentDir ?? deps.defaultProjectsDir, name);
      return workspace.open(dir);
    },
    "projects.open": async ({ dir }) => workspace.open(dir),
    "projects.current": async () => ({ project: workspace.project }),
    "projects.recent": async () => ({ projects: await workspace.recent.list() }),
    "projects.forget": async ({ dir }) => {
      await workspace.recent.forget(hostPath(dir));
      return {};
    },
    "projects.close": async () => {
      await workspace.close();
      return {};
    },

    "files.tree": async () => workspace.files().tree(),
    "files.read": async ({ path }) => workspace.files().read(path),
    "files.write": async ({ path, content, expectedMtimeMs }) => workspace.files().write(path, content, expectedMtimeMs),
    "files.create": async ({ path, kind }) => workspace.files().create(path, kind),
    "files.rename": async ({ from, to }) => workspace.files().rename(from, to),
    "files.delete": async ({ path }) => workspace.files().delete(path),
    "files.stat": async ({ path }) => workspace.files().stat(path),
    "files.search": async (query) => searchProject(workspace.files(), query, deps.search),
    "files.replace": async (request) => {
      workspace.projectDir(); // fails with `no-project`, as every files.* call does without a project
      return deps.search.replace(request);
    },

    "buffers.save": async ({ path, content, baseMtimeMs }) => {
      const dir = workspace.projectDir();
      await resolveInProject(dir, path);
      return workspace.buffers.save(dir, { path, content, baseMtimeMs });
    },
    "buffers.list": async () => ({ buffers: await workspace.buffers.list(workspace.projectDir()) }),
    "buffers.discard": async ({ path }) => {
      await workspace.buffers.discard(workspace.projectDir(), path);
      return {};
    },

    "settings.get": async () => workspace.settings.get(),
    "settings.set": async (patch) => workspace.settings.set(patch),

    "dialogs.openFolder": async ({ title }) => ({ dir: await shell.openFolderDialog(title) }),
    "shell.openExternal": async ({ url }) => {
      await shell.openExternal(url);
      return {};
    },
    "preview.show": async ({ url, bounds, reload }) => {
      await shell.showPreview(url, bounds, reload ?? false);
      return {};
    },
    "preview.hide": async () => {
      await shell.hidePreview();
      return {};
    },
    "preview.inspect": async ({ on }) => ({ source: await shell.inspectPreview(on) }),

    ...appHostHandlers(deps.appHost),

    "routes.index": async () => routes.index(),
    "routes.create": async (request) => routes.create(request),
    "routes.update": async (request) => routes.update(request),
    "routes.delete": async (request) => routes.delete(request),
    "routes.send": async (request) => routes.send(request),
    "requests.list": async () => ({ requests: await routes.listRequests() }),
    "requests.save": async ({ requests }) => {
      await routes.saveRequests(requests);
      return {};
    },

    "templates.render": async (request) =>
      renderTemplateForCanvas({ projectDir: () => workspace.projectDir(), urlMap: () => deps.appHost.current()?.urlMap() ?? null }, request),

    "diagnostics.list": async () => ({ diagnostics: deps.diagnostics?.list() ?? [] }),
    "diagnostics.checkFlags": async () => {
      const root = workspace.projectDir();
      // Loaded on first use, as it brings in the TypeScript compiler (see routes-service.ts).
      const { checkFlags } = await import("./diagnostics/project-config.js");
      return { flags: checkFlags(root) };
    },

    "export.run": async ({ dest, force }) => exportProject({ ...deps.exportSources, projectDir: workspace.projectDir(), dest: hostPath(dest), force }),
  } satisfies StudioHandlers;
}

/** Calls one method by name with an unchecked request, as received over IPC or HTTP. */
export type Dispatch = (method: string, request: unknown) => Promise<InvokeResponse>;

/**
 * The one entry point of both shells: validates the request, runs the handler, and turns every
 * failure into a HostError envelope. Unexpected failures are also logged for the developer.
 *
 * @example
 * const dispatch = createDispatch(createHandlers(deps));
 * await dispatch("files.read", { path: "app.ts" }); // { ok: true, result: { content, mtimeMs, ... } }
 */
export function createDispatch(handlers: StudioHandlers): Dispatch {
  return async (method, request) => {
    try {
      const checked = validateRequest(method, request);
      const handler = handlers[method as keyof StudioHandlers] as (request: unknown) => Promise<unknown>;
      return { ok: true, result: await handler(checked) } as InvokeResponse;
    } catch (thrown) {
      const error = toHostError(thrown);
      if (error.code === "internal") console.error(`vial-studio: ${method} failed:`, thrown);
      return { ok: false, error };
    }
  };
}
