// The app the fuzz suite attacks (runtime/fuzz/run.mjs bundles it and runs it as a child process):
// one route per part of Vial that reads client input. Every route is correct code, so any 5xx the
// fuzzer sees is Vial's fault, not the app's.
import { Vial, flash, getFlashedMessages, jsonify, redirect, renderTemplateString, request, session, urlFor } from "../../index.js";

const app = new Vial({ root: process.env.VIAL_FUZZ_ROOT ?? ".", templateFolder: null });
app.logger = { error: (...args: unknown[]) => console.error(...args), warn: () => undefined, info: () => undefined };
app.config.fromObject({ SECRET_KEY: "fuzz", MAX_CONTENT_LENGTH: 1024 * 1024, HEADERS_TIMEOUT: 2, REQUEST_TIMEOUT: 4 });

app.get("/", () => "hello");
app.get("/user/<int:id>", ({ id }) => ({ id }));
app.get("/p/<a>/<path:b>", ({ a, b }) => ({ a, b }));
app.get("/items/<uuid:id>/", ({ id }) => ({ id }));
app.get("/search", function search() {
  return { q: request.args.getAll("q"), page: request.args.get("page", 1, Number), path: request.path };
});
app.route("/json", { methods: ["POST", "PUT", "PATCH"] }, () => ({ echo: request.json }));
app.post("/silent", () => ({ echo: request.getJson({ silent: true, force: true }) ?? null }));
app.post("/form", async () => {
  const files = await Promise.all([...request.files].map(async ([name, file]) => ({ name, filename: file.name, size: (await file.arrayBuffer()).byteLength })));
  return { fields: request.form.toObject(), files };
});
app.post("/data", () => ({ size: request.data.byteLength }));
app.get("/cookies", () => {
  const res = jsonify(request.cookies.toObject());
  res.setCookie("last", request.args.get("v") ?? "", { httpOnly: true });
  return res;
});
app.route("/session", { methods: ["GET", "POST"] }, () => {
  session.n = Number(session.n ?? 0) + 1;
  if (request.args.has("flash")) flash(request.args.get("flash") ?? "", "info");
  return { n: session.n };
});
app.get("/flashes", () => ({ messages: getFlashedMessages({ withCategories: true }) }));
app.get("/go", () => redirect(urlFor("search", { q: request.args.get("q") ?? "" })));
app.get("/hello", () => renderTemplateString("<p>Hello {{ name }}! {{ request.args.get('x', '') }}</p>", { name: request.args.get("name") ?? "world" }));
app.get("/stream", () =>
  (async function* () {
    for (let i = 0; i < Math.min(Number(request.args.get("n", "3", Number)) || 0, 50); i++) yield `${i}\n`;
  })(),
);

process.on("message", (message) => {
  if (message !== "memory") return;
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 });
});

const server = await app.listen({ port: 0, host: "127.0.0.1" });
process.send?.({ port: server.port });
