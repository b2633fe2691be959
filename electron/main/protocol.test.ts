import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

type Handler = (request: Request) => Promise<Response>;

const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>(), privileged: [] as unknown[] }));

vi.mock("electron", () => ({
  protocol: {
    handle: (scheme: string, handler: Handler) => fake.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
  },
  // Electron's net.fetch reads file:// URLs; this stand-in does the same from disk.
  net: { fetch: async (url: string) => new Response(readFileSync(fileURLToPath(url)), { headers: { "Content-Type": "text/plain" } }) },
}));

const { registerStudioScheme, serveStudioScheme } = await import("./protocol.js");

const scratch = mkdtempSync(join(tmpdir(), "vial-protocol-"));
const rendererDir = join(scratch, "renderer");
mkdirSync(join(rendererDir, "assets"), { recursive: true });
writeFileSync(join(rendererDir, "index.html"), "INDEX");
writeFileSync(join(rendererDir, "assets", "app.js"), "APP");
writeFileSync(join(scratch, "secret.txt"), "TOP-SECRET");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the vial-studio:// scheme", () => {
  registerStudioScheme();
  serveStudioScheme(rendererDir);
  const handle = fake.handlers.get("vial-studio")!;
  const get = (url: string) => handle(new Request(url));

  it("is a standard, secure scheme, so the page has an origin and 'self' works", () => {
    expect(fake.privileged).toEqual([{ scheme: "vial-studio", privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it("serves the renderer with the CSP on every response", async () => {
    const asset = await get("vial-studio://app/assets/app.js");
    expect(await asset.text()).toBe("APP");
    expect(asset.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const route = await get("vial-studio://app/some/route");
    expect(await route.text()).toBe("INDEX");
    expect(route.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
  });

  it("answers a missing asset with 404 and never serves files outside the renderer", async () => {
    expect((await get("vial-studio://app/assets/gone.js")).status).toBe(404);
    for (const url of ["vial-studio://app/../secret.txt", "vial-studio://app/%2e%2e/secret.txt", "vial-studio://app/..%2fsecret.txt"]) {
      const response = await get(url);
      expect(await response.text(), url).not.toContain("TOP-SECRET");
    }
  });
});
