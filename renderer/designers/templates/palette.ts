/**
 * The components the palette offers, as the markup each inserts. Pure: the view decides where.
 */

export interface PaletteContext {
  /** The endpoint a form posts to (`url_for` is filled in with it). */
  endpoint: string;
}

export interface PaletteItem {
  id: string;
  label: string;
  markup(context: PaletteContext): string;
}

/** Quotes a value for a Jinja string literal. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export const paletteItems: readonly PaletteItem[] = [
  { id: "section", label: "Section", markup: () => '<section class="section">\n  <h2>Section title</h2>\n</section>' },
  { id: "heading", label: "Heading", markup: () => "<h2>Heading</h2>" },
  { id: "paragraph", label: "Paragraph", markup: () => "<p>Some text.</p>" },
  { id: "image", label: "Image", markup: () => `<img src="{{ url_for('static', filename='image.png') }}" alt="Describe the image">` },
  { id: "link", label: "Link", markup: () => '<a href="#">Link text</a>' },
  { id: "button", label: "Button", markup: () => '<button type="button">Button</button>' },
  { id: "list", label: "List", markup: () => "<ul>\n  {% for item in items %}\n    <li>{{ item }}</li>\n  {% endfor %}\n</ul>" },
  {
    id: "table",
    label: "Table (loop)",
    markup: () =>
      "<table>\n  <thead>\n    <tr><th>Name</th><th>Value</th></tr>\n  </thead>\n  <tbody>\n    {% for row in rows %}\n      <tr><td>{{ row.name }}</td><td>{{ row.value }}</td></tr>\n    {% endfor %}\n  </tbody>\n</table>",
  },
  {
    id: "form",
    label: "Form",
    markup: ({ endpoint }) =>
      `<form method="post" action="{{ url_for(${literal(endpoint)}) }}">\n  <label for="name">Name</label>\n  <input id="name" name="name" required>\n  <button type="submit">Send</button>\n</form>`,
  },
  {
    id: "nav",
    label: "Navigation bar",
    markup: () => `<nav class="nav">\n  <a href="{{ url_for('index') }}">Home</a>\n</nav>`,
  },
  { id: "card", label: "Card", markup: () => '<article class="card">\n  <h3>Card title</h3>\n  <p>Card text.</p>\n</article>' },
  { id: "if", label: "{% if %}", markup: () => "{% if condition %}\n  <p>Shown when the condition holds.</p>\n{% endif %}" },
  { id: "for", label: "{% for %}", markup: () => "{% for item in items %}\n  <p>{{ item }}</p>\n{% endfor %}" },
  { id: "block", label: "{% block %}", markup: () => "{% block name %}\n{% endblock %}" },
  { id: "include", label: "{% include %}", markup: () => '{% include "partial.html" %}' },
];

export function paletteItem(id: string): PaletteItem | undefined {
  return paletteItems.find((item) => item.id === id);
}
