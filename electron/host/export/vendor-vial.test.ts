import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importedPackages, vendorVial } from "./vendor-vial.js";

const repoRoot = join(import.meta.dirname, "../../..");

describe("importedPackages", () => {
  it("finds the packages compiled code imports, not builtins, relative files or examples in comments", () => {
    const code = [
      'import { build } from "esbuild";',
      'import chokidar from "chokidar";',
      'export { x } from "@scope/pkg/sub";',
      'import "side-effect";',
      'import { join } from "node:path";',
      'import fs from "fs";',
      'import { a } from "./a.js";',
      ' * import { Vial } from "not-a-dependency";',
    ].join("\n");
    expect(importedPackages(code).sort()).toEqual(["@scope/pkg", "chokidar", "esbuild", "side-effect"]);
  });
});

describe("vendorVial", () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), "vial-vendor-"));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function fakeRuntime(): Promise<string> {
    const dir = join(scratch, "runtime");
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "vial", version: "0.1.0", scripts: { build: "tsc" }, dependencies: { esbuild: "^0.28.0" } }),
      "dist/index.js": 'import chokidar from "chokidar";\nexport const x = 1;\n//# sourceMappingURL=index.js.map\n',
      "dist/index.js.map": "{}",
      "dist/index.d.ts": "export declare const x = 1;\n",
      "bin/vial.js": "#!/usr/bin/env node\n",
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it("pins the runtime's dependencies to the versions installed in packagesDir when none are next to it (a packaged Studio)", async () => {
    const runtimeDir = await fakeRuntime();
    await expect(vendorVial(runtimeDir)).rejects.toMatchObject({ code: "not-found", message: expect.stringContaining("chokidar") });
    const vendored = await vendorVial(runtimeDir, repoRoot);
    expect(Object.keys(vendored.dependencies)).toEqual(["chokidar", "esbuild"]);
    expect(vendored.files.map((file) => file.path).sort()).toEqual([
      "vendor/vial/bin/vial.js",
      "vendor/vial/dist/index.d.ts",
      "vendor/vial/dist/index.js",
      "vendor/vial/package.json",
    ]);
    const code = vendored.files.find((file) => file.path === "vendor/vial/dist/index.js");
    expect(code && "content" in code ? code.content : "").not.toContain("sourceMappingURL");
  });
});
