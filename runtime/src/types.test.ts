import { describe, expectTypeOf, it } from "vitest";
import { Vial, type RouteParams } from "./index.js";

describe("route parameter types", () => {
  it("derives parameter types from the rule string", () => {
    expectTypeOf<RouteParams<"/user/<int:id>">>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<RouteParams<"/p/<float:x>/<name>">>().toEqualTypeOf<{ x: number; name: string }>();
    expectTypeOf<RouteParams<"/f/<path:rest>">>().toEqualTypeOf<{ rest: string }>();
    expectTypeOf<RouteParams<"/k/<any(a, b):kind>/<uuid:u>">>().toEqualTypeOf<{ kind: string; u: string }>();
    expectTypeOf<RouteParams<"/y/<int(fixed_digits=4):year>">>().toEqualTypeOf<{ year: number }>();
    expectTypeOf<RouteParams<"/c/<list:items>">>().toEqualTypeOf<{ items: unknown }>();
    expectTypeOf<RouteParams<"/static">>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<RouteParams<string>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it("types the view's parameters at registration", () => {
    const app = new Vial({ root: "/nonexistent", staticFolder: null });
    app.get("/user/<int:id>/<slug>", (params) => {
      expectTypeOf(params).toEqualTypeOf<{ id: number; slug: string }>();
      return { id: params.id };
    });
    // @ts-expect-error -- a view cannot return undefined
    app.get("/void", () => undefined);
    // @ts-expect-error -- id is a number, not a string
    app.get("/n/<int:id>", ({ id }: { id: string }) => id);
  });
});
