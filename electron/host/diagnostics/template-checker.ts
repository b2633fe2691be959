/**
 * Jinja syntax errors of the project's templates, found with the runtime's own parser (so the Studio
 * and the app agree on what is valid). Only parse errors count: an unknown filter or test is not one,
 * since the app may register it (`templateFilter`), so it surfaces when the template renders.
 */
import { parse, TemplateSyntaxError } from "../../../runtime/src/templating/index.js";
import type { Diagnostic } from "./types.js";

const templateFile = /\.(html?|xhtml|xml|svg|jinja2?|j2|txt)$/i;

/**
 * True for a file the template loaders would serve: one with a template extension inside a folder
 * named `templates` (the app's, or a blueprint's template folder).
 *
 * @example
 * isTemplatePath("templates/base.html"); // true
 * isTemplatePath("static/style.css");    // false
 */
export function isTemplatePath(path: string): boolean {
  const parts = path.split("/");
  return templateFile.test(path) && parts.slice(0, -1).includes("templates");
}

/**
 * The syntax error of one template, if it has one.
 *
 * @example
 * checkTemplate("templates/index.html", "{% if user %}hello"); // [{ line: 1, source: "template", ... }]
 */
export function checkTemplate(path: string, source: string): Diagnostic[] {
  try {
    parse(source, { name: path });
    return [];
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    return [{ path, line: error.lineno ?? 1, column: error.column ?? 1, severity: "error", message: error.message, source: "template" }];
  }
}
