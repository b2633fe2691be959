// `npm run export -- <project> <dest> [--force]`: exports a Vial project as a standalone Node project folder,
// as File → Export… does in the Studio (see electron/host/export/export-project.ts). `npm run export` builds
// the runtime first; run this file directly when runtime/dist is known to be fresh.
import { resolve, join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const USAGE = "Usage: npm run export -- <project folder> <destination folder> [--force]";
const root = join(import.meta.dirname, "..");

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
} catch (error) {
  console.error(`export: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(`${USAGE}\n\nWrites the project's files, Vial (vendor/vial), package.json, README.md, a Dockerfile and the\nbuild and start scripts into the destination, which must be empty unless --force is given.`);
  process.exit(0);
}
if (parsed.positionals.length !== 2) {
  console.error(`export: expected a project folder and a destination folder.\n${USAGE}`);
  process.exit(2);
}
const [project, dest] = parsed.positionals.map((path) => resolve(path));

// The exporter is TypeScript, which Node 20 cannot run: bundle it in memory (it imports only node:
// builtins, which a data: URL module may import).
const bundle = await build({
  entryPoints: [join(root, "electron/host/export/export-project.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
  logLevel: "error",
});
const { exportProject } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].contents).toString("base64")}`);

try {
  const result = await exportProject({
    projectDir: project,
    dest,
    force: parsed.values.force,
    runtimeDir: join(root, "runtime"),
    templatesDir: join(root, "resources", "export"),
  });
  console.log(`export: wrote ${result.files.length} files to ${result.dest}`);
  console.log(`Next: cd ${result.dest} && npm install && npm start`);
} catch (error) {
  // A HostFailure carries a message that says what to do; anything else is a bug worth its stack.
  console.error(`export: ${error.code && error.code !== "internal" ? error.message : (error.stack ?? error)}`);
  process.exit(1);
}
