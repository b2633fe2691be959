import { describe, expect, it } from "vitest";
import { newTemplatePath, newTemplateSource, pageTitle } from "./new-template";
import websiteLayout from "../../../resources/starters/website/templates/base.html?raw";

describe("newTemplatePath", () => {
  it("puts the name under templates/ and adds .html only when there is no extension", () => {
    expect(newTemplatePath("blog")).toBe("templates/blog.html");
    expect(newTemplatePath(" blog/post ")).toBe("templates/blog/post.html");
    expect(newTemplatePath("feed.xml")).toBe("templates/feed.xml");
    expect(newTemplatePath("templates/about.html")).toBe("templates/about.html");
  });
});

describe("pageTitle", () => {
  it("reads the file name as words", () => {
    expect(pageTitle("templates/blog-post.html")).toBe("Blog post");
    expect(pageTitle("templates/my_account.html")).toBe("My account");
    expect(pageTitle("templates/.html")).toBe("Page");
  });
});

describe("newTemplateSource", () => {
  it("extends the Website starter's layout, filling its title and its empty content block", () => {
    expect(newTemplateSource("templates/blog.html", { name: "base.html", source: websiteLayout })).toBe(
      '{% extends "base.html" %}\n{% block title %}Blog{% endblock %}\n{% block content %}\n  <h1>Blog</h1>\n{% endblock %}\n',
    );
  });

  it("leaves out a block the layout fills, so the page keeps the layout's content there", () => {
    const layout = "<head>{% block head %}<link rel=stylesheet href=a.css>{% endblock %}</head>\n<main>{% block main %}\n{% endblock %}</main>\n{% block scripts %}{% endblock %}";
    expect(newTemplateSource("templates/shop/cart.html", { name: "layout.html", source: layout })).toBe(
      '{% extends "layout.html" %}\n{% block main %}\n  <h1>Cart</h1>\n{% endblock %}\n{% block scripts %}\n{% endblock %}\n',
    );
  });

  it("writes a plain HTML document when there is no layout, with the title escaped", () => {
    const source = newTemplateSource("templates/q&a.html");
    expect(source).toContain("<title>Q&amp;a</title>");
    expect(source).toContain("<h1>Q&amp;a</h1>");
    expect(source.startsWith("<!doctype html>")).toBe(true);
  });
});
