// Route tables for the router micro-benchmark, written once in a neutral `:name` syntax and translated
// for each router. The 100-route table is shaped like a real app (a site plus a GitHub-style API); the
// 10,000-route table mounts it 100 times under /api/m<k> (blueprints with a common /api prefix).

const site = ["/", "/about", "/login", "/logout", "/signup", "/health", "/feed", "/search", "/explore", "/pricing",
  "/contact", "/notifications", "/settings", "/settings/profile", "/settings/security", "/settings/billing",
  "/docs", "/docs/:section", "/docs/:section/:page", "/blog", "/blog/:year/:slug", "/tags/:tag"];

const repo = "/repos/:owner/:repo";
const api = [
  "/users/:username", "/users/:username/repos", "/users/:username/followers", "/users/:username/following",
  "/users/:username/starred", "/users/:username/gists", "/orgs/:org", "/orgs/:org/repos", "/orgs/:org/members",
  "/orgs/:org/members/:username", "/orgs/:org/teams", "/orgs/:org/teams/:team", "/gists/:gist",
  "/gists/:gist/comments", "/gists/:gist/comments/:comment", "/teams/:team/members",
  repo, `${repo}/issues`, `${repo}/issues/:number`, `${repo}/issues/:number/comments`, `${repo}/issues/:number/labels`,
  `${repo}/pulls`, `${repo}/pulls/:number`, `${repo}/pulls/:number/files`, `${repo}/pulls/:number/commits`,
  `${repo}/pulls/:number/reviews`, `${repo}/commits`, `${repo}/commits/:sha`, `${repo}/branches`,
  `${repo}/branches/:branch`, `${repo}/tags`, `${repo}/releases`, `${repo}/releases/latest`, `${repo}/releases/:id`,
  `${repo}/contributors`, `${repo}/stargazers`, `${repo}/forks`, `${repo}/hooks`, `${repo}/hooks/:id`,
  `${repo}/labels`, `${repo}/labels/:name`, `${repo}/milestones`, `${repo}/milestones/:number`,
  `${repo}/collaborators`, `${repo}/collaborators/:username`, `${repo}/readme`, `${repo}/languages`,
  `${repo}/topics`, `${repo}/deployments`, `${repo}/deployments/:id`, `${repo}/actions/runs`,
  `${repo}/actions/runs/:run`, `${repo}/actions/workflows`, `${repo}/actions/workflows/:workflow`,
];

const writes = [
  ["POST", "/login"], ["POST", "/signup"], ["POST", "/settings/profile"], ["POST", "/orgs/:org/repos"],
  ["PUT", "/orgs/:org/members/:username"], ["DELETE", "/orgs/:org/members/:username"], ["POST", "/gists/:gist/comments"],
  ["PATCH", "/gists/:gist/comments/:comment"], ["POST", `${repo}/issues`], ["PATCH", `${repo}/issues/:number`],
  ["POST", `${repo}/issues/:number/comments`], ["POST", `${repo}/issues/:number/labels`], ["POST", `${repo}/pulls`],
  ["PATCH", `${repo}/pulls/:number`], ["POST", `${repo}/pulls/:number/reviews`], ["POST", `${repo}/releases`],
  ["PATCH", `${repo}/releases/:id`], ["DELETE", `${repo}/releases/:id`], ["POST", `${repo}/forks`],
  ["POST", `${repo}/hooks`], ["DELETE", `${repo}/hooks/:id`], ["POST", `${repo}/labels`], ["DELETE", `${repo}/labels/:name`],
  ["PUT", `${repo}/collaborators/:username`],
];

/** @type {{ method: string, path: string }[]} exactly 100 (method, path) pairs */
export const routes100 = [
  ...site.map((path) => ({ method: "GET", path })),
  ...api.map((path) => ({ method: "GET", path })),
  ...writes.map(([method, path]) => ({ method, path })),
];
if (routes100.length !== 100) throw new Error(`the realistic table must hold 100 routes, it holds ${routes100.length}`);

/** @type {{ method: string, path: string }[]} */
export const routes10000 = Array.from({ length: 100 }, (_, k) =>
  routes100.map(({ method, path }) => ({ method, path: `/api/m${k}${path === "/" ? "" : path}` })),
).flat();

/** What each lookup must find: the route's params, or null for a miss. */
const lookups100 = [
  { method: "GET", path: "/", params: {} },
  { method: "GET", path: "/settings/profile", params: {} },
  { method: "GET", path: "/users/octocat", params: { username: "octocat" } },
  { method: "GET", path: "/blog/2026/hello-world", params: { year: "2026", slug: "hello-world" } },
  { method: "GET", path: "/repos/vial/vial/issues/42", params: { owner: "vial", repo: "vial", number: "42" } },
  { method: "GET", path: "/repos/vial/vial/pulls/7/files", params: { owner: "vial", repo: "vial", number: "7" } },
  { method: "GET", path: "/repos/vial/vial/releases/latest", params: { owner: "vial", repo: "vial" } },
  { method: "GET", path: "/repos/vial/vial/actions/runs/991", params: { owner: "vial", repo: "vial", run: "991" } },
  { method: "POST", path: "/repos/vial/vial/issues", params: { owner: "vial", repo: "vial" } },
  { method: "GET", path: "/nothing/here/at/all", params: null },
];

/** Lookups spread over the first, a middle and the last module of the big table. */
const lookups10000 = [0, 57, 99].flatMap((k) =>
  lookups100.map((l) => ({ ...l, path: `/api/m${k}${l.path === "/" ? "" : l.path}` })),
);

export const tables = {
  100: { routes: routes100, lookups: lookups100 },
  10000: { routes: routes10000, lookups: lookups10000 },
};

/** `:name` → Werkzeug's `<name>`. */
export function toWerkzeugRule(path) {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "<$1>");
}
