/**
 * The Electron security checklist as a scan of the Studio's own source: settings that must never
 * appear, and powerful calls that may appear only in the one module that owns them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const electronDir = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = sources(electronDir).map((path) => ({ path: relative(electronDir, path).split("\\").join("/"), text: readFileSync(path, "utf8") }));

function filesMatching(pattern: RegExp): string[] {
  return files.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

describe("Electron security checklist", () => {
  it("scans the Studio's sources", () => {
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(["main/window.ts", "main/preview.ts", "preload/preload.ts"]));
  });

  it.each([
    ["nodeIntegration enabled", /nodeIntegration(InSubFrames|InWorker)?\s*:\s*true/],
    ["context isolation disabled", /contextIsolation\s*:\s*false/],
    ["sandbox disabled", /sandbox\s*:\s*false/],
    ["<webview> enabled", /webviewTag\s*:\s*true/],
    ["web security disabled", /webSecurity\s*:\s*false/],
    ["insecure content allowed", /allowRunningInsecureContent\s*:\s*true/],
    ["experimental features enabled", /experimentalFeatures\s*:\s*true/],
    ["a window.open that is allowed", /action\s*:\s*["']allow["']/],
    ["a permission granted", /callback\(\s*true\s*\)/],
  ])("never has %s", (_what, pattern) => {
    expect(filesMatching(pattern)).toEqual([]);
  });

  it("opens external URLs only in dialogs.ts, behind the http(s) check", () => {
    expect(filesMatching(/import\s*{[^}]*\bshell\b[^}]*}\s*from\s*["']electron["']/)).toEqual(["main/dialogs.ts"]);
  });

  it("exposes the bridge only from the preload, and never ipcRenderer itself", () => {
    expect(filesMatching(/exposeInMainWorld\(/)).toEqual(["preload/preload.ts"]);
    expect(filesMatching(/exposeInMainWorld\([^)]*ipcRenderer/)).toEqual([]);
  });

  it("registers IPC only in ipc.ts, on the one invoke channel", () => {
    expect(filesMatching(/ipcMain\.(handle|on)\(/)).toEqual(["main/ipc.ts"]);
  });

  it("keeps electron out of the host services and the browser-mode server", () => {
    expect(filesMatching(/from\s+["']electron["']/).filter((path) => !path.startsWith("main/") && !path.startsWith("preload/"))).toEqual([]);
  });
});
