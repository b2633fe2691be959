/**
 * The Studio window's own origin in Electron (`vial-studio://app`), and the pure checks built on it:
 * which URLs are the Studio's, which file a request maps to, and the page's Content-Security-Policy.
 * No Electron import, so it is unit-tested in plain Node.
 */
import { join } from "node:path";
import { rendererPath, studioCsp } from "../host/renderer-assets.js";

/** The privileged scheme the renderer is served from. */
export const studioScheme = "vial-studio";

/** The origin of the Studio's page. */
export const studioOrigin = `${studioScheme}://app`;

/**
 * True when `url` belongs to the Studio's own page (its origin, any path).
 *
 * @example
 * isStudioUrl("vial-studio://app/index.html"); // true
 * isStudioUrl("https://example.com/"); // false
 */
export function isStudioUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${studioScheme}:` && parsed.host === "app";
}

/**
 * The file of the built renderer a Studio URL asks for, or index.html for unknown and unsafe paths.
 *
 * @example
 * rendererFileFor("/app/dist/renderer", "vial-studio://app/assets/index.js"); // "/app/dist/renderer/assets/index.js"
 */
export function rendererFileFor(rendererDir: string, url: string): string {
  const index = join(rendererDir, "index.html");
  return (isStudioUrl(url) && rendererPath(rendererDir, new URL(url).pathname).file) || index;
}

/**
 * The policy of the Studio window: {@link studioCsp}, with nothing to connect to beyond 'self'.
 *
 * @example
 * new Response(body, { headers: { "Content-Security-Policy": electronCsp } });
 */
export const electronCsp = studioCsp();
