/**
 * Serves the built renderer to the Studio window from `vial-studio://app/`, a privileged standard
 * scheme: the page gets a real origin (so 'self' in the CSP and Monaco's workers work) without a
 * local HTTP server, and every response carries the CSP.
 */
import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { net, protocol } from "electron";
import { electronCsp, rendererFileFor, studioScheme } from "./studio-origin.js";

/**
 * Declares the scheme; must run before the app is ready.
 *
 * @example
 * registerStudioScheme();
 * await app.whenReady();
 */
export function registerStudioScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: studioScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Answers `vial-studio://app/...` from `rendererDir` (404 for a missing asset, index.html for other
 * unknown paths).
 *
 * @example
 * serveStudioScheme(join(root, "dist/renderer"));
 */
export function serveStudioScheme(rendererDir: string): void {
  protocol.handle(studioScheme, async (request) => {
    const wanted = rendererFileFor(rendererDir, request.url);
    // A missing asset (a stale chunk name) is a 404; only page routes fall back to index.html.
    if (!existsSync(wanted) && extname(wanted) !== "" && extname(wanted) !== ".html") {
      return new Response("Not found", { status: 404, headers: { "Content-Security-Policy": electronCsp } });
    }
    const file = existsSync(wanted) ? wanted : join(rendererDir, "index.html");
    const response = await net.fetch(pathToFileURL(file).href).catch(
      () => new Response(`The Studio's page is not built (${file} is missing). Run: node scripts/build.mjs`, { status: 503 }),
    );
    const headers = new Headers(response.headers);
    headers.set("Content-Security-Policy", electronCsp);
    headers.set("X-Content-Type-Options", "nosniff");
    return new Response(response.body, { status: response.status, headers });
  });
}
