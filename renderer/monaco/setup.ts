/**
 * Monaco, set up once at boot: workers bundled by Vite (no CDN), the HTML + Jinja language, the two
 * Studio themes, TypeScript options for Vial apps and Vial's own type declarations.
 */
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import CssWorker from "monaco-editor/language/css/css.worker?worker";
import HtmlWorker from "monaco-editor/language/html/html.worker?worker";
import JsonWorker from "monaco-editor/language/json/json.worker?worker";
import TsWorker from "monaco-editor/language/typescript/ts.worker?worker";
import {
  jinjaCompletionContext,
  jinjaLanguageConfiguration,
  jinjaMonarch,
  jinjaSuggestions,
  type JinjaSuggestion,
} from "./jinja";
import { JINJA_LANGUAGE_ID, type ModelHost } from "./models";
import { registerVialTypes } from "./vial-types";

export type Monaco = typeof monaco;
export type MonacoModel = monaco.editor.ITextModel;

export const STUDIO_THEMES = { light: "vial-light", dark: "vial-dark" } as const;

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

function workerFor(label: string): Worker {
  if (label === "typescript" || label === "javascript") return new TsWorker();
  if (label === "json") return new JsonWorker();
  if (label === "css" || label === "scss" || label === "less") return new CssWorker();
  if (label === "html" || label === "handlebars" || label === "razor" || label === JINJA_LANGUAGE_ID) return new HtmlWorker();
  return new EditorWorker();
}

function defineThemes(): void {
  const jinjaRules = (dark: boolean): monaco.editor.ITokenThemeRule[] => [
    { token: "delimiter.jinja", foreground: dark ? "c586c0" : "af00db", fontStyle: "bold" },
    { token: "keyword.jinja", foreground: dark ? "c586c0" : "af00db" },
    { token: "predefined.jinja", foreground: dark ? "dcdcaa" : "795e26" },
    { token: "variable.jinja", foreground: dark ? "9cdcfe" : "001080" },
    { token: "string.jinja", foreground: dark ? "ce9178" : "a31515" },
    { token: "number.jinja", foreground: dark ? "b5cea8" : "098658" },
    { token: "comment.jinja", foreground: dark ? "6a9955" : "008000", fontStyle: "italic" },
  ];
  monaco.editor.defineTheme(STUDIO_THEMES.light, {
    base: "vs",
    inherit: true,
    rules: jinjaRules(false),
    colors: { "editor.background": "#ffffff", "editorLineNumber.foreground": "#9ca3af" },
  });
  monaco.editor.defineTheme(STUDIO_THEMES.dark, {
    base: "vs-dark",
    inherit: true,
    rules: jinjaRules(true),
    colors: { "editor.background": "#1e1f24", "editorLineNumber.foreground": "#5c6370" },
  });
}

const SUGGESTION_KINDS: Record<JinjaSuggestion["kind"], monaco.languages.CompletionItemKind> = {
  template: monaco.languages.CompletionItemKind.File,
  global: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

function registerJinja(templateNames: () => readonly string[]): void {
  monaco.languages.register({
    id: JINJA_LANGUAGE_ID,
    extensions: [".html", ".htm", ".jinja", ".jinja2", ".j2"],
    aliases: ["HTML (Jinja)", "jinja"],
    mimetypes: ["text/html"],
  });
  monaco.languages.setMonarchTokensProvider(JINJA_LANGUAGE_ID, jinjaMonarch);
  monaco.languages.setLanguageConfiguration(JINJA_LANGUAGE_ID, jinjaLanguageConfiguration);
  // HTML tag and attribute completion, hovers and folding in templates; no HTML formatter or
  // validator, which do not understand Jinja tags and would mangle or flag them.
  monaco.html.registerHTMLLanguageService(JINJA_LANGUAGE_ID, undefined, {
    completionItems: true,
    hovers: true,
    documentSymbols: true,
    links: true,
    documentHighlights: true,
    rename: true,
    colors: false,
    foldingRanges: true,
    diagnostics: false,
    selectionRanges: true,
    documentFormattingEdits: false,
    documentRangeFormattingEdits: false,
  });
  monaco.languages.registerCompletionItemProvider(JINJA_LANGUAGE_ID, {
    triggerCharacters: ['"', "'", " ", "{", "/"],
    provideCompletionItems(model, position) {
      const before = model.getValueInRange({
        startLineNumber: position.lineNumber,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const context = jinjaCompletionContext(before);
      const range = new monaco.Range(
        position.lineNumber,
        position.column - (context.kind === "none" ? 0 : context.typed.length),
        position.lineNumber,
        position.column,
      );
      return {
        suggestions: jinjaSuggestions(context, templateNames()).map((suggestion) => ({
          label: suggestion.label,
          detail: suggestion.detail,
          kind: SUGGESTION_KINDS[suggestion.kind],
          insertText: suggestion.insertText,
          insertTextRules: suggestion.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          range,
        })),
      };
    },
  });
}

function configureTypeScript(): void {
  const defaults = monaco.typescript.typescriptDefaults;
  defaults.setCompilerOptions({
    target: monaco.typescript.ScriptTarget.ESNext,
    module: monaco.typescript.ModuleKind.ESNext,
    moduleResolution: monaco.typescript.ModuleResolutionKind.NodeJs,
    strict: true,
    esModuleInterop: true,
    allowNonTsExtensions: true,
    allowImportingTsExtensions: true,
    noEmit: true,
  });
  defaults.setEagerModelSync(true);
}

export interface MonacoSetupOptions {
  /** Template names of the open project, for `{% extends "` completion. */
  templateNames: () => readonly string[];
}

let initialized = false;

/** Prepares Monaco once (later calls are no-ops) and returns it. */
export function setupMonaco(options: MonacoSetupOptions): Monaco {
  if (initialized) return monaco;
  initialized = true;
  window.MonacoEnvironment = { getWorker: (_id, label) => workerFor(label) };
  defineThemes();
  registerJinja(options.templateNames);
  configureTypeScript();
  registerVialTypes(monaco.typescript.typescriptDefaults);
  return monaco;
}

/** The {@link ModelHost} that monaco/models.ts creates models through. */
export const monacoModelHost: ModelHost<MonacoModel> = {
  createModel: (value, languageId, uri) => monaco.editor.createModel(value, languageId, monaco.Uri.parse(uri)),
};
