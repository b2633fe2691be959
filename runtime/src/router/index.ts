export type { Router, RouteMatch } from "./router.js";
export { RuleEntry, UnsupportedPathError } from "./router.js";
export { parseRule, compareRules, RuleError, type ParsedRule, type RulePart } from "./rule.js";
export { defaultConverters, ValidationError, type Converter, type ConverterArgs, type ConverterSpec } from "./converters.js";
export { CompiledRouter } from "./compiled/router.js";
export { LinearRouter } from "./linear/router.js";
export { TrieRouter } from "./trie/router.js";
export { SmartRouter } from "./smart/router.js";
export { createRouter, type RouterKind } from "./create.js";
