import { describe, expect, it } from "vitest";
import {
  CompiledRouter,
  LinearRouter,
  RuleError,
  SmartRouter,
  TrieRouter,
  UnsupportedPathError,
  ValidationError,
  defaultConverters,
  parseRule,
  type ConverterSpec,
  type ParsedRule,
  type Router,
} from "./index.js";

const implementations: Array<() => Router<string>> = [
  () => new CompiledRouter<string>(),
  () => new LinearRouter<string>(),
  () => new TrieRouter<string>(),
  () => new SmartRouter<string>([() => new TrieRouter<string>(), () => new CompiledRouter<string>()]),
];

function build(routes: Array<[string, string, string]>, converters: Record<string, ConverterSpec> = defaultConverters): Router<string>[] {
  return implementations.map((make) => {
    const router = make();
    for (const [method, rule, value] of routes) router.add(method, parseRule(rule, converters), value);
    return router;
  });
}

describe.each(implementations.map((make) => [make().name, make] as const))("router conformance: %s", (_name, make) => {
  function router(routes: Array<[string, string, string]>, converters: Record<string, ConverterSpec> = defaultConverters): Router<string> {
    const r = make();
    for (const [method, rule, value] of routes) r.add(method, parseRule(rule, converters), value);
    return r;
  }

  it("matches static paths and the root", () => {
    const r = router([["GET", "/", "index"], ["GET", "/about", "about"], ["GET", "/a/b/c", "deep"]]);
    expect(r.match("GET", "/")).toEqual({ type: "found", value: "index", params: {} });
    expect(r.match("GET", "/about")).toEqual({ type: "found", value: "about", params: {} });
    expect(r.match("GET", "/a/b/c")).toMatchObject({ value: "deep" });
    expect(r.match("GET", "/nope")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/about/x")).toEqual({ type: "notFound" });
  });

  it("converts string, int, float, path, uuid and any", () => {
    const r = router([
      ["GET", "/s/<name>", "string"],
      ["GET", "/i/<int:id>", "int"],
      ["GET", "/f/<float:x>", "float"],
      ["GET", "/p/<path:rest>", "path"],
      ["GET", "/u/<uuid:u>", "uuid"],
      ["GET", "/k/<any(cats, dogs):kind>", "any"],
    ]);
    expect(r.match("GET", "/s/bob")).toEqual({ type: "found", value: "string", params: { name: "bob" } });
    expect(r.match("GET", "/s/a/b")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/i/42")).toEqual({ type: "found", value: "int", params: { id: 42 } });
    expect(r.match("GET", "/i/-1")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/i/4x")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/f/1.5")).toEqual({ type: "found", value: "float", params: { x: 1.5 } });
    expect(r.match("GET", "/f/1")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/p/a/b/c.txt")).toEqual({ type: "found", value: "path", params: { rest: "a/b/c.txt" } });
    expect(r.match("GET", "/u/6F9619FF-8B86-D011-B42D-00C04FC964FF")).toEqual({
      type: "found",
      value: "uuid",
      params: { u: "6f9619ff-8b86-d011-b42d-00c04fc964ff" },
    });
    expect(r.match("GET", "/u/not-a-uuid")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/k/dogs")).toEqual({ type: "found", value: "any", params: { kind: "dogs" } });
    expect(r.match("GET", "/k/fish")).toEqual({ type: "notFound" });
  });

  it("honours converter arguments and validation", () => {
    const r = router([
      ["GET", "/y/<int(fixed_digits=4):year>", "year"],
      ["GET", "/n/<int(min=1, max=10):n>", "n"],
      ["GET", "/d/<int(signed=True):d>", "d"],
      ["GET", "/c/<string(length=2):code>", "code"],
    ]);
    expect(r.match("GET", "/y/2024")).toMatchObject({ params: { year: 2024 } });
    expect(r.match("GET", "/y/24")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/n/10")).toMatchObject({ params: { n: 10 } });
    expect(r.match("GET", "/n/11")).toEqual({ type: "notFound" });
    expect(r.match("GET", "/d/-3")).toMatchObject({ params: { d: -3 } });
    expect(r.match("GET", "/c/fr")).toMatchObject({ params: { code: "fr" } });
    expect(r.match("GET", "/c/fra")).toEqual({ type: "notFound" });
  });

  it("supports several variables in one segment", () => {
    const r = router([["GET", "/files/<name>.<ext>", "file"], ["GET", "/v<int:n>/", "version"], ["GET", "/files/<name>", "plain"]]);
    expect(r.match("GET", "/files/report.tar.gz")).toEqual({ type: "found", value: "file", params: { name: "report.tar", ext: "gz" } });
    expect(r.match("GET", "/files/report")).toEqual({ type: "found", value: "plain", params: { name: "report" } });
    expect(r.match("GET", "/v2/")).toEqual({ type: "found", value: "version", params: { n: 2 } });
    expect(r.match("GET", "/v2")).toEqual({ type: "redirect", path: "/v2/" });
    expect(r.match("GET", "/vx/")).toEqual({ type: "notFound" });
  });

  it("matches a path converter followed by more of the rule, most specific rule first", () => {
    const r = router([
      ["GET", "/src/<path:file>", "blob"],
      ["GET", "/src/<path:file>/raw", "raw"],
      ["GET", "/t/<path:p>/", "slashed"],
    ]);
    expect(r.match("GET", "/src/a/b.txt/raw")).toEqual({ type: "found", value: "raw", params: { file: "a/b.txt" } });
    expect(r.match("GET", "/src/a/b.txt")).toEqual({ type: "found", value: "blob", params: { file: "a/b.txt" } });
    expect(r.match("GET", "/t/a/b")).toEqual({ type: "redirect", path: "/t/a/b/" });
  });

  it("keeps rules of the same shape apart by method and converter arguments", () => {
    const r = router([
      ["GET", "/a/<x>", "get"],
      ["POST", "/a/<y>", "post"],
      ["GET", "/n/<int(max=10):small>", "small"],
      ["GET", "/n/<int:big>", "big"],
    ]);
    expect(r.match("GET", "/a/1")).toEqual({ type: "found", value: "get", params: { x: "1" } });
    expect(r.match("POST", "/a/1")).toEqual({ type: "found", value: "post", params: { y: "1" } });
    expect(r.match("PUT", "/a/1")).toEqual({ type: "methodNotAllowed", allowed: ["GET", "POST"] });
    expect(r.match("GET", "/n/5")).toEqual({ type: "found", value: "small", params: { small: 5 } });
    expect(r.match("GET", "/n/50")).toEqual({ type: "found", value: "big", params: { big: 50 } });
  });

  it("redirects to a rule whose converter matches an empty last segment", () => {
    const optional: ConverterSpec = { regex: "[^/]*", toValue: (s) => s, toUrl: String };
    const r = router([["GET", "/e/<opt:x>", "e"]], { ...defaultConverters, opt: optional });
    expect(r.match("GET", "/e/")).toEqual({ type: "found", value: "e", params: { x: "" } });
    expect(r.match("GET", "/e")).toEqual({ type: "redirect", path: "/e/" });
  });

  it("orders converters by weight whatever the registration order", () => {
    const r = router([
      ["GET", "/<c>/<d>", "strings"],
      ["GET", "/<a>/<int:b>", "int"],
      ["GET", "/<e>/<int(max=10):f>/x", "small"],
      ["GET", "/<g>/<h>/x", "any"],
    ]);
    expect(r.match("GET", "/q/5")).toMatchObject({ value: "int", params: { a: "q", b: 5 } });
    expect(r.match("GET", "/q/z")).toMatchObject({ value: "strings", params: { c: "q", d: "z" } });
    expect(r.match("GET", "/q/5/x")).toMatchObject({ value: "small", params: { e: "q", f: 5 } });
    expect(r.match("GET", "/q/50/x")).toMatchObject({ value: "any", params: { g: "q", h: "50" } });
  });

  it("supports custom converters", () => {
    const list: ConverterSpec = { regex: "[^/]+(?:,[^/]+)*", toValue: (s) => s.split(","), toUrl: (v) => (v as string[]).join(",") };
    const even: ConverterSpec = () => ({
      regex: "\\d+",
      toValue: (s) => {
        if (Number(s) % 2 !== 0) throw new ValidationError();
        return Number(s);
      },
      toUrl: String,
    });
    const r = router(
      [
        ["GET", "/tags/<list:names>", "tags"],
        ["GET", "/even/<even:n>", "even"],
      ],
      { ...defaultConverters, list, even },
    );
    expect(r.match("GET", "/tags/a,b,c")).toEqual({ type: "found", value: "tags", params: { names: ["a", "b", "c"] } });
    expect(r.match("GET", "/even/4")).toMatchObject({ params: { n: 4 } });
    expect(r.match("GET", "/even/5")).toEqual({ type: "notFound" });
  });

  it("lets a custom converter whose regex contains a slash span segments, as Werkzeug does", () => {
    const pair: ConverterSpec = { regex: "[a-z]+/[a-z]+", toValue: (s) => s.split("/"), toUrl: (v) => (v as string[]).join("/") };
    const r = router([["GET", "/pair/<pair:p>/x", "pair"]], { ...defaultConverters, pair });
    expect(r.match("GET", "/pair/ab/cd/x")).toEqual({ type: "found", value: "pair", params: { p: ["ab", "cd"] } });
    expect(r.match("GET", "/pair/ab/x")).toEqual({ type: "notFound" });
  });

  it("prefers static rules and cheaper converters regardless of registration order", () => {
    const r = router([
      ["GET", "/<path:any>", "catchall"],
      ["GET", "/user/<name>", "byName"],
      ["GET", "/user/<int:id>", "byId"],
      ["GET", "/user/admin", "admin"],
    ]);
    expect(r.match("GET", "/user/admin")).toMatchObject({ value: "admin" });
    expect(r.match("GET", "/user/12")).toMatchObject({ value: "byId", params: { id: 12 } });
    expect(r.match("GET", "/user/bob")).toMatchObject({ value: "byName" });
    expect(r.match("GET", "/other/thing")).toMatchObject({ value: "catchall", params: { any: "other/thing" } });
  });

  it("reports the allowed methods when only the method is wrong", () => {
    const r = router([
      ["GET", "/items", "list"],
      ["POST", "/items", "create"],
      ["DELETE", "/items/<int:id>", "delete"],
    ]);
    expect(r.match("PUT", "/items")).toEqual({ type: "methodNotAllowed", allowed: ["GET", "POST"] });
    expect(r.match("GET", "/items/3")).toEqual({ type: "methodNotAllowed", allowed: ["DELETE"] });
    expect(r.match("POST", "/items")).toMatchObject({ value: "create" });
  });

  it("falls through a static rule with the wrong method to a dynamic rule with the right one", () => {
    const r = router([["GET", "/a", "static"], ["POST", "/<name>", "dynamic"]]);
    expect(r.match("POST", "/a")).toEqual({ type: "found", value: "dynamic", params: { name: "a" } });
  });

  it("redirects to the slashed rule like Werkzeug, but not the other way round", () => {
    const r = router([["GET", "/docs/", "docs"], ["GET", "/user/<int:id>/", "user"], ["GET", "/plain", "plain"]]);
    expect(r.match("GET", "/docs")).toEqual({ type: "redirect", path: "/docs/" });
    expect(r.match("GET", "/user/3")).toEqual({ type: "redirect", path: "/user/3/" });
    expect(r.match("GET", "/docs/")).toMatchObject({ value: "docs" });
    expect(r.match("GET", "/plain/")).toEqual({ type: "notFound" });
  });

  it("keeps the first handler registered for a rule and method", () => {
    const r = router([["GET", "/x", "first"], ["GET", "/x", "second"]]);
    expect(r.match("GET", "/x")).toMatchObject({ value: "first" });
  });

  it("matches across many rules in many buckets", () => {
    const routes: Array<[string, string, string]> = [];
    for (let i = 0; i < 50; i++) {
      routes.push(["GET", `/r${i}/<int:id>`, `r${i}`]);
      routes.push(["GET", `/r${i}/static`, `s${i}`]);
    }
    const r = router(routes);
    for (let i = 0; i < 50; i += 7) {
      expect(r.match("GET", `/r${i}/${i}`)).toEqual({ type: "found", value: `r${i}`, params: { id: i } });
      expect(r.match("GET", `/r${i}/static`)).toMatchObject({ value: `s${i}` });
    }
  });
});

describe("rule parsing", () => {
  it("lets the smart router fall back when a rule does not fit its first candidate", () => {
    // A candidate that only takes rules without variables, to make the fallback observable.
    class StaticOnly extends LinearRouter<string> {
      override add(method: string, rule: ParsedRule, value: string): void {
        if (rule.staticPath === undefined) throw new UnsupportedPathError(rule.rule);
        super.add(method, rule, value);
      }
    }
    const smart = new SmartRouter<string>([() => new StaticOnly(), () => new TrieRouter<string>()]);
    smart.add("GET", parseRule("/a", defaultConverters), "a");
    expect(smart.match("GET", "/a")).toMatchObject({ value: "a" });
    expect(smart.name).toBe("smart:linear");
    smart.add("GET", parseRule("/v<int:n>", defaultConverters), "v");
    expect(smart.match("GET", "/v2")).toMatchObject({ value: "v", params: { n: 2 } });
    expect(smart.name).toBe("smart:trie");
  });

  it("rejects rules without a leading slash, unknown converters and repeated names", () => {
    expect(() => parseRule("x", defaultConverters)).toThrow(RuleError);
    expect(() => parseRule("/<nope:id>", defaultConverters)).toThrow(/converter "nope"/);
    expect(() => parseRule("/<a>/<a>", defaultConverters)).toThrow(/used twice/);
    expect(() => parseRule("/<a", defaultConverters)).toThrow(/malformed/);
  });

  it("gives every implementation the same answers on a shared table", () => {
    const routers = build([
      ["GET", "/", "i"],
      ["GET", "/a/<x>/<int:y>", "two"],
      ["POST", "/a/<x>/<int:y>", "two-post"],
      ["GET", "/b/", "b"],
    ]);
    for (const [method, path] of [["GET", "/a/q/1"], ["POST", "/a/q/1"], ["PUT", "/a/q/1"], ["GET", "/b"], ["GET", "/zz"]] as const) {
      const answers = routers.map((r) => r.match(method, path));
      expect(answers[1]).toEqual(answers[0]);
    }
  });
});
