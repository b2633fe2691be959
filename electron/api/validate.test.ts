import { describe, expect, it } from "vitest";
import { isMethodName, validateRequest } from "./validate.js";

describe("validateRequest", () => {
  it("returns the checked request for a known method", () => {
    expect(validateRequest("files.write", { path: "app.ts", content: "x", expectedMtimeMs: 12.5 })).toEqual({
      path: "app.ts",
      content: "x",
      expectedMtimeMs: 12.5,
    });
    expect(validateRequest("studio.info", undefined)).toEqual({});
  });

  it("refuses names outside the contract, including inherited object keys", () => {
    for (const name of ["files.nuke", "toString", "__proto__", "constructor", ""]) {
      expect(isMethodName(name), name).toBe(false);
      expect(() => validateRequest(name, {})).toThrow(expect.objectContaining({ code: "unknown-method" }));
    }
  });

  it("says which field is wrong and what it must be", () => {
    expect(() => validateRequest("files.read", {})).toThrow("request.path is required.");
    expect(() => validateRequest("files.read", { path: 1 })).toThrow("request.path must be a project-relative path");
    expect(() => validateRequest("files.create", { path: "a", kind: "link" })).toThrow('request.kind must be one of "file", "dir".');
    expect(() => validateRequest("files.write", { path: "a", content: "x", expectedMtimeMs: Number.NaN })).toThrow(/expectedMtimeMs must be a finite number/);
    expect(() => validateRequest("projects.open", { dir: "  " })).toThrow(/request\.dir must be a folder path/);
    expect(() => validateRequest("projects.create", { starter: "blank", name: ".hidden" })).toThrow(/request\.name must be a name/);
  });

  it("refuses unknown fields, even ones named like Object's own properties", () => {
    expect(() => validateRequest("files.read", { path: "a", toString: "x" })).toThrow('request has an unknown field "toString".');
    expect(() => validateRequest("files.read", JSON.parse('{"path":"a","__proto__":{"polluted":true}}'))).toThrow(/unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses paths with NUL bytes before they reach the file system", () => {
    expect(() => validateRequest("files.read", { path: "app.ts\0" })).toThrow(expect.objectContaining({ code: "bad-request" }));
  });
});
