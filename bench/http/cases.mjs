// The HTTP cases: what is requested and what every server must answer, byte for byte or value for value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import nunjucks from "nunjucks";

const benchDir = join(import.meta.dirname, "..");
const echoBody = readFileSync(join(benchDir, "fixtures/echo.json"), "utf8").trim();
const pageData = JSON.parse(readFileSync(join(benchDir, "fixtures/page.json"), "utf8"));
const expectedPage = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(benchDir, "templates")), {
  autoescape: true,
}).render("page.html", pageData);

/**
 * @typedef {object} HttpCase
 * @property {string} id
 * @property {string} title
 * @property {string} description
 * @property {"GET" | "POST"} method
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {{ status: number, mediaType: string, kind: "text" | "json" | "html", body: unknown }} expect
 */

/** @type {HttpCase[]} */
export const httpCases = [
  {
    id: "text",
    title: "GET / (plain text)",
    description: "A 13-byte text body: the cost of the framework itself.",
    method: "GET",
    path: "/",
    expect: { status: 200, mediaType: "text/plain", kind: "text", body: "Hello, World!" },
  },
  {
    id: "json",
    title: "GET /json (small JSON)",
    description: "A one-key object serialised to JSON.",
    method: "GET",
    path: "/json",
    expect: { status: 200, mediaType: "application/json", kind: "json", body: { message: "Hello, World!" } },
  },
  {
    id: "params",
    title: "GET /users/<int:id>/posts/<slug> (two params)",
    description: "Routing with an int-checked and a string parameter, both echoed as JSON.",
    method: "GET",
    path: "/users/42/posts/hello-world",
    expect: { status: 200, mediaType: "application/json", kind: "json", body: { id: 42, slug: "hello-world" } },
  },
  {
    id: "page",
    title: "GET /page (template page)",
    description: "A page extending a base layout, a loop of 100 rows, one include, autoescaped (~24 KB of HTML).",
    method: "GET",
    path: "/page",
    expect: { status: 200, mediaType: "text/html", kind: "html", body: expectedPage },
  },
  {
    id: "echo",
    title: "POST /echo (1 KiB JSON body)",
    description: "A 1 KiB JSON request body parsed and returned as JSON.",
    method: "POST",
    path: "/echo",
    headers: { "content-type": "application/json" },
    body: echoBody,
    expect: { status: 200, mediaType: "application/json", kind: "json", body: JSON.parse(echoBody) },
  },
];
