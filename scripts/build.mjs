// Builds everything the Studio and the tests run: the runtime (tsc), the Electron main/preload, the
// browser-mode server, the app-host child entries and the worker threads (esbuild), and the renderer (Vite).
// Usage: node scripts/build.mjs [--only runtime|electron|renderer]...
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build as esbuild } from "esbuild";

const root = join(import.meta.dirname, "..");
const only = process.argv.flatMap((arg, i, all) => (arg === "--only" ? [all[i + 1]] : []));
const wants = (part) => only.length === 0 || only.includes(part);

async function step(label, run) {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    // tsc, esbuild and Vite have already printed the reasons; a stack trace of this script adds nothing.
    console.error(`build: ${label} failed${error?.errors ? "" : `: ${error?.message ?? error}`}`);
    process.exit(1);
  }
  console.log(`build: ${label} in ${Math.round(performance.now() - started)} ms`);
}

/**
 * Has the bundle load these CommonJS packages with require() rather than import: for an import, Node
 * first scans the package's source for its export names, which for TypeScript's 9 MB triples the load
 * (about 0.7 s against 0.25 s), paid wherever the Studio first reads user code.
 */
function requireCommonJs(packages) {
  const filter = new RegExp(`^(${packages.join("|")})$`);
  return {
    name: "require-commonjs",
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: "require-commonjs" }));
      build.onLoad({ filter: /.*/, namespace: "require-commonjs" }, (args) => ({
        contents: `import { createRequire } from "node:module";\nexport default createRequire(import.meta.url)(${JSON.stringify(args.path)});\n`,
        loader: "js",
      }));
    },
  };
}

const nodeBundle = {
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  absWorkingDir: root,
  plugins: [requireCommonJs(["typescript"])],
};

function appHostEntries() {
  const dir = join(root, "electron/host/app-host/child");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => join(dir, file));
}

if (wants("runtime")) {
  await step("runtime", () =>
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "runtime/tsconfig.build.json"], {
      cwd: root,
      stdio: "inherit",
    }),
  );
}

if (wants("electron")) {
  // Split bundles name their chunks by content hash: clear the last build's, or they pile up.
  for (const dir of ["dist/electron", "dist/web"]) rmSync(join(root, dir), { recursive: true, force: true });
  await step("electron", () =>
    Promise.all([
      esbuild({
        ...nodeBundle,
        entryPoints: { main: "electron/main/main.ts" },
        outdir: "dist/electron",
        format: "esm",
        // Chunks for what the host loads with import() on first use (the TypeScript-reading parts).
        splitting: true,
      }),
      esbuild({
        ...nodeBundle,
        entryPoints: { preload: "electron/preload/preload.ts" },
        outdir: "dist/electron",
        outExtension: { ".js": ".cjs" },
        format: "cjs",
      }),
      esbuild({
        ...nodeBundle,
        entryPoints: { server: "electron/web/server.ts" },
        outdir: "dist/web",
        format: "esm",
        splitting: true,
      }),
      esbuild({
        ...nodeBundle,
        entryPoints: { "check-worker": "electron/host/diagnostics/check-worker.ts" },
        outdir: "dist/diagnostics",
        format: "esm",
      }),
      esbuild({
        ...nodeBundle,
        entryPoints: { "search-worker": "electron/host/search/search-worker.ts" },
        outdir: "dist/search",
        format: "esm",
      }).then(() =>
        // Packaged, it sits unpacked like dist/app-host, with no package.json above it: say it is ESM.
        writeFileSync(join(root, "dist/search/package.json"), '{ "type": "module" }\n'),
      ),
      appHostEntries().length > 0 &&
        esbuild({ ...nodeBundle, entryPoints: appHostEntries(), outdir: "dist/app-host", format: "esm" }).then(() =>
          // Packaged, these files sit in app.asar.unpacked with no package.json above them: say they are ESM.
          writeFileSync(join(root, "dist/app-host/package.json"), '{ "type": "module" }\n'),
        ),
    ]),
  );
}

if (wants("renderer")) {
  await step("renderer", async () => {
    const { build } = await import("vite");
    await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn" });
  });
}
