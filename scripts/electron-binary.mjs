// Where the Electron binary is, without triggering a download: `require("electron")` downloads it
// on first use, which fails (and hangs on some networks) where the binary cannot be fetched.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The Electron executable's path, or undefined when this machine has no Electron binary. */
export function findElectronBinary() {
  const packageDir = dirname(createRequire(import.meta.url).resolve("electron/package.json"));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, "path.txt");
  const relative = existsSync(pathFile) ? readFileSync(pathFile, "utf8").trim() : "electron";
  const binary = override ? join(override, relative) : join(packageDir, "dist", relative);
  return existsSync(binary) ? binary : undefined;
}
