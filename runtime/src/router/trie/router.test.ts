import { describe, expect, it } from "vitest";
import { defaultConverters, type ConverterSpec } from "../converters.js";
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
  it("tests a converter segment in place: digits, a longer alternative, an empty segment, a slash-bearing isolated regex", () => {
    const slashy: ConverterSpec = { regex: "[a-z]+/?", partIsolating: true, toValue: (s) => s.toUpperCase(), toUrl: String };
    const maybe: ConverterSpec = { regex: "\\d*", toValue: (s) => `[${s}]`, toUrl: String };
    const router = new TrieRouter<string>();
    router.add("GET", parseRule("/k/<any(a, ab):kind>/x", defaultConverters), "kind");
    router.add("GET", parseRule("/m/<maybe:n>/x", { ...defaultConverters, maybe }), "maybe");
    // Run on the whole path, `[a-z]+/?` would take the slash of `/s/ab/` and overshoot the segment.
    router.add("GET", parseRule("/s/<slashy:w>/", { ...defaultConverters, slashy }), "slashy");
    router.add("GET", parseRule("/n/<int:n>", defaultConverters), "int");
    expect(router.match("GET", "/n/042")).toEqual({ type: "found", value: "int", params: { n: 42 } });
    expect(router.match("GET", "/n/4a")).toEqual({ type: "notFound" });
    expect(router.match("GET", "/n/\u0663")).toEqual({ type: "notFound" });
    expect(router.match("GET", "/k/ab/x")).toEqual({ type: "found", value: "kind", params: { kind: "ab" } });
    expect(router.match("GET", "/k/abc/x")).toEqual({ type: "notFound" });
    expect(router.match("GET", "/m//x")).toEqual({ type: "found", value: "maybe", params: { n: "[]" } });
    expect(router.match("GET", "/m/12/x")).toEqual({ type: "found", value: "maybe", params: { n: "[12]" } });
    expect(router.match("GET", "/m/1a/x")).toEqual({ type: "notFound" });
    expect(router.match("GET", "/s/ab/")).toEqual({ type: "found", value: "slashy", params: { w: "AB" } });
    expect(router.match("GET", "/s/a7/")).toEqual({ type: "notFound" });
  });

  it("finds literal children among many, and tells apart children that differ only where the hash does not look", () => {
    const names = Array.from({ length: 40 }, (_, i) => `page${i}`);
    const router = trie([
      ...names.map((name): [string, string, string] => ["GET", `/${name}/<int:n>`, name]),
      ["GET", "/page/<int:n>", "short"],
      ["GET", "/page10/x/<slug>", "deeper"],
      // Same length, first, middle and last character: one hash, told apart by their text.
      ["GET", "/axbcd/<int:n>", "axbcd"],
      ["GET", "/aybcd/<int:n>", "aybcd"],
    ]);
    for (const name of names) expect(router.match("GET", `/${name}/3`)).toEqual({ type: "found", value: name, params: { n: 3 } });
    expect(router.match("GET", "/page/3")).toEqual({ type: "found", value: "short", params: { n: 3 } });
    expect(router.match("GET", "/page10/x/y")).toEqual({ type: "found", value: "deeper", params: { slug: "y" } });
    expect(router.match("GET", "/page40/3")).toEqual({ type: "notFound" });
    expect(router.match("GET", "/aybcd/1")).toEqual({ type: "found", value: "aybcd", params: { n: 1 } });
    expect(router.match("GET", "/axbcd/1")).toEqual({ type: "found", value: "axbcd", params: { n: 1 } });
    expect(router.match("GET", "/azbcd/1")).toEqual({ type: "notFound" });
    const few = trie([["GET", "/ab/<int:n>", "ab"], ["GET", "/a/<int:n>", "a"]]);
    expect(few.match("GET", "/a/1")).toEqual({ type: "found", value: "a", params: { n: 1 } });
    expect(few.match("GET", "/abc/1")).toEqual({ type: "notFound" });
  });

  it("forgets the captures of a branch that failed deep down before it tries the next one", () => {
    const router = trie([
      ["GET", "/<x>/lit/<y>/end", "literal"],
      ["GET", "/<x>/<z>/<w>/other", "converters"],
    ]);
    expect(router.match("GET", "/1/lit/2/other")).toEqual({ type: "found", value: "converters", params: { x: "1", z: "lit", w: "2" } });
    expect(router.match("GET", "/1/lit/2/end")).toEqual({ type: "found", value: "literal", params: { x: "1", y: "2" } });
  });

  it("gives each match its own params object, with the rule's variables in path order", () => {
    const router = trie([["GET", "/users/<int:id>/posts/<slug>", "post"]]);
    const first = router.match("GET", "/users/1/posts/a");
    const second = router.match("GET", "/users/2/posts/b");
    expect(first).toEqual({ type: "found", value: "post", params: { id: 1, slug: "a" } });
    expect(second.type === "found" && Object.keys(second.params)).toEqual(["id", "slug"]);
    expect(Object.getPrototypeOf(first.type === "found" ? first.params : null)).toBe(Object.prototype);
  });

  it("refuses a converter bound that is not a number when the rule is parsed", () => {
    expect(() => parseRule("/n/<int(min=x):n>", defaultConverters)).toThrow("converter argument min=x is not a number");
  });
});
