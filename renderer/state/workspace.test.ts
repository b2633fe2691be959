import { describe, expect, it } from "vitest";
import type { FileNode } from "../../electron/api/contract";
import { filePaths, invalidNameReason, joinPath, moveTarget, parentPath } from "./workspace";

describe("invalidNameReason", () => {
  it("accepts plain names and relative paths", () => {
    expect(invalidNameReason("app.ts")).toBeUndefined();
    expect(invalidNameReason("templates/pages/about.html")).toBeUndefined();
  });

  it("explains what is wrong with a bad name", () => {
    expect(invalidNameReason("  ")).toBe("Enter a name.");
    expect(invalidNameReason("..")).toMatch(/not a valid name/);
    expect(invalidNameReason("a:b")).toMatch(/cannot contain/);
    expect(invalidNameReason("nul\0")).toMatch(/cannot contain/);
    expect(invalidNameReason("/etc/passwd")).toMatch(/relative path/);
    expect(invalidNameReason("a/../../b")).toMatch(/\. or \.\./);
  });
});

describe("paths", () => {
  it("joins and splits project-relative paths", () => {
    expect(joinPath("", "app.ts")).toBe("app.ts");
    expect(joinPath("templates", "base.html")).toBe("templates/base.html");
    expect(parentPath("templates/base.html")).toBe("templates");
    expect(parentPath("app.ts")).toBe("");
  });

  it("works out where a dropped file or folder goes", () => {
    expect(moveTarget("app.ts", "src")).toBe("src/app.ts");
    expect(moveTarget("src/app.ts", "")).toBe("app.ts");
    expect(moveTarget("templates/pages", "static")).toBe("static/pages");
    expect(moveTarget("src/app.ts", "src")).toBeUndefined();
    expect(moveTarget("src", "src")).toBeUndefined();
    expect(moveTarget("src", "src/lib")).toBeUndefined();
    expect(moveTarget("src", "srcs")).toBe("srcs/src");
  });

  it("lists every file of a tree, depth first", () => {
    const tree: FileNode = {
      name: "site",
      path: "",
      kind: "dir",
      children: [
        { name: "templates", path: "templates", kind: "dir", children: [{ name: "a.html", path: "templates/a.html", kind: "file" }] },
        { name: "app.ts", path: "app.ts", kind: "file" },
      ],
    };
    expect(filePaths(tree)).toEqual(["templates/a.html", "app.ts"]);
    expect(filePaths(null)).toEqual([]);
  });
});
