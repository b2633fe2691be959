/**
 * Template errors. Each carries where it happened (template name, 1-based line and column, the source line)
 * so the debug page and the Studio can point at it. Messages follow Jinja2's wording.
 */

/**
 * Where in a template something went wrong.
 * @example
 * const where: TemplatePosition = { templateName: "page.html", lineno: 3, column: 7, sourceLine: "  {{ user.name }}" };
 */
export interface TemplatePosition {
  templateName?: string | undefined;
  filename?: string | undefined;
  lineno?: number | undefined;
  column?: number | undefined;
  sourceLine?: string | undefined;
}

/**
 * Base class of every template error.
 * @example
 * try { env.getTemplate("x.html").render(); } catch (e) { if (e instanceof TemplateError) console.log(e.lineno); }
 */
export class TemplateError extends Error {
  templateName?: string | undefined;
  filename?: string | undefined;
  lineno?: number | undefined;
  column?: number | undefined;
  sourceLine?: string | undefined;

  constructor(message: string, position: TemplatePosition = {}) {
    super(message);
    this.name = new.target.name;
    this.setPosition(position);
  }

  /** Fills in position fields that are still unknown (the innermost template wins). */
  setPosition(position: TemplatePosition): void {
    this.templateName ??= position.templateName;
    this.filename ??= position.filename;
    this.lineno ??= position.lineno;
    this.column ??= position.column;
    this.sourceLine ??= position.sourceLine;
  }
}

/**
 * The template source is not valid Jinja.
 * @example
 * new TemplateSyntaxError("unexpected '}'", { lineno: 1, column: 4 })
 */
export class TemplateSyntaxError extends TemplateError {}

/**
 * A template uses a filter or test that does not exist, or imports a private name.
 * @example
 * new TemplateAssertionError("No filter named 'nope'.", { lineno: 3 })
 */
export class TemplateAssertionError extends TemplateSyntaxError {}

/**
 * No loader found the template.
 * @example
 * new TemplateNotFound("missing.html")
 */
export class TemplateNotFound extends TemplateError {
  /** The name that was asked for. */
  readonly templateNameRequested: string;
  constructor(name: string, message?: string) {
    super(message ?? name);
    this.templateNameRequested = name;
  }
}

/**
 * None of several candidate templates exists (`{% include ["a", "b"] %}`, `select_template`).
 * @example
 * new TemplatesNotFound(["a.html", "b.html"])
 */
export class TemplatesNotFound extends TemplateNotFound {
  readonly templates: string[];
  constructor(names: string[], message?: string) {
    super(names[names.length - 1] ?? "", message ?? `none of the templates given were found: ${names.join(", ")}`);
    this.templates = names;
  }
}

/**
 * An undefined value was used in a way that needs a real one (attribute access, calling, strict mode).
 * @example
 * new UndefinedError("'user' is undefined")
 */
export class UndefinedError extends TemplateError {}

/**
 * A template failed while rendering (a required block, a bad macro call, a failed type operation).
 * @example
 * new TemplateRuntimeError("Required block 'content' not found.")
 */
export class TemplateRuntimeError extends TemplateError {}
