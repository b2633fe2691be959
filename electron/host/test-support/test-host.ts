/**
 * Test support: the Studio's host (events, workspace, handler table, dispatch) over one throwaway
 * folder, with a shell that opens nothing, an app host that has no runtime to start and, unless given,
 * a search thread with no worker to start, so the dispatch, export and web-server tests build it the
 * same way and differ only where they say so.
 */
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppHostService } from "../app-host/service.js";
import { createDispatch, createHandlers, type Dispatch, type HostDependencies, type HostShell } from "../dispatch.js";
import { HostEvents } from "../events.js";
import { SearchThread } from "../search/search-thread.js";
import { Workspace } from "../workspace.js";

/** What a test may set; the rest defaults to folders under `scratch` that hold nothing. */
export interface TestHostOptions extends Partial<Omit<HostDependencies, "workspace" | "appHost" | "shell">> {
  /** Shell methods to replace; the others are browser mode's and do nothing. */
  shell?: Partial<HostShell>;
}

export interface TestHost {
  /** The throwaway folder (its real path, as the host reports paths); `dispose` removes it. */
  readonly scratch: string;
  readonly events: HostEvents;
  /** Keeps its settings and recent projects in `scratch/user-data`. */
  readonly workspace: Workspace;
  readonly handlers: ReturnType<typeof createHandlers>;
  readonly dispatch: Dispatch;
  /** Disposes the workspace and removes `scratch`. */
  dispose(): Promise<void>;
}

/** Creates a fresh scratch folder named `prefix…` in the OS temp folder and a host over it. */
export function createTestHost(prefix: string, options: TestHostOptions = {}): TestHost {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const events = new HostEvents();
  const workspace = new Workspace({ userDataDir: join(scratch, "user-data"), events });
  const nothing = join(scratch, "none");
  const search = options.search ?? new SearchThread({ entry: join(scratch, "none.js") });
  const handlers = createHandlers({
    version: "0.0.0",
    startersDir: join(scratch, "starters"),
    defaultProjectsDir: join(scratch, "projects"),
    exportSources: { runtimeDir: nothing, templatesDir: nothing },
    ...options,
    search,
    workspace,
    appHost: new AppHostService({ events, runtimeDir: nothing, childEntry: join(scratch, "none.js") }),
    shell: {
      mode: "web",
      openFolderDialog: async () => null,
      openExternal: async () => undefined,
      showPreview: async () => undefined,
      hidePreview: async () => undefined,
      inspectPreview: async () => null,
      ...options.shell,
    },
  });
  return {
    scratch,
    events,
    workspace,
    handlers,
    dispatch: createDispatch(handlers),
    dispose: async () => {
      await workspace.dispose();
      if (search !== options.search) await search.dispose();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
