// The ceiling: node:http with hand-written routing, no framework.
import { Buffer } from "node:buffer";
import { createServer } from "node:http";
import nunjucks from "nunjucks";
import { echoLimit, helloJson, helloText, host, pageData, port, templatesDir } from "./shared.mjs";

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true });
const paramsRoute = /^\/users\/(\d+)\/posts\/([^/]+)$/;

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function echo(req, res) {
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > echoLimit) req.destroy();
    else chunks.push(chunk);
  });
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      send(res, 400, "text/plain; charset=utf-8", "Bad Request");
      return;
    }
    send(res, 200, "application/json", JSON.stringify(body));
  });
}

createServer((req, res) => {
  const url = req.url ?? "/";
  const path = url.includes("?") ? url.slice(0, url.indexOf("?")) : url;
  if (req.method === "GET" || req.method === "HEAD") {
    if (path === "/") return send(res, 200, "text/plain; charset=utf-8", helloText);
    if (path === "/json") return send(res, 200, "application/json", JSON.stringify(helloJson));
    if (path === "/page") return send(res, 200, "text/html; charset=utf-8", templates.render("page.html", pageData));
    const params = paramsRoute.exec(path);
    if (params !== null) {
      return send(res, 200, "application/json", JSON.stringify({ id: Number(params[1]), slug: decodeURIComponent(params[2]) }));
    }
  } else if (req.method === "POST" && path === "/echo") {
    return echo(req, res);
  }
  send(res, 404, "text/plain; charset=utf-8", "Not Found");
}).listen(port, host);
