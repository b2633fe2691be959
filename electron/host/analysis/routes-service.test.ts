import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppSupervisor } from "../app-host/supervisor.js";
import { createProject, runtimeDir, useChildScratch } from "../app-host/test-projects.js";
import { applyEdits } from "./route-edits.js";
import { RoutesService } from "./routes-service.js";

const appSource = `import { Vial } from "vial";

export const app = new Vial({ root: import.meta.dirname });

app.get("/", function index() {
  return "home";
});

for (const name of ["a", "b"]) {
  app.addUrlRule(\`/generated/\${name}\`, { endpoint: \`gen_\${name}\`, view: () => name });
}
`;

const scratch = useChildScratch("vial-routes-");
let dir: string;
let supervisor: AppSupervisor;
let service: RoutesService;

beforeAll(async () => {
  dir = await createProject(scratch.dir, { "app.ts": appSource, "templates/base.html": "<main>{% block content %}{% endblock %}</main>\n" });
  supervisor = new AppSupervisor({ projectRoot: dir, runtimeDir, childEntry: scratch.childEntry });
  service = new RoutesService({ projectDir: () => dir, urlMap: () => supervisor.urlMap(), appUrl: () => supervisor.status().url });
}, 60_000);

afterAll(async () => {
  await supervisor.dispose();
});

describe("the routes service", () => {
  it("indexes the project without the app, then merges the running app's url map", async () => {
    const cold = await service.index();
    expect(cold.live).toBe(false);
    expect(cold.routes.map((route) => `${route.endpoint} ${route.origin}`)).toEqual(["index code"]);
    expect(await supervisor.start()).toMatchObject({ state: "running" });
    const live = await service.index();
    expect(live.live).toBe(true);
    expect(live.routes.map((route) => `${route.endpoint} ${route.rule} ${route.origin}`)).toEqual([
      "index / both",
      "static /static/<path:filename> runtime",
      "gen_a /generated/a runtime",
      "gen_b /generated/b runtime",
    ]);
  }, 60_000);

  it("sends a request to the running app and answers with status, headers and body", async () => {
    const response = await service.send({ method: "GET", path: "/generated/b?x=1", headers: { accept: "text/plain" } });
    expect(response).toMatchObject({ status: 200, body: "b", truncated: false });
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    await expect(service.send({ method: "GET", path: "//example.com/", headers: {} })).rejects.toMatchObject({ code: "bad-request" });
  });

  it("plans a route against the editor's text, refuses a bad rule or a taken endpoint, and creates its template", async () => {
    await expect(
      service.create({ file: "app.ts", receiver: "app", methods: ["GET"], rule: "/x/<nope:id>", endpoint: "x", returns: { kind: "json" } }),
    ).rejects.toMatchObject({ code: "bad-request", message: expect.stringContaining('no converter "nope"') });
    await expect(
      service.create({ file: "app.ts", receiver: "app", methods: ["GET"], rule: "/again", endpoint: "index", returns: { kind: "json" } }),
    ).rejects.toMatchObject({ code: "exists" });
    const unsaved = appSource.replace('"home"', '"home, edited"');
    const plan = await service.create({
      file: "app.ts",
      receiver: "app",
      methods: ["GET"],
      rule: "/hello/<name>",
      endpoint: "hello",
      returns: { kind: "template", template: "hello.html" },
      source: unsaved,
    });
    expect(plan.created).toEqual(["templates/hello.html"]);
    expect(await readFile(join(dir, "templates/hello.html"), "utf8")).toContain('{% extends "base.html" %}');
    const after = applyEdits(unsaved, plan.edits);
    expect(after).toContain('import { Vial, renderTemplate } from "vial";');
    expect(after).toContain('"home, edited"');
    await writeFile(join(dir, "app.ts"), after);
    expect(await supervisor.fileChanged("app.ts")).toMatchObject({ state: "running" });
    const index = await service.index();
    expect(index.routes.find((route) => route.endpoint === "hello")).toMatchObject({ origin: "both", rule: "/hello/<name>" });
    expect(await service.send({ method: "GET", path: "/hello/ada", headers: {} })).toMatchObject({ status: 200, body: "<main>\n  <h1>hello</h1>\n</main>" });
  }, 60_000);

  it("plans updates and deletes of a route found by its rule and endpoint", async () => {
    const text = await readFile(join(dir, "app.ts"), "utf8");
    const ref = { localRule: "/hello/<name>", localEndpoint: "hello", line: 1 };
    const update = await service.update({ file: "app.ts", route: ref, change: { rule: "/hi/<name>" } });
    expect(update.edits).toHaveLength(1);
    expect(applyEdits(text, update.edits)).toContain('app.get("/hi/<name>", function hello({ name }) {');
    const removal = await service.delete({ file: "app.ts", route: ref, withHandler: true });
    expect(applyEdits(text, removal.edits)).not.toContain("hello");
    await expect(service.update({ file: "app.ts", route: { ...ref, localEndpoint: "gone" }, change: {} })).rejects.toMatchObject({ code: "not-found" });
  });

  it("keeps saved requests in .vial/requests.json", async () => {
    expect(await service.listRequests()).toEqual([]);
    const saved = { id: "r1", name: "Hi Ada", endpoint: "hello", method: "GET", params: { name: "ada" }, query: "", headers: {}, bodyKind: "none" as const, body: "" };
    await service.saveRequests([saved]);
    expect(JSON.parse(await readFile(join(dir, ".vial/requests.json"), "utf8"))).toEqual({ requests: [saved] });
    expect(await service.listRequests()).toEqual([saved]);
  });
});
