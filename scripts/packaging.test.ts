import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require("app-builder-lib/out/util/config/config.js") as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>>;
  validateConfiguration(config: Record<string, any>, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add() {} };

async function loadAndValidate(projectDir: string) {
  const config = await getConfig(projectDir, null, null);
  await validateConfiguration(config, quietLogger);
  return config;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe("electron-builder.yml", () => {
  it("validates against electron-builder's own schema", async () => {
    const config = await loadAndValidate(root);
    expect(config.appId).toBe("studio.vial.app");
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
  });

  it("keeps Node off the Electron binary and the app host's child entry and the search worker outside the archive", async () => {
    const config = await loadAndValidate(root);
    // The user's app runs in a utility process (electron/main/utility-launcher.ts), never as ELECTRON_RUN_AS_NODE.
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false });
    expect(config.asarUnpack).toEqual(expect.arrayContaining(["dist/app-host/**", "dist/search/**", "runtime/**"]));
  });

  it("bundles the unpacked entries so that they import only Node's built-ins: the Studio's packages stay in the archive", () => {
    for (const file of ["dist/app-host/app-child.js", "dist/search/search-worker.js"]) {
      const imported = [...readFileSync(join(root, file), "utf8").matchAll(/^import\b[^"']*["']([^"']+)["']/gm)].map((match) => match[1]);
      expect(imported.length, file).toBeGreaterThan(0);
      expect(imported.filter((specifier) => !specifier?.startsWith("node:")), file).toEqual([]);
    }
  });

  it("is rejected by the same check when it names an option electron-builder lacks", async () => {
    const copy = mkdtempSync(join(tmpdir(), "vial-builder-"));
    cpSync(join(root, "package.json"), join(copy, "package.json"));
    const yml = readFileSync(join(root, "electron-builder.yml"), "utf8");
    writeFileSync(join(copy, "electron-builder.yml"), `${yml}\nnotAnOption: true\n`);
    await expect(loadAndValidate(copy)).rejects.toThrow(/notAnOption/);
  });

  it("names only files that exist after `npm run build`", async () => {
    const config = await loadAndValidate(root);
    const named = [
      config.win.icon,
      config.mac.icon,
      config.mac.entitlements,
      config.linux.icon,
      ...config.extraResources.map((entry: { from: string }) => entry.from),
      "dist/electron/main.js",
      "dist/electron/preload.cjs",
      "dist/web/server.js",
      "dist/renderer/index.html",
      "dist/app-host/app-child.js",
      "dist/app-host/package.json",
      "dist/search/search-worker.js",
      "dist/search/package.json",
      "runtime/dist/index.js",
    ];
    for (const file of named) expect(existsSync(join(root, file)), file).toBe(true);
    const main = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).main;
    expect(existsSync(join(root, main)), main).toBe(true);
  });
});

describe("icons made from resources/icons/icon.svg", () => {
  const icons = join(root, "resources/icons");

  it("has a PNG of each size, each as large as its name says", () => {
    const pngs = readdirSync(join(icons, "png"));
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngs).toContain(`${size}x${size}.png`);
      expect(pngSize(join(icons, "png", `${size}x${size}.png`))).toEqual([size, size]);
    }
  });

  it("packs an .ico whose directory points at real PNG images", () => {
    const ico = readFileSync(join(icons, "icon.ico"));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString("ascii")).toBe("PNG");
    }
  });

  it("packs an .icns whose length matches its chunks and includes the 1024 px image", () => {
    const icns = readFileSync(join(icons, "icon.icns"));
    expect(icns.subarray(0, 4).toString("ascii")).toBe("icns");
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString("ascii"));
    expect(types).toEqual(expect.arrayContaining(["icp4", "ic07", "ic08", "ic09", "ic10"]));
  });
});
