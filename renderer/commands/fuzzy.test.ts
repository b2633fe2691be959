import { describe, expect, it } from "vitest";
import { fuzzyMatch, parseQuickOpen, rankPaths } from "./fuzzy";

describe("fuzzyMatch", () => {
  it("matches subsequences case-insensitively", () => {
    expect(fuzzyMatch("nf", "New File")).toBe(true);
    expect(fuzzyMatch("apts", "app.ts")).toBe(true);
    expect(fuzzyMatch("xyz", "app.ts")).toBe(false);
    expect(fuzzyMatch("", "anything")).toBe(true);
  });
});

describe("rankPaths", () => {
  it("puts file names that start with the query first", () => {
    const paths = ["templates/base.html", "static/about-bg.png", "templates/about.html", "api/abouts.ts"];
    expect(rankPaths("about", paths)).toEqual(["static/about-bg.png", "templates/about.html", "api/abouts.ts"]);
    expect(rankPaths("tmpl", ["app.ts", "templates/index.html"])).toEqual(["templates/index.html"]);
  });

  it("ranks a name containing the query above a path containing it", () => {
    expect(rankPaths("in", ["index/x.ts", "templates/main.html", "login.ts"])).toEqual(["templates/main.html", "login.ts", "index/x.ts"]);
  });
});

describe("parseQuickOpen", () => {
  it("splits off a line and column", () => {
    expect(parseQuickOpen("app.ts")).toEqual({ needle: "app.ts" });
    expect(parseQuickOpen("app.ts:12")).toEqual({ needle: "app.ts", line: 12 });
    expect(parseQuickOpen(" base.html:3:7 ")).toEqual({ needle: "base.html", line: 3, column: 7 });
    expect(parseQuickOpen("a:b")).toEqual({ needle: "a:b" });
  });
});
