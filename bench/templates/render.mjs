// Renders bench/templates/page.html with one engine in a fresh process for a fixed time; prints one JSON line.
// Usage: node bench/templates/render.mjs <vial|nunjucks> <seconds>
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import nunjucks from "nunjucks";

const benchDir = join(import.meta.dirname, "..");
const templatesDir = join(benchDir, "templates");
const pageData = JSON.parse(readFileSync(join(benchDir, "fixtures/page.json"), "utf8"));
const [engine, seconds = "1"] = process.argv.slice(2);

/** Both engines cache compiled templates; each iteration looks the page up by name and renders it. */
async function renderer(name) {
  if (name === "nunjucks") {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true });
    return () => env.getTemplate("page.html").render(pageData);
  }
  if (name === "vial") {
    const { Environment, DictLoader } = await import(pathToFileURL(join(benchDir, "../runtime/dist/templating/index.js")).href);
    const sources = Object.fromEntries(
      readdirSync(templatesDir).filter((f) => f.endsWith(".html")).map((f) => [f, readFileSync(join(templatesDir, f), "utf8")]),
    );
    const env = new Environment({ loader: new DictLoader(sources), autoescape: true });
    return () => env.getTemplate("page.html").render(pageData);
  }
  throw new Error(`unknown engine "${name}"`);
}

const render = await renderer(engine);
const expected = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true }).render("page.html", pageData);
const output = render();
if (output !== expected) {
  let i = 0;
  while (i < output.length && output[i] === expected[i]) i++;
  throw new Error(`${engine} renders page.html differently from Nunjucks/Jinja2 at character ${i}: ${JSON.stringify(output.slice(Math.max(0, i - 60), i + 60))}\nexpected ${JSON.stringify(expected.slice(Math.max(0, i - 60), i + 60))}`);
}

let bytes = 0;
function loop(ms) {
  let count = 0;
  let elapsed = 0;
  const started = performance.now();
  while (elapsed < ms) {
    for (let i = 0; i < 20; i++) bytes += render().length;
    count += 20;
    elapsed = performance.now() - started;
  }
  return { count, elapsed };
}
loop(Number(seconds) * 500);
const { count, elapsed } = loop(Number(seconds) * 1000);
process.stdout.write(JSON.stringify({ rendersPerSecond: (count * 1000) / elapsed, usPerRender: (elapsed * 1000) / count, renders: count, outputBytes: output.length, bytes }) + "\n");
