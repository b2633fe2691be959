/**
 * Vial's Jinja2 engine: the public surface.
 */
export { Environment, Template, TemplateModule, type EnvironmentOptions, type OriginLabeler } from "./environment.js";
export { ORIGIN_ATTRIBUTE } from "./origin-marks.js";
export { ChoiceLoader, DictLoader, FileSystemLoader, FunctionLoader, PrefixLoader, type Loader, type TemplateFileReader, type TemplateSource } from "./loaders.js";
export { escape, Markup } from "./markup.js";
export {
  TemplateAssertionError, TemplateError, TemplateNotFound, TemplateRuntimeError, TemplatesNotFound, TemplateSyntaxError, UndefinedError,
  type TemplatePosition,
} from "./errors.js";
export { parse, type ParseOptions } from "./parser.js";
export { tokenize, type Token, type TokenType } from "./lexer.js";
export type * from "./nodes.js";
export { ChainableUndefined, DebugUndefined, Kwargs, StrictUndefined, Undefined, withSignature, type Signature } from "./values.js";
export { htmlSafeJson } from "./formatting.js";
