import { describe, expect, it } from "vitest";
import { originLocation, readInspectReport } from "./inspect-messages";

describe("inspect messages", () => {
  it("reads the inspector's reports and nothing else the page may post", () => {
    expect(readInspectReport({ vialInspect: "hover", source: "templates/a.html:3" })).toEqual({ kind: "hover", source: "templates/a.html:3" });
    expect(readInspectReport({ vialInspect: "picked", source: null })).toEqual({ kind: "picked", source: null });
    for (const other of [null, "picked", { vialInspect: "hover", source: null }, { vialInspect: "picked", source: 3 }, { vialInspect: "start" }]) {
      expect(readInspectReport(other)).toBeUndefined();
    }
  });

  it("turns an origin mark into a project file and line, refusing paths outside the project", () => {
    expect(originLocation("templates/index.html:12")).toEqual({ file: "templates/index.html", line: 12 });
    expect(originLocation("blog/templates/a:b.html:7")).toEqual({ file: "blog/templates/a:b.html", line: 7 });
    for (const bad of ["templates/index.html", "templates/index.html:0", "/etc/passwd:1", "C:/x.html:1", "../x.html:1", "templates//x.html:2", "a\\..\\b.html:1"]) {
      expect(originLocation(bad), bad).toBeUndefined();
    }
  });
});
