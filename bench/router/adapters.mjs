// One shape for every router under test: build(routes) → lookup(method, path) → params | null.
import { existsSync } from "node:fs";
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

/**
 * The router kinds measured, the app's default first: it is the baseline of the router tables. Keep in
 * step with runtime/src/app.ts. Left out: `smart`, which with the built-in routers always picks the trie
 * (its numbers were the trie's, plus one forwarding call, and only added run time), and `linear`, the
 * reference implementation for the conformance suite, not a router an app would choose.
 */
export const vialRouterKinds = ["trie", "compiled"];

/** Vial's routers through the runtime's own factory, fed rules parsed the way the app parses them. */
async function vialRouters() {
  if (!existsSync(join(routerDist, "index.js"))) throw new Error("runtime/dist/router is missing: build the runtime first");
  const { createRouter, parseRule, defaultConverters } = await import(pathToFileURL(join(routerDist, "index.js")).href);
  if (typeof createRouter !== "function") throw new Error("runtime/dist/router/index.js exports no createRouter(kind)");
  return vialRouterKinds.map((kind) => ({
    id: `vial-${kind}`,
    label: kind === vialRouterKinds[0] ? `Vial (${kind}, default)` : `Vial (${kind})`,
    build(routes) {
      const router = createRouter(kind);
      for (const { method, path } of routes) router.add(method, parseRule(toWerkzeugRule(path), defaultConverters), path);
      return (method, path) => {
        const result = router.match(method, path);
        return result.type === "found" ? result.params : null;
      };
    },
  }));
}

/** @returns {Promise<RouterAdapter[]>} Vial's routers first, then find-my-way. */
export async function routerAdapters() {
  return [...(await vialRouters()), findMyWay()];
}
