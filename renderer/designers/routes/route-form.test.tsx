import { act } from "react";
import { describe, expect, it } from "vitest";
import type { RouteInfo, RouteTarget } from "../../../electron/api/contract";
import { RouteForm, type RouteFormResult } from "./route-form";
import { reactRootPerTest } from "../../ui/test-dom";

const dom = reactRootPerTest();

const targets: RouteTarget[] = [
  { file: "app.ts", receiver: "app", kind: "app", blueprint: null },
  { file: "api/items.ts", receiver: "items", kind: "blueprint", blueprint: "items" },
];

const detailRoute: RouteInfo = {
  id: "api/items.ts:10",
  endpoint: "items.detail",
  rule: "/api/items/<int:id>",
  methods: ["GET"],
  blueprint: "items",
  origin: "both",
  source: {
    file: "api/items.ts",
    line: 3,
    column: 1,
    handlerLine: 3,
    form: "get",
    receiver: "items",
    localRule: "/<int:id>",
    localEndpoint: "detail",
    handlerName: "detail",
    jsonFields: [],
    ranges: { statement: { start: 0, end: 1 }, name: { start: 0, end: 1 }, rule: { start: 0, end: 1 }, options: null, methods: null, endpoint: null, handler: null, handlerDeclaration: null },
  },
};

/** An app route that is in the running app only: the form knows its endpoint is taken all the same. */
const indexRoute: RouteInfo = { id: "runtime:index", endpoint: "index", rule: "/", methods: ["GET"], blueprint: null, origin: "runtime", source: null };

async function click(id: string): Promise<void> {
  await act(async () => dom.byTestId(id).click());
}

describe("the route form", () => {
  it("validates the rule as it is typed, inserts typed variables and hands back a new route", async () => {
    const results: RouteFormResult[] = [];
    await act(async () => dom.root.render(<RouteForm route={null} targets={targets} routes={[]} onSubmit={async (result) => void results.push(result)} onCancel={() => undefined} />));
    await dom.type("route-rule-input", "/items/<nope:id>");
    expect(dom.byTestId("route-rule-error").textContent).toContain('no converter "nope"');
    expect(dom.byTestId<HTMLButtonElement>("route-save").disabled).toBe(true);

    await dom.type("route-rule-input", "/items");
    expect(dom.container.querySelector('[data-testid="route-rule-error"]')).toBeNull();
    await dom.type("route-converter", "int");
    await dom.type("route-converter-name", "id");
    await click("route-converter-insert");
    expect(dom.byTestId<HTMLInputElement>("route-rule-input").value).toBe("/items/<int:id>");
    expect(dom.byTestId<HTMLInputElement>("route-endpoint-input").value).toBe("items");
    await click("route-method-POST");
    await dom.type("route-target", "1");
    await dom.type("route-returns", "text");
    await dom.type("route-returns-value", "made");
    await click("route-save");
    expect(results).toEqual([
      { kind: "create", target: targets[1], methods: ["GET", "POST"], rule: "/items/<int:id>", endpoint: "items", returns: { kind: "text", text: "made" } },
    ]);
  });

  it("opens with the focus in the rule and no error until something is typed", async () => {
    await act(async () => dom.root.render(<RouteForm route={null} targets={targets} routes={[]} onSubmit={async () => undefined} onCancel={() => undefined} />));
    expect(document.activeElement).toBe(dom.byTestId("route-rule-input"));
    expect(dom.container.querySelector('[role="alert"]')).toBeNull();
    expect(dom.byTestId<HTMLButtonElement>("route-save").disabled).toBe(true);
    await dom.type("route-endpoint-input", "a");
    await dom.type("route-endpoint-input", "");
    expect(dom.byTestId("route-endpoint-error").textContent).toBe("Name the endpoint (urlFor uses it).");
  });

  it("edits an existing route's local rule, methods and endpoint", async () => {
    const route = detailRoute;
    const results: RouteFormResult[] = [];
    await act(async () => dom.root.render(<RouteForm route={route} targets={targets} routes={[route, indexRoute]} onSubmit={async (result) => void results.push(result)} onCancel={() => undefined} />));
    expect(dom.byTestId<HTMLInputElement>("route-rule-input").value).toBe("/<int:id>");
    expect(dom.container.querySelector('[data-testid="route-target"]')).toBeNull();
    expect(dom.container.querySelector('[data-testid="route-endpoint-error"]')).toBeNull();
    await dom.type("route-endpoint-input", "show");
    await click("route-method-DELETE");
    await click("route-save");
    expect(results).toEqual([{ kind: "update", route, methods: ["GET", "DELETE"], rule: "/<int:id>", endpoint: "show" }]);
  });

  it("refuses an endpoint another route has, with the full name, before anything is saved", async () => {
    const results: RouteFormResult[] = [];
    await act(async () => dom.root.render(<RouteForm route={null} targets={targets} routes={[detailRoute, indexRoute]} onSubmit={async (result) => void results.push(result)} onCancel={() => undefined} />));
    await dom.type("route-rule-input", "/home");
    await dom.type("route-endpoint-input", "index");
    expect(dom.byTestId("route-endpoint-error").textContent).toBe('There is already a route with the endpoint "index": pick another name.');
    expect(dom.byTestId<HTMLButtonElement>("route-save").disabled).toBe(true);

    await dom.type("route-target", "1");
    expect(dom.container.querySelector('[data-testid="route-endpoint-error"]')).toBeNull();
    await dom.type("route-endpoint-input", "detail");
    expect(dom.byTestId("route-endpoint-error").textContent).toContain('"items.detail"');
    await click("route-save");
    expect(results).toEqual([]);
  });
});
