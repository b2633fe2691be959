import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { EventMessage } from "../../api/contract.js";
import { HostEvents } from "../events.js";
import { AppHostService, appHostHandlers } from "./service.js";
import { createProject, runtimeDir, until, useChildScratch } from "./test-projects.js";

const scratch = useChildScratch("vial-app-host-service-");

it("runs the open project's app, restarts it when a file is saved on disk, and forwards its events", { timeout: 30_000 }, async () => {
  const dir = await createProject(scratch.dir, {
    "app.ts": `import { Vial } from "vial";\nexport const app = new Vial();\napp.get("/", () => "first");\n`,
  });
  const events = new HostEvents();
  const seen: EventMessage[] = [];
  events.subscribe((message) => seen.push(message));
  const appHost = new AppHostService({ events, runtimeDir, childEntry: scratch.childEntry });
  const handlers = appHostHandlers(appHost);
  try {
    expect((await handlers["appHost.status"]({})).state).toBe("stopped");
    appHost.follow();
    events.emit("project.changed", { project: { dir, name: "p" } });
    const running = await until(() => {
      const status = appHost.current()?.status();
      return status?.state === "running" ? status : undefined;
    });
    expect(await (await fetch(`${running.url}/`)).text()).toBe("first");

    await writeFile(join(dir, "app.ts"), `import { Vial } from "vial";\nexport const app = new Vial();\napp.get("/", () => "second");\n`);
    const restarted = await until(() => {
      const status = appHost.status();
      return status.revision > running.revision && status.state === "running" ? status : undefined;
    });
    expect(restarted.port).toBe(running.port);
    expect(await (await fetch(`${restarted.url}/`)).text()).toBe("second");

    // The request log arrives over IPC, independently of the HTTP response.
    const logs = await until(async () => {
      const current = await handlers["appHost.logs"]({});
      return current.requests.length === 2 ? current : undefined;
    });
    expect(logs.requests.map((entry) => entry.status)).toEqual([200, 200]);
    expect(seen.some((message) => message.event === "appHost.request")).toBe(true);
    expect(seen.some((message) => message.event === "appHost.status" && message.payload.state === "running")).toBe(true);

    events.emit("project.changed", { project: null });
    await until(() => (appHost.current() === undefined ? true : undefined));
    expect((await handlers["appHost.status"]({})).state).toBe("stopped");
  } finally {
    await appHost.dispose();
  }
});
