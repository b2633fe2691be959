// `npm run build`: compiles the app (TypeScript included) with esbuild into dist/server.js, the one module
// `npm start` loads: the project's own files and Vial in a single file (a production start reads one file,
// not a hundred); every other package stays an import, resolved from node_modules.
// The entry is found as `vial run` finds it: $VIAL_APP, else app.ts, app.js, src/app.ts, src/app.js.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const candidates = process.env.VIAL_APP ? [process.env.VIAL_APP] : ["app.ts", "app.js", "src/app.ts", "src/app.js"];
const entry = candidates.map((name) => resolve(root, name)).find((path) => existsSync(path));
if (entry === undefined) {
  console.error(`build: no app module found (looked for ${candidates.join(", ")}); set VIAL_APP to its path.`);
  process.exit(1);
}

const IMPORT_META = /\bimport\.meta\.(dirname|filename|url)\b/g;
const toPosix = (path) => path.split(sep).join("/");

// Bundling moves every file's code into dist/server.js, so `import.meta.dirname` (the app's root, where
// templates/ and static/ are) would point at dist/. Each file keeps its own location instead, computed at
// run time from dist/server.js, so the built folder can move (into a container, to another machine).
const keepImportMetaPaths = {
  name: "keep-import-meta-paths",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const file = toPosix(relative(root, args.path));
      const dir = toPosix(relative(root, dirname(args.path)));
      const values = { dirname: `__appPath(${JSON.stringify(dir)})`, filename: `__appPath(${JSON.stringify(file)})`, url: `__appUrl(${JSON.stringify(file)})` };
      const contents = source.replace(IMPORT_META, (_, key) => values[key]);
      const loader = /\.[cm]?([jt]sx?)$/.exec(args.path)?.[1] ?? "js";
      return { contents, loader };
    });
  },
};

// Vial is bundled (one copy, shared by the app and the request listener); other packages are not.
const bundleOnlyVial = {
  name: "bundle-only-vial",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => (args.path === "vial" || args.path.startsWith("vial/") ? undefined : { path: args.path, external: true }));
  },
};

// The app module as a namespace (whether it exports `app` or a default) plus Vial's Node server factory.
const serverEntry = [
  `import * as appModule from ${JSON.stringify(`./${toPosix(relative(root, entry))}`)};`,
  'export { createServerFor } from "vial/node";',
  "export { appModule };",
].join("\n");

const banner = [
  'import { fileURLToPath as __fileURLToPath } from "node:url";',
  'const __appRoot = new URL("../", import.meta.url);',
  "const __appUrl = (path) => new URL(path, __appRoot).href;",
  'const __appPath = (path) => __fileURLToPath(new URL(path, __appRoot)).replace(/(.)[\\\\/]$/, "$1");',
].join("\n");

const started = performance.now();
try {
  await build({
    stdin: { contents: serverEntry, resolveDir: root, sourcefile: "server-entry.js", loader: "js" },
    absWorkingDir: root,
    outfile: join(root, "dist", "server.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    banner: { js: banner },
    logLevel: "warning",
    plugins: [bundleOnlyVial, keepImportMetaPaths],
  });
} catch {
  // esbuild has already printed each error with its file:line.
  process.exit(1);
}
console.log(`build: dist/server.js from ${toPosix(relative(root, entry))} in ${Math.round(performance.now() - started)} ms`);
