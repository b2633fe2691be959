/**
 * Who may talk to the browser-mode Studio: requests addressed to our loopback host and port (no DNS
 * rebinding), from our own origin (no cross-site requests from other pages the user has open), and
 * carrying this launch's token.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The cookie that carries the token after the first load. */
export const tokenCookie = "vial_studio_token";

/** What a guard check decided. */
export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The value of cookie `name` in a Cookie header, if present.
 *
 * @example
 * cookieValue("a=1; vial_studio_token=abc", "vial_studio_token"); // "abc"
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Checks `Host` and `Origin`: the host must be `127.0.0.1:<port>` or `localhost:<port>`, and an
 * Origin, when sent, must be `http://` + that host.
 *
 * @example
 * checkAddress({ host: "evil.example:4000" }, 4000); // { ok: false, status: 403, ... }
 */
export function checkAddress(headers: IncomingHttpHeaders, port: number): GuardVerdict {
  const host = (headers.host ?? "").toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return { ok: false, status: 403, message: `Vial Studio answers only to 127.0.0.1:${port} and localhost:${port}.` };
  }
  const origin = headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return { ok: false, status: 403, message: "Requests from other sites are refused." };
  }
  return { ok: true };
}

/**
 * The answer to a request without a valid token.
 *
 * @example
 * response.writeHead(tokenRefusal.status).end(tokenRefusal.message);
 */
export const tokenRefusal = {
  ok: false,
  status: 401,
  message: "This Vial Studio needs its token: open the address it printed when it started (…/?token=…).",
} as const satisfies GuardVerdict;

/**
 * Checks the token, from the `vial_studio_token` cookie or the `X-Vial-Token` header.
 *
 * @example
 * checkToken({ "x-vial-token": token }, token); // { ok: true }
 */
export function checkToken(headers: IncomingHttpHeaders, token: string): GuardVerdict {
  const header = headers["x-vial-token"];
  const given = (typeof header === "string" ? header : undefined) ?? cookieValue(headers.cookie, tokenCookie);
  return given !== undefined && sameSecret(given, token) ? { ok: true } : tokenRefusal;
}

/**
 * True when `given` (from `?token=` on the first load) is this launch's token.
 *
 * @example
 * isToken(url.searchParams.get("token"), token);
 */
export function isToken(given: string | null, token: string): boolean {
  return given !== null && sameSecret(given, token);
}
