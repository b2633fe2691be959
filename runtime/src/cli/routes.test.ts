import { describe, expect, it } from "vitest";
import { formatRoutes } from "./routes.js";

const rows = [
  { endpoint: "index", methods: ["GET"], rule: "/" },
  { endpoint: "api.create", methods: ["POST"], rule: "/api/items" },
  { endpoint: "api.list", methods: ["GET", "HEAD"], rule: "/api/items" },
  { endpoint: "about", methods: ["PUT", "GET"], rule: "/about" },
];

function bodyRows(text: string): string[] {
  return text.trimEnd().split("\n").slice(2);
}

describe("formatRoutes", () => {
  it("lines up the three columns under a dashed rule", () => {
    expect(formatRoutes(rows)).toBe(
      [
        "Endpoint    Methods   Rule",
        "----------  --------  ----------",
        "about       GET, PUT  /about",
        "api.create  POST      /api/items",
        "api.list    GET       /api/items",
        "index       GET       /",
        "",
      ].join("\n"),
    );
  });

  it("sorts by rule, by methods, or keeps registration order (ties stay in registration order)", () => {
    expect(bodyRows(formatRoutes(rows, { sort: "rule" })).map((line) => line.split(/\s+/)[0])).toEqual([
      "index",
      "about",
      "api.create",
      "api.list",
    ]);
    expect(bodyRows(formatRoutes(rows, { sort: "methods" })).map((line) => line.split(/\s+/)[0])).toEqual([
      "index",
      "api.list",
      "about",
      "api.create",
    ]);
    expect(bodyRows(formatRoutes(rows, { sort: "match" })).map((line) => line.split(/\s+/)[0])).toEqual([
      "index",
      "api.create",
      "api.list",
      "about",
    ]);
  });

  it("adds the automatic HEAD and OPTIONS only when all methods are asked for", () => {
    expect(bodyRows(formatRoutes(rows, { allMethods: true, sort: "match" }))).toEqual([
      "index       GET, HEAD, OPTIONS       /",
      "api.create  OPTIONS, POST            /api/items",
      "api.list    GET, HEAD, OPTIONS       /api/items",
      "about       GET, HEAD, OPTIONS, PUT  /about",
    ]);
  });

  it("says so when there are no routes", () => {
    expect(formatRoutes([])).toBe("No routes were registered.\n");
  });
});
