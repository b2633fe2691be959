import { describe, expect, it } from "vitest";
import { electronCsp, isStudioUrl, rendererFileFor } from "./studio-origin.js";

describe("isStudioUrl", () => {
  it("accepts only the Studio's own origin", () => {
    expect(isStudioUrl("vial-studio://app/index.html")).toBe(true);
    expect(isStudioUrl("vial-studio://app/")).toBe(true);
    for (const url of ["vial-studio://other/index.html", "https://app/", "file:///index.html", "http://127.0.0.1:5000/", "not a url", ""]) {
      expect(isStudioUrl(url), url).toBe(false);
    }
  });
});

describe("rendererFileFor", () => {
  const dir = "/opt/studio/dist/renderer";
  it("maps Studio URLs into the renderer folder", () => {
    expect(rendererFileFor(dir, "vial-studio://app/assets/index-1.js")).toBe(`${dir}/assets/index-1.js`);
    expect(rendererFileFor(dir, "vial-studio://app/")).toBe(`${dir}/index.html`);
  });

  it("never leaves the folder", () => {
    for (const url of [
      "vial-studio://app/../../etc/passwd",
      "vial-studio://app/%2e%2e/%2e%2e/etc/passwd",
      "vial-studio://app/..%2f..%2fetc/passwd",
      "vial-studio://app/assets/%00.js",
      "https://evil.example/x.js",
    ]) {
      expect(rendererFileFor(dir, url).startsWith(`${dir}/`), url).toBe(true);
    }
  });
});

describe("electronCsp", () => {
  it("allows only the Studio's own scripts and no remote content", () => {
    expect(electronCsp).toContain("script-src 'self'");
    expect(electronCsp).toContain("default-src 'self'");
    expect(electronCsp).toContain("object-src 'none'");
    expect(electronCsp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    expect(electronCsp).not.toContain("'unsafe-eval'");
  });
});
