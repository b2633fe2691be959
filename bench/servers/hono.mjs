// Hono 4 on @hono/node-server; Nunjucks for the page.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import nunjucks from "nunjucks";
import { helloJson, helloText, host, pageData, port, templatesDir } from "./shared.mjs";

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true });
const app = new Hono();

app.get("/", (c) => c.text(helloText));
app.get("/json", (c) => c.json(helloJson));
app.get("/users/:id{[0-9]+}/posts/:slug", (c) => c.json({ id: Number(c.req.param("id")), slug: c.req.param("slug") }));
app.get("/page", (c) => c.html(templates.render("page.html", pageData)));
app.post("/echo", async (c) => c.json(await c.req.json()));

serve({ fetch: app.fetch, port, hostname: host });
