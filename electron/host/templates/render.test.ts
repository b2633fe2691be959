import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildUrl, renderTemplateForCanvas } from "./render.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "vial-template-render-"));
  await mkdir(join(dir, "templates"), { recursive: true });
  await mkdir(join(dir, "static"), { recursive: true });
  await mkdir(join(dir, ".vial/samples"), { recursive: true });
  await writeFile(join(dir, "templates/base.html"), `<html><head><link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}"></head><body>{% block content %}{% endblock %}</body></html>`);
  await writeFile(join(dir, "static/style.css"), "h1 { color: red }");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deps = (urlMap: { endpoint: string; methods: string[]; rule: string }[] | null = null) => ({ projectDir: () => dir, urlMap: () => urlMap });

describe("renderTemplateForCanvas", () => {
  it("renders the editor's text with the layout from disk, sample data and inlined styles", async () => {
    await writeFile(join(dir, ".vial/samples/index.html.json"), JSON.stringify({ items: ["a", "<b>"] }));
    const source = `{% extends "base.html" %}{% block content %}<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul><a href="{{ url_for('post', id=3, page=2) }}">x</a>{% endblock %}`;
    const result = await renderTemplateForCanvas(deps([{ endpoint: "post", methods: ["GET"], rule: "/posts/<int:id>" }]), { name: "index.html", source });
    expect(result.error).toBeNull();
    expect(result.samplesPath).toBe(".vial/samples/index.html.json");
    expect(result.html).toContain("<li>a</li><li>&lt;b&gt;</li>");
    expect(result.html).toContain('href="/posts/3?page=2"');
    expect(result.html).toContain("<style>h1 { color: red }</style>");
  });

  it("reports template errors with the line and bad sample files clearly", async () => {
    const broken = await renderTemplateForCanvas(deps(), { name: "index.html", source: "line one\n{% if %}" });
    expect(broken.html).toBeNull();
    expect(broken.error).toMatch(/index\.html:2/);
    await writeFile(join(dir, ".vial/samples/index.html.json"), "[1,");
    await expect(renderTemplateForCanvas(deps(), { name: "index.html", source: "x" })).rejects.toThrow(/not valid JSON/);
  });

  it("refuses template names that leave the project", async () => {
    await expect(renderTemplateForCanvas(deps(), { name: "../../etc/passwd", source: "x" })).rejects.toThrow(/not a template name/);
    await expect(renderTemplateForCanvas(deps(), { name: "/abs.html", source: "x" })).rejects.toThrow(/not a template name/);
  });
});

describe("buildUrl", () => {
  it("fills rule parts and puts the rest in the query", () => {
    expect(buildUrl("/static/<path:filename>", { filename: "css/a b.css" })).toBe("/static/css/a%20b.css");
    expect(buildUrl("/u/<name>", { name: "ada", _external: true, q: "x" })).toBe("/u/ada?q=x");
  });
});
