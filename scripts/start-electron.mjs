// `npm start`: opens the Studio in Electron, or says plainly how to get Electron or use browser mode.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { findElectronBinary } from "./electron-binary.mjs";

const binary = findElectronBinary();
if (!binary) {
  console.error(
    [
      "Vial Studio: this machine has no Electron binary (npm install does not download it).",
      "  To get it, run:           npx install-electron",
      "  Or use the Studio in a browser instead:  npm run studio:web",
    ].join("\n"),
  );
  process.exit(1);
}

const main = join(import.meta.dirname, "..", "dist/electron/main.js");
const child = spawn(binary, [main, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
