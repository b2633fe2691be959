import { describe, expect, it } from "vitest";
import { parseWebServerArgs, projectFromElectronArgv } from "./launch-args.js";

describe("projectFromElectronArgv", () => {
  it("takes the project from a packaged app's command line, relative to where it ran", () => {
    expect(projectFromElectronArgv({ argv: ["/opt/Vial Studio/vial-studio", "my-app"], cwd: "/home/me", packaged: true })).toBe("/home/me/my-app");
    expect(projectFromElectronArgv({ argv: ["/opt/vial-studio", "/srv/site"], cwd: "/home/me", packaged: true })).toBe("/srv/site");
  });

  it("skips the app path in development and Chromium's switches from a second instance", () => {
    expect(
      projectFromElectronArgv({
        argv: ["/repo/node_modules/electron/dist/electron", "dist/electron/main.js", "--allow-file-access-from-files", "../other-app", "--original-process-start-time=1"],
        cwd: "/home/me/work",
        packaged: false,
      }),
    ).toBe("/home/me/other-app");
  });

  it("gives nothing when no project is named", () => {
    expect(projectFromElectronArgv({ argv: ["/opt/vial-studio"], cwd: "/", packaged: true })).toBeUndefined();
    expect(projectFromElectronArgv({ argv: ["electron", "."], cwd: "/", packaged: false })).toBeUndefined();
    expect(projectFromElectronArgv({ argv: ["/opt/vial-studio", "--inspect"], cwd: "/", packaged: true })).toBeUndefined();
  });
});

describe("parseWebServerArgs", () => {
  it("reads the flags, in both forms, resolving folders against the cwd", () => {
    expect(parseWebServerArgs([], "/home/me")).toEqual({ port: 0 });
    expect(parseWebServerArgs(["--port", "4000", "--project", "my-app", "--user-data=/tmp/ud"], "/home/me")).toEqual({
      port: 4000,
      project: "/home/me/my-app",
      userData: "/tmp/ud",
    });
  });

  it("refuses bad input with a message saying what to do", () => {
    expect(() => parseWebServerArgs(["--port", "http"], "/")).toThrow(/--port must be a number from 0 to 65535/);
    expect(() => parseWebServerArgs(["--port", "70000"], "/")).toThrow(/--port/);
    expect(() => parseWebServerArgs(["--project"], "/")).toThrow(/--project needs a value/);
    expect(() => parseWebServerArgs(["--verbose"], "/")).toThrow(/Unknown argument "--verbose"\. Usage/);
  });
});
