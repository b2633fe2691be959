import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRouteIndex } from "./route-index.js";

const starters = join(import.meta.dirname, "../../../resources/starters");
const starterFile = (path: string) => readFileSync(join(starters, path), "utf8");

const everyForm = `import { Blueprint, MethodView, Vial } from "vial";
import { admin } from "./admin.js";

export const app = new Vial({ root: import.meta.dirname });
const api = new Blueprint("api", { urlPrefix: "/api" });

function show({ id }: { id: number }) {
  const { title, done } = request.json as { title: string; done: boolean };
  return { id, title, done };
}

class Counter extends MethodView {}

app.get("/", function index() { return "home"; });
app.post('/items', () => "made");
app.put("/items/<int:id>", show);
app.patch("/items/<int:id>/title", { endpoint: "rename" }, function patchTitle() { return ""; });
app.delete("/items/<int:id>", function remove() { return ["", 204]; });
app.route("/contact", { methods: ["GET", "post"] }, function contact() { return "hi"; });
app.route("/plain", function plain() { return "p"; });
app.addUrlRule("/counter", { view: Counter.asView("counter"), methods: ["GET", "POST"] });
api.get("/ping", function ping() { return "pong"; });
app.registerBlueprint(api);
app.registerBlueprint(admin, { urlPrefix: "/backstage" });
request.args.get("not-a-route");
`;

const adminFile = `import { Blueprint } from "vial";
export const admin = new Blueprint("admin", { urlPrefix: "/admin" });
const users = new Blueprint("users", { urlPrefix: "/users" });
admin.get("/", function dashboard() { return "admin"; });
users.get("/<uuid:uid>", function profile() { return "u"; });
admin.registerBlueprint(users);
`;

function summary(index: ReturnType<typeof buildRouteIndex>) {
  return index.routes.map((route) => `${route.methods.join(",")} ${route.rule} ${route.endpoint} ${route.origin}`);
}

describe("the route index", () => {
  it("finds every registration form with methods, rule, endpoint and handler", () => {
    const index = buildRouteIndex(new Map([["app.ts", everyForm], ["admin.ts", adminFile]]), null);
    expect(summary(index)).toEqual([
      "GET / index code",
      "POST /items post_items code",
      "PUT /items/<int:id> show code",
      "PATCH /items/<int:id>/title rename code",
      "DELETE /items/<int:id> remove code",
      "GET,POST /contact contact code",
      "GET /plain plain code",
      "GET,POST /counter counter code",
      "GET /api/ping api.ping code",
      "GET /backstage/ admin.dashboard code",
      "GET /backstage/users/<uuid:uid> admin.users.profile code",
    ]);
    expect(index.problems).toEqual([]);
    expect(index.live).toBe(false);
    const put = index.routes[2]?.source;
    expect(put?.handlerName).toBe("show");
    expect(put?.jsonFields).toEqual(["title", "done"]);
    expect(put?.handlerLine).toBe(7);
    expect(put?.ranges.handlerDeclaration).not.toBeNull();
  });

  it("gives exact source ranges of the rule, methods and endpoint literals", () => {
    const index = buildRouteIndex(new Map([["app.ts", everyForm]]), null);
    const slice = (range: { start: number; end: number } | null | undefined) => (range ? everyForm.slice(range.start, range.end) : null);
    const contact = index.routes.find((route) => route.endpoint === "contact")?.source;
    expect(contact?.line).toBe(19);
    expect(contact?.column).toBe(1);
    expect(slice(contact?.ranges.rule)).toBe('"/contact"');
    expect(slice(contact?.ranges.methods)).toBe('["GET", "post"]');
    expect(slice(contact?.ranges.name)).toBe("route");
    expect(slice(contact?.ranges.statement)).toBe('app.route("/contact", { methods: ["GET", "post"] }, function contact() { return "hi"; });');
    const rename = index.routes.find((route) => route.endpoint === "rename")?.source;
    expect(slice(rename?.ranges.endpoint)).toBe('"rename"');
    expect(slice(rename?.ranges.handler)).toBe('function patchTitle() { return ""; }');
  });

  it("reads the REST API starter across files, with the blueprint's prefix", () => {
    const index = buildRouteIndex(
      new Map([["api/items.ts", starterFile("rest-api/api/items.ts")], ["app.ts", starterFile("rest-api/app.ts")]]),
      null,
    );
    expect(summary(index)).toEqual([
      "GET /api/items/ items.list code",
      "GET /api/items/<int:id> items.detail code",
      "POST /api/items/ items.create code",
      "PUT,PATCH /api/items/<int:id> items.update code",
      "DELETE /api/items/<int:id> items.remove code",
      "GET / index code",
    ]);
    expect(index.routes.find((route) => route.endpoint === "items.create")?.source?.jsonFields).toEqual(["title", "done"]);
    expect(index.targets).toEqual([
      { file: "app.ts", receiver: "app", kind: "app", blueprint: null },
      { file: "api/items.ts", receiver: "items", kind: "blueprint", blueprint: "items" },
    ]);
  });

  it("reports a syntax error at its file:line and still lists the routes around it and in other files", () => {
    const broken = `import { Vial } from "vial";
export const app = new Vial();
app.get("/before", function before() { return "a"; });
app.get("/broken", function broken() { return ( ; });
app.get("/after", function after() { return "b"; });
`;
    const index = buildRouteIndex(new Map([["app.ts", broken], ["admin.ts", adminFile]]), null);
    expect(index.problems.length).toBeGreaterThan(0);
    expect(index.problems[0]).toMatchObject({ file: "app.ts", line: 4 });
    expect(index.routes.map((route) => route.endpoint)).toEqual(expect.arrayContaining(["before", "after", "admin.dashboard"]));
  });

  it("merges the running app's url map: routes only at run time, only in code, and in both", () => {
    const source = starterFile("website/app.ts");
    const live = [
      { endpoint: "static", methods: ["GET"], rule: "/static/<path:filename>" },
      { endpoint: "index", methods: ["GET", "OPTIONS"], rule: "/" },
      { endpoint: "contact", methods: ["GET", "POST"], rule: "/contact" },
    ];
    const index = buildRouteIndex(new Map([["app.ts", source]]), live);
    expect(index.live).toBe(true);
    expect(summary(index)).toEqual([
      "GET / index both",
      "GET /about about code",
      "GET,POST /contact contact both",
      "GET /static/<path:filename> static runtime",
    ]);
  });
});

describe("the route index across files", () => {
  it("follows default and renamed exports of the app and blueprints", () => {
    const main = `import { Vial } from "vial";
const app = new Vial();
export default app;
`;
    const views = `import server from "./main.js";
import { shop as store } from "./shop.js";
server.get("/", function home() { return "home"; });
store.get("/cart", function cart() { return "cart"; });
server.registerBlueprint(store, { urlPrefix: "/store" });
`;
    const shop = `import { Blueprint } from "vial";
const bp = new Blueprint("shop");
export { bp as shop };
`;
    const index = buildRouteIndex(new Map([["main.ts", main], ["views.ts", views], ["shop.ts", shop]]), null);
    expect(summary(index)).toEqual(["GET / home code", "GET /store/cart shop.cart code"]);
  });
});
