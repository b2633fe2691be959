// Vial from its build, as a user's app would import it: templates from bench/templates via renderTemplate.
import { Response, Vial, renderTemplate, request } from "vial";
import { benchDir, echoLimit, helloJson, helloText, host, pageData, port } from "./shared.mjs";

const app = new Vial({ root: benchDir, staticFolder: null });
app.config.MAX_CONTENT_LENGTH = echoLimit;

app.get("/", () => new Response(helloText, { mimetype: "text/plain" }));
app.get("/json", () => helloJson);
app.get("/users/<int:id>/posts/<slug>", ({ id, slug }) => ({ id, slug }));
app.get("/page", () => renderTemplate("page.html", pageData));
app.post("/echo", () => request.json);

await app.listen({ port, host });
