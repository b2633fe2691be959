import { describe, expect, it } from "vitest";
import { Config } from "./config.js";
import { Vial } from "./index.js";

describe("Config", () => {
  it("starts with Flask's defaults", () => {
    const config = new Config();
    expect([config.DEBUG, config.SESSION_COOKIE_NAME, config.SESSION_COOKIE_HTTPONLY, config.SESSION_COOKIE_SAMESITE, config.PERMANENT_SESSION_LIFETIME]).toEqual([
      false,
      "session",
      true,
      "Lax",
      31 * 24 * 3600,
    ]);
  });

  it("starts with safe limits", () => {
    const config = new Config();
    const keys = ["MAX_CONTENT_LENGTH", "MAX_FORM_MEMORY_SIZE", "MAX_FORM_PARTS", "MAX_JSON_DEPTH", "MAX_URL_LENGTH", "MAX_HEADER_SIZE", "MAX_HEADER_COUNT", "HEADERS_TIMEOUT", "REQUEST_TIMEOUT", "KEEP_ALIVE_TIMEOUT"];
    expect(keys.map((key) => config[key])).toEqual([16 * 1024 * 1024, 500_000, 1000, 512, 8192, 16_384, 100, 10, 30, 5]);
  });

  it("takes only UPPER_CASE keys from objects", () => {
    const config = new Config().fromObject({ SECRET_KEY: "k", lower: 1, MAX_CONTENT_LENGTH: 10 });
    expect([config.SECRET_KEY, config.lower, config.MAX_CONTENT_LENGTH]).toEqual(["k", undefined, 10]);
  });

  it("reads prefixed environment variables as JSON when they parse", () => {
    const config = new Config().fromEnv("VIAL", { VIAL_DEBUG: "true", VIAL_MAX_CONTENT_LENGTH: "1024", VIAL_SECRET_KEY: "plain text", VIAL_DB__HOST: "db", OTHER: "x" });
    expect([config.DEBUG, config.MAX_CONTENT_LENGTH, config.SECRET_KEY, config.DB, config.OTHER]).toEqual([true, 1024, "plain text", { HOST: "db" }, undefined]);
  });

  it("loads files through the injected reader, relative to the root", () => {
    const files: Record<string, string> = { "/app/config.json": '{"SECRET_KEY":"from-file","ignored":1}', "/app/bad.json": "[1]" };
    const config = new Config({ root: "/app", read: (path) => files[path] });
    expect(config.fromFile("config.json")).toBe(true);
    expect(config.SECRET_KEY).toBe("from-file");
    expect(config.fromFile("missing.json", { silent: true })).toBe(false);
    expect(() => config.fromFile("missing.json")).toThrow("Unable to load configuration file (file not found): /app/missing.json");
    expect(() => config.fromFile("bad.json")).toThrow(/must contain an object/);
    expect(config.fromFile("/app/config.json", { load: () => ({ DEBUG: true }) })).toBe(true);
    expect(config.DEBUG).toBe(true);
  });

  it("mirrors app.debug and app.testing into the config", () => {
    const app = new Vial({ root: "/nonexistent", staticFolder: null });
    app.debug = true;
    app.testing = true;
    expect([app.config.DEBUG, app.config.TESTING]).toEqual([true, true]);
    app.config.DEBUG = false;
    expect(app.debug).toBe(false);
  });
});
