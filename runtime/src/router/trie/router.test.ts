import { describe, expect, it } from "vitest";
import { defaultConverters } from "../converters.js";
import { parseRule } from "../rule.js";
import { TrieRouter } from "./router.js";

function trie(rules: Array<[string, string, string]>): TrieRouter<string> {
  const router = new TrieRouter<string>();
  for (const [method, rule, value] of rules) router.add(method, parseRule(rule, defaultConverters), value);
  return router;
}

describe("TrieRouter", () => {
  it("tries converters of equal weight in the order their edges were created, like Werkzeug's state machine", () => {
    const router = trie([
      ["GET", "/<name>/v<int:n>/", "first"],
      ["GET", "/<any(a, b):kind>/", "any"],
      ["GET", "/<other>/", "string"],
    ]);
    // `string` and `any(a, b)` weigh the same; the string edge exists since the first rule.
    expect(router.match("GET", "/a/")).toEqual({ type: "found", value: "string", params: { other: "a" } });
    expect(router.match("GET", "/a/v2/")).toEqual({ type: "found", value: "first", params: { name: "a", n: 2 } });
  });

  it("backtracks out of a literal branch into a converter branch", () => {
    const router = trie([
      ["GET", "/users/admin/settings", "admin"],
      ["GET", "/users/<name>/profile", "profile"],
    ]);
    expect(router.match("GET", "/users/admin/profile")).toEqual({ type: "found", value: "profile", params: { name: "admin" } });
    expect(router.match("GET", "/users/admin/settings")).toEqual({ type: "found", value: "admin", params: {} });
  });

  it("answers a fresh lookup correctly after a converter threw an unexpected error", () => {
    const boom = { regex: "\\d+", toValue: () => { throw new TypeError("boom"); }, toUrl: String };
    const router = new TrieRouter<string>();
    router.add("GET", parseRule("/b/<boom:x>", { ...defaultConverters, boom }), "boom");
    router.add("GET", parseRule("/s/<a>/<int:b>", defaultConverters), "s");
    expect(() => router.match("GET", "/b/1")).toThrow(TypeError);
    expect(router.match("GET", "/s/x/2")).toEqual({ type: "found", value: "s", params: { a: "x", b: 2 } });
  });

  it("matches deep paths and misses without a trailing-slash retry when no rule ends in one", () => {
    const depth = 40;
    const rule = Array.from({ length: depth }, (_, i) => `/<p${i}>`).join("");
    const router = trie([["GET", rule, "deep"]]);
    const path = Array.from({ length: depth }, (_, i) => `/s${i}`).join("");
    const found = router.match("GET", path);
    expect(found).toMatchObject({ type: "found", value: "deep" });
    expect(found.type === "found" && found.params.p39).toBe("s39");
    expect(router.match("GET", `${path}/extra`)).toEqual({ type: "notFound" });
  });
});
