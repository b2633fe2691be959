import { describe, expect, it } from "vitest";
import { MethodView, View, request, type Handler } from "./index.js";
import { quietApp } from "./__fixtures__/test-apps.js";

describe("class-based views", () => {
  it("dispatches MethodView methods and derives the allowed methods", async () => {
    const items = new Map<number, string>([[1, "cup"]]);
    class ItemView extends MethodView {
      get({ id }: { id: number }) {
        return items.has(id) ? { id, name: items.get(id) } : ["missing", 404];
      }
      put({ id }: { id: number }) {
        items.set(id, (request.json as { name: string }).name);
        return { id, name: items.get(id) };
      }
      delete({ id }: { id: number }) {
        items.delete(id);
        return ["", 204];
      }
    }
    const app = quietApp();
    app.addUrlRule("/items/<int:id>", { view: ItemView.asView("item") });
    const client = app.testClient();
    expect((await client.get("/items/1")).json).toEqual({ id: 1, name: "cup" });
    expect((await client.put("/items/2", { json: { name: "mug" } })).json).toEqual({ id: 2, name: "mug" });
    expect((await client.delete("/items/1")).status).toBe(204);
    expect((await client.get("/items/1")).status).toBe(404);
    expect((await client.head("/items/2")).status).toBe(200);
    const post = await client.post("/items/2");
    expect([post.status, post.headers.get("allow")]).toEqual([405, "DELETE, GET, HEAD, OPTIONS, PUT"]);
    expect(app.urlMap()).toEqual([{ endpoint: "item", methods: ["GET", "PUT", "DELETE"], rule: "/items/<int:id>" }]);
  });

  it("builds a View per request with asView's arguments and decorators", async () => {
    const made: string[] = [];
    const shout = (view: Handler): Handler => async (params) => String(await view(params)).toUpperCase();
    class Greeting extends View {
      static override methods = ["GET", "POST"];
      static override decorators = [shout];
      constructor(private readonly word: string) {
        super();
        made.push(word);
      }
      override dispatchRequest() {
        return `${this.word}, ${request.method}`;
      }
    }
    const app = quietApp();
    app.addUrlRule("/hi", { view: Greeting.asView("hi", "hello") });
    const client = app.testClient();
    expect((await client.get("/hi")).text).toBe("HELLO, GET");
    expect((await client.post("/hi")).text).toBe("HELLO, POST");
    expect(made).toEqual(["hello", "hello"]);
  });

  it("fails clearly when a View does not implement dispatchRequest", async () => {
    class Empty extends View {}
    const app = quietApp();
    app.addUrlRule("/empty", { view: Empty.asView("empty") });
    expect((await app.testClient().get("/empty")).status).toBe(500);
    expect(app.logger.error).toHaveBeenCalledWith("Exception on /empty [GET]", expect.objectContaining({ message: "Empty must implement dispatchRequest()" }));
  });
});
