/**
 * Finds where in the user's own files an error happened, from a (source-mapped) stack trace.
 */
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TemplatePosition } from "./protocol.js";
import type { SourceLocation } from "./types.js";

const frame = /^\s*at (?:.*?\()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?\s*$/;

function toPath(file: string): string | undefined {
  if (file.startsWith("file://")) return fileURLToPath(file);
  return isAbsolute(file) ? file : undefined;
}

/**
 * The first stack frame inside the project (skipping node_modules and the Studio's build output), as
 * a project-relative location.
 *
 * @example
 * locateInProject("Error: boom\n    at file:///p/app.ts:3:9", "/p"); // { file: "app.ts", line: 3, column: 9 }
 */
export function locateInProject(stack: string, projectRoot: string): SourceLocation | undefined {
  for (const line of stack.split("\n")) {
    const match = frame.exec(line);
    if (match === null) continue;
    const path = toPath(match[1] ?? "");
    if (path === undefined) continue;
    const rel = relative(projectRoot, path);
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    const parts = rel.split(sep);
    if (parts.includes("node_modules") || (parts[0] === ".vial" && parts[1] === "build")) continue;
    return { file: parts.join("/"), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/**
 * A template error's position as a project location: its file when the loader read one inside the
 * project, else `templates/<name>` (the app's template folder, where most templates live).
 *
 * @example
 * templateLocation({ filename: "/p/templates/index.html", lineno: 4 }, "/p"); // { file: "templates/index.html", line: 4 }
 */
export function templateLocation(template: TemplatePosition, projectRoot: string): SourceLocation | undefined {
  const rel = template.filename === undefined ? undefined : relative(projectRoot, template.filename);
  const file = rel !== undefined && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : template.name === undefined ? undefined : `templates/${template.name}`;
  if (file === undefined) return undefined;
  return template.column === undefined ? { file, line: template.lineno } : { file, line: template.lineno, column: template.column };
}

/**
 * A stack trace as the user wants to read it: the frames of Node's module loader and of the Studio's
 * child entry removed, and the project's own paths shown relative to the project.
 *
 * @example
 * readableStack("Error: x\n    at f (/p/app.ts:3:7)\n    at ModuleJob.run (node:internal/modules/esm/module_job:1:1)", "/p");
 * // "Error: x\n    at f (app.ts:3:7)"
 */
export function readableStack(stack: string, projectRoot: string): string {
  const prefixes = [`${pathToFileURL(projectRoot).href}/`, `${projectRoot}${sep}`];
  return stack
    .split("\n")
    .filter((line) => !(frame.test(line) && (/\(node:internal\/|at node:internal\//.test(line) || /[\\/]app-host[\\/]app-child\.js:/.test(line))))
    .map((line) => (frame.test(line) ? prefixes.reduce((text, prefix) => text.replaceAll(prefix, ""), line) : line))
    .join("\n");
}
