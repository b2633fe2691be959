// Vial from its build, as a user's app would import it; the page goes through Vial's Jinja engine.
import { Response, Vial, request } from "vial";
import { nodeFileReader } from "vial/node";
import { Environment, FileSystemLoader } from "../../runtime/dist/templating/index.js";
import { benchDir, echoLimit, helloJson, helloText, host, pageData, port, templatesDir } from "./shared.mjs";

const app = new Vial({ root: benchDir, staticFolder: null });
app.config.MAX_CONTENT_LENGTH = echoLimit;
const templates = new Environment({ loader: new FileSystemLoader(nodeFileReader, templatesDir), autoescape: true });

app.get("/", () => new Response(helloText, { mimetype: "text/plain" }));
app.get("/json", () => helloJson);
app.get("/users/<int:id>/posts/<slug>", ({ id, slug }) => ({ id, slug }));
app.get("/page", () => templates.getTemplate("page.html").render(pageData));
app.post("/echo", () => request.json);

await app.listen({ port, host });
