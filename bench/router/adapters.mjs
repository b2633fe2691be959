// One shape for every router under test: build(routes) → lookup(method, path) → params | null.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { toWerkzeugRule } from "./routes.mjs";

const routerDist = join(import.meta.dirname, "../../runtime/dist/router");
const require = createRequire(import.meta.url);

/**
 * @typedef {object} RouterAdapter
 * @property {string} id
 * @property {string} label
 * @property {(routes: { method: string, path: string }[]) => (method: string, path: string) => Record<string, unknown> | null} build
 */

/** @returns {RouterAdapter} */
function findMyWay() {
  const FindMyWay = require("find-my-way");
  return {
    id: "find-my-way",
    label: "find-my-way",
    build(routes) {
      const router = FindMyWay();
      const handler = () => undefined;
      for (const { method, path } of routes) router.on(method, path, handler);
      return (method, path) => router.find(method, path)?.params ?? null;
    },
  };
}

/** Each Vial router in runtime/dist/router/<name>/router.js, fed rules parsed the way the app parses them. */
async function vialRouters() {
  if (!existsSync(join(routerDist, "rule.js"))) throw new Error("runtime/dist/router is missing: build the runtime first");
  const { parseRule } = await import(pathToFileURL(join(routerDist, "rule.js")).href);
  const { defaultConverters } = await import(pathToFileURL(join(routerDist, "converters.js")).href);
  const adapters = [];
  for (const name of readdirSync(routerDist, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const file = join(routerDist, name, "router.js");
    if (!existsSync(file)) continue;
    const module = await import(pathToFileURL(file).href);
    for (const RouterClass of Object.values(module)) {
      if (typeof RouterClass !== "function" || typeof RouterClass.prototype?.match !== "function") continue;
      adapters.push({
        id: `vial-${name}`,
        label: `Vial (${name})`,
        build(routes) {
          const router = new RouterClass();
          for (const { method, path } of routes) router.add(method, parseRule(toWerkzeugRule(path), defaultConverters), path);
          return (method, path) => {
            const result = router.match(method, path);
            return result.type === "found" ? result.params : null;
          };
        },
      });
    }
  }
  return adapters;
}

/** @returns {Promise<RouterAdapter[]>} Vial's routers first, then find-my-way. */
export async function routerAdapters() {
  return [...(await vialRouters()), findMyWay()];
}
