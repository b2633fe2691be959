import { describe, expect, it } from "vitest";
import { filterRequests } from "./request-filter";

const entries = [
  { method: "GET", path: "/", status: 200 },
  { method: "GET", path: "/users/7", status: 404 },
  { method: "POST", path: "/users", status: 201 },
  { method: "POST", path: "/login", status: 401 },
];

describe("filterRequests", () => {
  it("keeps everything for an empty query", () => {
    expect(filterRequests(entries, "  ")).toEqual(entries);
  });

  it("matches methods, path parts, statuses and status classes, all words together", () => {
    expect(filterRequests(entries, "users").map((e) => e.path)).toEqual(["/users/7", "/users"]);
    expect(filterRequests(entries, "post 4xx").map((e) => e.path)).toEqual(["/login"]);
    expect(filterRequests(entries, "404").map((e) => e.path)).toEqual(["/users/7"]);
    expect(filterRequests(entries, "GET").map((e) => e.path)).toEqual(["/", "/users/7"]);
  });
});
