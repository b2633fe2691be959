import { build } from "esbuild";

/**
 * Bundles a worker thread's entry (`search-worker.ts`, `check-worker.ts`) into `outfile` as
 * scripts/build.mjs bundles it for dist, so a test starts the real worker without building the Studio.
 */
export async function buildWorker(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
}
