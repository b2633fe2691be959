import { describe, expect, it } from "vitest";
import { vialTypeFiles } from "./vial-types";

describe("vialTypeFiles", () => {
  it("mounts runtime declarations under node_modules/vial with a package.json", () => {
    const files = vialTypeFiles({
      "../../runtime/dist/index.d.ts": "export declare class Vial {}",
      "../../runtime/dist/adapter/node.d.ts": "export declare function serve(): void;",
    });
    const paths = files.map((file) => file.path);
    expect(paths).toContain("file:///node_modules/vial/index.d.ts");
    expect(paths).toContain("file:///node_modules/vial/adapter/node.d.ts");
    expect(paths).toContain("file:///node_modules/vial/package.json");
    expect(files.find((file) => file.path.endsWith("index.d.ts"))?.content).toBe("export declare class Vial {}");
  });

  it("mounts nothing when the runtime has not been built", () => {
    expect(vialTypeFiles({})).toEqual([]);
  });
});
