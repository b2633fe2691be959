import { describe, expect, it } from "vitest";
import { exportedPackageJson, mergedGitignore, packageNameFor } from "./exported-texts.js";

describe("packageNameFor", () => {
  it("makes a valid npm name from any folder name", () => {
    expect(packageNameFor("My Shop")).toBe("my-shop");
    expect(packageNameFor(".hidden_app")).toBe("hidden_app");
    expect(packageNameFor("Ünïcode!!")).toBe("n-code");
    expect(packageNameFor("...")).toBe("vial-app");
  });
});

describe("mergedGitignore", () => {
  it("appends only the lines the project lacks, after a final newline", () => {
    expect(mergedGitignore("node_modules/\n.env", "node_modules/\ndist/\n")).toBe("node_modules/\n.env\ndist/\n");
    expect(mergedGitignore(undefined, "dist/\n")).toBe("dist/\n");
  });
});

describe("exportedPackageJson", () => {
  it("replaces the project's vial with the vendored one and never drops its other fields", () => {
    const manifest = exportedPackageJson({
      project: { name: "shop", description: "d", dependencies: { vial: "^0.1.0", zod: "^3.0.0" }, devDependencies: { vitest: "^4.0.0" } },
      template: { type: "module", scripts: { start: "node scripts/start.mjs" } },
      folderName: "ignored",
      vialDependencies: { esbuild: "0.28.2", chokidar: "3.6.0" },
      installed: { vitest: "4.1.12" },
    });
    expect(manifest).toEqual({
      name: "shop",
      description: "d",
      type: "module",
      scripts: { start: "node scripts/start.mjs" },
      dependencies: { esbuild: "0.28.2", vial: "file:vendor/vial", zod: "^3.0.0" },
      devDependencies: { vitest: "4.1.12" },
    });
  });
});
