/**
 * Serves the built renderer (dist/renderer) to the browser, with the Studio's Content-Security-Policy.
 * Unknown paths get index.html, so the single-page app can own its routes.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { rendererPath, studioCsp } from "../host/renderer-assets.js";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Headers every response of the browser-mode server carries.
 *
 * @example
 * for (const [name, value] of Object.entries(securityHeaders(4000))) response.setHeader(name, value);
 */
export function securityHeaders(port: number): Record<string, string> {
  return {
    "Content-Security-Policy": studioCsp([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}

async function fileAt(path: string): Promise<{ path: string; size: number } | undefined> {
  const stats = await stat(path).catch(() => undefined);
  return stats?.isFile() ? { path, size: stats.size } : undefined;
}

/**
 * Answers a GET or HEAD for `pathname` from `rendererDir`: the file if it exists inside the folder,
 * 404 for a missing asset, index.html for any other path; 503 with a hint when the renderer was never
 * built.
 *
 * @example
 * await serveRenderer(request, response, "/work/main/dist/renderer", url.pathname);
 */
export async function serveRenderer(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  pathname: string,
): Promise<void> {
  const { relative, file: candidate } = rendererPath(rendererDir, pathname);
  const found = candidate === undefined ? undefined : await fileAt(candidate);
  // A missing asset (a stale chunk name) is a 404; only page routes fall back to index.html.
  if (!found && extname(relative) !== "" && extname(relative) !== ".html") {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    response.end(`Not found: ${pathname}\n`);
    return;
  }
  const file = found ?? (await fileAt(join(rendererDir, "index.html")));
  if (!file) {
    response.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" });
    response.end(`The Studio's page is not built (no ${join(rendererDir, "index.html")}). Run: node scripts/build.mjs\n`);
    return;
  }
  const isIndex = file.path === join(rendererDir, "index.html");
  response.writeHead(200, {
    "Content-Type": contentTypes[extname(file.path).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": String(file.size),
    // Vite names assets by content hash; index.html must be fetched fresh to pick up a new build.
    "Cache-Control": !isIndex && relative.startsWith("assets") ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file.path).on("error", () => response.destroy()).pipe(response);
}
