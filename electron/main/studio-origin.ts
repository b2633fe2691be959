/**
 * The Studio window's own origin in Electron (`vial-studio://app`), and the pure checks built on it:
 * which URLs are the Studio's, which file a request maps to, and the page's Content-Security-Policy.
 * No Electron import, so it is unit-tested in plain Node.
 */
import { join, normalize, sep } from "node:path";

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
  if (!isStudioUrl(url)) return index;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return index;
  }
  if (pathname.includes("\0")) return index;
  const relative = normalize(pathname).replace(/^([\\/]|\.\.([\\/]|$))+/, "");
  const file = join(rendererDir, relative);
  return relative !== "" && file.startsWith(rendererDir + sep) ? file : index;
}

/**
 * The policy of the Studio window: its own scripts only; Monaco's workers from 'self' or blob:; inline
 * styles (Monaco and React set them); the user's app framed from loopback only; nothing remote.
 *
 * @example
 * new Response(body, { headers: { "Content-Security-Policy": electronCsp } });
 */
export const electronCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
