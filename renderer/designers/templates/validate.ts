/**
 * Checks for what the properties panel accepts, so a designer edit never writes markup that breaks
 * the template. Each returns an error message, or null when the value is fine. Pure.
 */

const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** A Jinja expression: not empty, brackets and quotes balanced, no tag delimiters. */
export function expressionError(value: string): string | null {
  if (value.trim() === "") return "Enter an expression.";
  if (/\{\{|\}\}|\{%|%\}|\{#|#\}/.test(value)) return "Leave out {{ }} and {% %}: the designer writes them.";
  const open: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "(" || char === "[" || char === "{") open.push(char);
    else if (char in PAIRS && open.pop() !== PAIRS[char]) return `Unbalanced "${char}".`;
  }
  if (quote) return "A string is not closed.";
  if (open.length > 0) return `"${open[open.length - 1]}" is not closed.`;
  return null;
}

/** What a tag's expression must look like, by keyword. */
export function tagExpressionError(keyword: string, value: string): string | null {
  const base = expressionError(value);
  if (base) return base;
  if (keyword === "for" && !/^\s*\(?\s*[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*\)?\s+in\s+\S/.test(value)) return 'A loop reads "item in items".';
  if (keyword === "block" && !/^\s*[A-Za-z_]\w*(\s+scoped)?(\s+required)?\s*$/.test(value)) return "A block name is a single identifier.";
  if ((keyword === "include" || keyword === "extends") && !/^\s*(['"]).+\1/.test(value) && !/^\s*[A-Za-z_]/.test(value)) return "Name a template, in quotes.";
  return null;
}

export function attributeNameError(name: string): string | null {
  if (name === "") return "Enter an attribute name.";
  if (!/^[^\s"'<>/={}]+$/.test(name)) return "Attribute names have no spaces, quotes, <, >, /, = or braces.";
  return null;
}

export function classesError(value: string): string | null {
  return /["'<>]/.test(value) ? "Class names have no quotes, < or >." : null;
}

export function textError(value: string): string | null {
  if (/[<>]/.test(value)) return "Text has no < or >: add elements from the palette.";
  if (/\{%|%\}|\{#/.test(value)) return "Add tags from the palette.";
  return null;
}
