/** The layouts a new page extends, in the order looked for (Flask's tutorial calls its layout base.html). */
export const layoutNames = ["base.html", "layout.html"] as const;

export interface Layout {
  /** Its template name (`base.html`). */
  name: string;
  source: string;
}

/**
 * The file a new template is created as: `templates/<name>`, with `.html` added when the name has no
 * extension (`blog` → `templates/blog.html`, `blog/post` → `templates/blog/post.html`).
 */
export function newTemplatePath(name: string): string {
  const trimmed = name.trim().replace(/^templates\//, "");
  const fileName = trimmed.split("/").pop() ?? trimmed;
  return `templates/${fileName.includes(".") ? trimmed : `${trimmed}.html`}`;
}

/** A page title from a file name: `templates/blog-post.html` → `Blog post`. */
export function pageTitle(path: string): string {
  const stem = (path.split("/").pop() ?? path).replace(/\.[^.]+$/, "").replace(/[-_\s]+/g, " ").trim();
  return stem === "" ? "Page" : stem[0]!.toUpperCase() + stem.slice(1);
}

/**
 * The first text of a new template. With a layout: `{% extends %}` it and fill the blocks a page is meant
 * to fill: `title`, and every block the layout leaves empty. A block with content in the layout is left
 * out, since an override in the page, even an empty one, would replace that content. Without a layout:
 * a minimal HTML document.
 */
export function newTemplateSource(path: string, layout?: Layout): string {
  const title = escapeText(pageTitle(path));
  if (layout === undefined) {
    return `<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1>\n</body>\n</html>\n`;
  }
  const lines = [`{% extends "${layout.name}" %}`];
  const blocks = layoutBlocks(layout.source).filter((block) => block.name === "title" || block.empty);
  const content = blocks.find((block) => block.name === "content") ?? blocks.find((block) => block.name !== "title");
  for (const block of blocks) {
    if (block.name === "title") lines.push(`{% block title %}${title}{% endblock %}`);
    else if (block === content) lines.push(`{% block ${block.name} %}`, `  <h1>${title}</h1>`, "{% endblock %}");
    else lines.push(`{% block ${block.name} %}`, "{% endblock %}");
  }
  return lines.join("\n") + "\n";
}

/**
 * The named blocks of a layout, in source order, each with whether its body is blank. Read from the Jinja
 * tags alone: a block may sit where HTML holds raw text (`<title>{% block title %}{% endblock %}</title>`).
 */
function layoutBlocks(source: string): { name: string; empty: boolean }[] {
  const found = new Map<string, boolean>();
  for (const match of source.matchAll(/\{%[-+]?\s*block\s+(\w+)[^%]*?[-+]?%\}(\s*\{%[-+]?\s*endblock\b)?/g)) {
    if (!found.has(match[1]!)) found.set(match[1]!, match[2] !== undefined);
  }
  return [...found].map(([name, empty]) => ({ name, empty }));
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
