// Fastify 5 with its defaults (find-my-way routing, built-in JSON body parser); Nunjucks for the page.
import Fastify from "fastify";
import nunjucks from "nunjucks";
import { echoLimit, helloJson, helloText, host, pageData, port, templatesDir } from "./shared.mjs";

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true });
const app = Fastify({ logger: false, bodyLimit: echoLimit });

app.get("/", () => helloText);
app.get("/json", () => helloJson);
app.get("/users/:id(^\\d+)/posts/:slug", (request) => ({ id: Number(request.params.id), slug: request.params.slug }));
app.get("/page", (_request, reply) => reply.type("text/html; charset=utf-8").send(templates.render("page.html", pageData)));
app.post("/echo", (request) => request.body);

await app.listen({ port, host });
