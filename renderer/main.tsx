import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { StudioClient } from "./api/client";
import { createIpcTransport } from "./api/ipc-transport";
import { createWebTransport } from "./api/web-transport";
import { App } from "./app";
import { registerRouteCompletion } from "./designers/routes/completion";
import { followCheckFlags } from "./monaco/check-flags";
import { ModelRegistry } from "./monaco/models";
import { templateNamesFromPaths } from "./monaco/jinja";
import { followProject, ProjectSources } from "./monaco/project-sources";
import { monacoModelHost, setupMonaco, type MonacoModel } from "./monaco/setup";
import { filePaths } from "./state/workspace";
import { createStudio } from "./studio";
import { StudioContext } from "./studio-context";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/workbench.css";

// Electron's preload exposes the bridge; without it we are in browser mode and talk HTTP + WebSocket.
const transport = window.vialStudio ? createIpcTransport(window.vialStudio) : createWebTransport();
const client = new StudioClient(transport);

const studio = createStudio(client, new ModelRegistry<MonacoModel>(monacoModelHost));
const monaco = setupMonaco({ templateNames: () => templateNamesFromPaths(filePaths(studio.workspace.state.get().tree)) });
followProject(
  new ProjectSources(monaco.typescript.typescriptDefaults, (path) =>
    client.invoke("files.read", { path }).then(
      (file) => (file.binary ? undefined : file.content),
      () => undefined,
    ),
  ),
  studio,
);
followCheckFlags(client, monaco.typescript.typescriptDefaults);
registerRouteCompletion(studio);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <StudioContext.Provider value={studio}>
      <App />
    </StudioContext.Provider>
  </StrictMode>,
);
