/**
 * What the Studio's page is served with, in Electron (custom protocol) and in browser mode (HTTP) alike:
 * one Content-Security-Policy and one safe mapping from a request path to a file of the built renderer.
 */
import { join, normalize, sep } from "node:path";

/**
 * The policy of the Studio's page: its own scripts only; Monaco's workers from 'self' or blob:; inline
 * styles (Monaco and React set them); the user's app framed from loopback only; nothing remote.
 * `connect` adds sources the page may connect to (browser mode's WebSocket back to its server).
 *
 * @example
 * studioCsp(["ws://127.0.0.1:4000"]);
 */
export function studioCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...connect].join(" "),
    "frame-src http://127.0.0.1:* http://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Maps a URL pathname to the built renderer: `relative` is the decoded path with leading slashes and
 * `..` steps removed ("" when it cannot be decoded), `file` the file it names when that stays inside
 * `rendererDir` (undefined for the folder itself, a NUL byte or an escape).
 *
 * @example
 * rendererPath("/app/dist/renderer", "/assets/index.js"); // { relative: "assets/index.js", file: "/app/dist/renderer/assets/index.js" }
 */
export function rendererPath(rendererDir: string, pathname: string): { relative: string; file: string | undefined } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { relative: "", file: undefined };
  }
  const relative = normalize(decoded).replace(/^([\\/]|\.\.([\\/]|$))+/, "");
  const file = join(rendererDir, relative);
  const inside = relative !== "" && !decoded.includes("\0") && file.startsWith(rendererDir + sep);
  return { relative, file: inside ? file : undefined };
}
