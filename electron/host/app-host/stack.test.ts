import { describe, expect, it } from "vitest";
import { locateInProject, readableStack, templateLocation } from "./stack.js";

describe("locateInProject", () => {
  it("finds the first frame in the project's own files", () => {
    const stack = [
      "Error: boom",
      "    at Vial.dispatch (file:///repo/runtime/dist/app.js:10:3)",
      "    at handler (file:///p/src/routes.ts:12:9)",
      "    at file:///p/app.ts:3:1",
    ].join("\n");
    expect(locateInProject(stack, "/p")).toEqual({ file: "src/routes.ts", line: 12, column: 9 });
  });

  it("reads plain paths and skips node_modules and the build output", () => {
    const stack = [
      "TypeError: x is not a function",
      "    at /p/node_modules/lib/index.js:1:1",
      "    at /p/.vial/build/app.mjs:40:2",
      "    at Object.<anonymous> (/p/app.ts:7:15)",
    ].join("\n");
    expect(locateInProject(stack, "/p")).toEqual({ file: "app.ts", line: 7, column: 15 });
  });

  it("answers undefined when no frame is in the project", () => {
    expect(locateInProject("Error: x\n    at node:internal/main:1:1\n    at /elsewhere/a.js:1:1", "/p")).toBeUndefined();
  });
});

describe("templateLocation", () => {
  it("uses the template's file inside the project, else its name under templates/", () => {
    expect(templateLocation({ filename: "/p/blog/templates/post.html", name: "post.html", lineno: 4, column: 2 }, "/p")).toEqual({
      file: "blog/templates/post.html",
      line: 4,
      column: 2,
    });
    expect(templateLocation({ name: "index.html", lineno: 9 }, "/p")).toEqual({ file: "templates/index.html", line: 9 });
    expect(templateLocation({ lineno: 9 }, "/p")).toBeUndefined();
  });
});

describe("readableStack", () => {
  it("drops the module loader's and the child entry's frames and shortens project paths", () => {
    const stack = [
      "Error: config missing",
      "    at <anonymous> (/p/app.ts:3:7)",
      "    at handler (file:///p/src/routes.ts:9:1)",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)",
      "    at async start (file:///studio/dist/app-host/app-child.js:80:14)",
      "    at Vial.dispatch (file:///studio/runtime/dist/app.js:10:3)",
    ].join("\n");
    expect(readableStack(stack, "/p")).toBe(
      [
        "Error: config missing",
        "    at <anonymous> (app.ts:3:7)",
        "    at handler (src/routes.ts:9:1)",
        "    at Vial.dispatch (file:///studio/runtime/dist/app.js:10:3)",
      ].join("\n"),
    );
  });
});
