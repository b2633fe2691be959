import { describe, expect, it, vi } from "vitest";
import { ProjectSources, scriptPaths } from "./project-sources";

describe("scriptPaths", () => {
  it("keeps the project's scripts and skips node_modules", () => {
    expect(scriptPaths(["app.ts", "api/items.ts", "static/site.js", "templates/a.html", "node_modules/x/index.js"])).toEqual([
      "app.ts",
      "api/items.ts",
      "static/site.js",
    ]);
  });
});

describe("ProjectSources", () => {
  it("mounts scripts at their model URIs and follows the tree", async () => {
    const added: string[] = [];
    const disposed: string[] = [];
    const host = {
      addExtraLib: (content: string, uri?: string) => {
        added.push(`${uri}=${content}`);
        return { dispose: () => disposed.push(uri!) };
      },
    };
    const files: Record<string, string> = { "app.ts": "a", "api/items.ts": "b" };
    const sources = new ProjectSources(host, async (path) => files[path]);
    await sources.sync(["app.ts", "api/items.ts", "README.md"]);
    expect(added.sort()).toEqual(["file:///api/items.ts=b", "file:///app.ts=a"]);

    await sources.sync(["app.ts"]);
    expect(disposed).toEqual(["file:///api/items.ts"]);
    expect(sources.loaded()).toEqual(["app.ts"]);

    files["app.ts"] = "changed";
    await sources.reload("app.ts");
    expect(added.at(-1)).toBe("file:///app.ts=changed");
    expect(disposed).toEqual(["file:///api/items.ts", "file:///app.ts"]);
  });

  it("drops a script that can no longer be read", async () => {
    const dispose = vi.fn();
    const sources = new ProjectSources({ addExtraLib: () => ({ dispose }) }, async () => undefined);
    await sources.sync(["gone.ts"]);
    expect(sources.loaded()).toEqual([]);
  });
});
