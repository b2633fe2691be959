import { describe, expect, it, vi } from "vitest";
import { Blueprint, BuildError, Vial, urlFor } from "./index.js";

function makeApp(): Vial {
  const app = new Vial({ root: "/nonexistent" });
  app.logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  app.get("/", function index() {
    return { external: urlFor("user", { id: 5, _external: true }), anchored: urlFor("index", { _anchor: "top part" }) };
  });
  app.get("/user/<int:id>", function user({ id }) {
    return { id };
  });
  app.get("/files/<path:name>", function files({ name }) {
    return name;
  });
  const create = () => "create";
  app.route("/items", { methods: ["POST"] }, create);
  app.route("/items/new", { methods: ["GET"] }, create);
  const shop = new Blueprint("shop", { urlPrefix: "/shop" });
  shop.get("/", function home() {
    return { here: urlFor(".home"), product: urlFor(".product", { sku: "a b/c" }), app: urlFor("index") };
  });
  shop.get("/p/<sku>", function product({ sku }) {
    return sku;
  });
  app.registerBlueprint(shop);
  return app;
}

describe("urlFor", () => {
  it("fills rule values into the path and the rest into the query", () => {
    const app = makeApp();
    app.appContext(() => {
      expect(urlFor("user", { id: 7 })).toBe("/user/7");
      expect(urlFor("user", { id: 7, tab: "posts", tag: ["a", "b"], skip: undefined })).toBe("/user/7?tab=posts&tag=a&tag=b");
      expect(urlFor("files", { name: "docs/read me.txt" })).toBe("/files/docs/read%20me.txt");
      expect(urlFor("static", { filename: "css/site.css" })).toBe("/static/css/site.css");
      expect(urlFor("shop.product", { sku: "x?y#z" })).toBe("/shop/p/x%3Fy%23z");
    });
  });

  it("picks the rule for _method", () => {
    makeApp().appContext(() => {
      expect(urlFor("create", { _method: "POST" })).toBe("/items");
      expect(urlFor("create", { _method: "GET" })).toBe("/items/new");
    });
  });

  it("builds external URLs from the request, anchors, and blueprint-relative names", async () => {
    const client = makeApp().testClient();
    expect((await client.get("/")).json).toEqual({ external: "http://localhost/user/5", anchored: "/#top%20part" });
    expect((await client.get("/shop/")).json).toEqual({ here: "/shop/", product: "/shop/p/a%20b/c", app: "/" });
  });

  it("uses SERVER_NAME for external URLs outside a request", () => {
    const app = makeApp();
    expect(() => app.appContext(() => urlFor("index", { _external: true }))).toThrow(/set SERVER_NAME/);
    app.config.SERVER_NAME = "example.com";
    expect(app.appContext(() => urlFor("index", { _external: true, _scheme: "https" }))).toBe("https://example.com/");
  });

  it("explains unknown endpoints and missing values", () => {
    const app = makeApp();
    app.appContext(() => {
      expect(() => urlFor("nope")).toThrow(BuildError);
      expect(() => urlFor("user")).toThrow("Could not build url for endpoint 'user'. Did you forget to specify values ['id']?");
    });
    expect(() => urlFor("index")).toThrow(/Working outside of application context/);
  });
});
