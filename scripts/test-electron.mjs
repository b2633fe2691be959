// `npm run test:electron`: the Electron end-to-end suite, where this machine has Electron's binary.
// Without it nothing is run, and the script says so and fails rather than report a pass.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { findElectronBinary } from "./electron-binary.mjs";

if (!findElectronBinary()) {
  console.error("test:electron: this machine has no Electron binary, so no Electron test was run.");
  console.error("  Get it with `npx install-electron`, then run `npm run test:electron` again.");
  process.exit(2);
}
const root = join(import.meta.dirname, "..");
const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(join(root, "node_modules/.bin/vitest"), ["run", "--project", "electron"], { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
