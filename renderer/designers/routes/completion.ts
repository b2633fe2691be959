import * as monaco from "monaco-editor";
import { templateNamesFromPaths } from "../../monaco/jinja";
import { JINJA_LANGUAGE_ID } from "../../monaco/models";
import { filePaths } from "../../state/workspace";
import type { Studio } from "../../studio";
import { completionContext, endpointSuggestions } from "./model";
import { routesStoreFor } from "./routes-store";

/**
 * Completion that knows the project: endpoint names (with their parameters) in `urlFor("` and
 * `url_for('`, template names in `renderTemplate("`, in TypeScript files and templates alike.
 *
 * @example
 * registerRouteCompletion(studio);
 */
export function registerRouteCompletion(studio: Studio): void {
  const store = routesStoreFor(studio);
  for (const language of ["typescript", JINJA_LANGUAGE_ID]) {
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ['"', "'"],
      async provideCompletionItems(model, position) {
        const line = model.getLineContent(position.lineNumber);
        const context = completionContext(line.slice(0, position.column - 1));
        if (context.kind === "none") return { suggestions: [] };
        const closes = line[position.column - 1] === context.quote;
        const range = new monaco.Range(position.lineNumber, position.column - context.typed.length, position.lineNumber, position.column + (closes ? 1 : 0));
        if (context.kind === "template") {
          const names = templateNamesFromPaths(filePaths(studio.workspace.state.get().tree));
          return {
            suggestions: names.map((name) => ({ label: name, kind: monaco.languages.CompletionItemKind.File, insertText: `${name}${context.quote}`, range })),
          };
        }
        if (store.state.get().index === null) await store.refresh();
        const routes = store.state.get().index?.routes ?? [];
        return {
          suggestions: endpointSuggestions(routes, context.quote, language === "typescript" ? "typescript" : "jinja").map((suggestion) => ({
            label: suggestion.label,
            detail: suggestion.detail,
            kind: monaco.languages.CompletionItemKind.Reference,
            insertText: suggestion.insertText,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
          })),
        };
      },
    });
  }
}
