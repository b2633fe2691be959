// Express 5 with express.json(); Nunjucks for the page.
import express from "express";
import nunjucks from "nunjucks";
import { echoLimit, helloJson, helloText, host, intParam, pageData, port, templatesDir } from "./shared.mjs";

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true });
const app = express();
app.disable("x-powered-by");
app.disable("etag");

app.get("/", (_req, res) => res.type("text/plain").send(helloText));
app.get("/json", (_req, res) => res.json(helloJson));
app.get("/users/:id/posts/:slug", (req, res, next) => {
  if (!intParam.test(req.params.id)) return next();
  res.json({ id: Number(req.params.id), slug: req.params.slug });
});
app.get("/page", (_req, res) => res.type("html").send(templates.render("page.html", pageData)));
app.post("/echo", express.json({ limit: echoLimit }), (req, res) => res.json(req.body));

app.listen(port, host);
