import { afterEach, describe, expect, it } from "vitest";
import type { ListeningServer } from "../adapter/node.js";
import { Vial } from "../app.js";
import { Blueprint } from "../blueprint.js";
import { CORS, type CorsOptions } from "./cors.js";

const servers: ListeningServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Served {
  url: string;
  calls: string[];
}

async function serve(options: CorsOptions | undefined, setup?: (app: Vial) => void): Promise<Served> {
  const app = new Vial({ root: "/nonexistent", staticFolder: null });
  const calls: string[] = [];
  if (setup) setup(app);
  else new CORS(app, options);
  app.route("/items", { methods: ["GET", "POST"], endpoint: "items" }, () => {
    calls.push("items");
    return { items: [] };
  });
  const server = await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(server);
  return { url: server.url, calls };
}

function preflight(url: string, origin: string, method: string, headers?: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": method,
      ...(headers === undefined ? {} : { "Access-Control-Request-Headers": headers }),
    },
  });
}

describe("CORS", () => {
  it("allows any origin by default with *", async () => {
    const { url } = await serve({});
    const res = await fetch(`${url}/items`, { headers: { Origin: "https://a.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("vary")).toBeNull();
  });

  it("adds nothing to requests without an Origin", async () => {
    const { url } = await serve({});
    const res = await fetch(`${url}/items`);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight with 204 before the handler runs, reflecting the asked-for headers", async () => {
    const { url, calls } = await serve({ maxAge: 600 });
    const res = await preflight(`${url}/items`, "https://a.example", "PUT", "X-Token, Content-Type");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, POST, OPTIONS, PUT, PATCH, DELETE");
    expect(res.headers.get("access-control-allow-headers")).toBe("X-Token, Content-Type");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("vary")).toContain("Access-Control-Request-Headers");
    expect(calls).toEqual([]);
  });

  it("echoes only listed origins (strings and patterns) and says Vary: Origin", async () => {
    const { url } = await serve({ origins: ["https://app.example", /^https:\/\/[a-z]+\.example\.org$/] });
    for (const origin of ["https://app.example", "https://docs.example.org"]) {
      const res = await fetch(`${url}/items`, { headers: { Origin: origin } });
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("vary")).toContain("Origin");
    }
    const other = await fetch(`${url}/items`, { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const refused = await preflight(`${url}/items`, "https://evil.example", "POST");
    expect(refused.status).not.toBe(204);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("with credentials, echoes the origin instead of * and allows credentials", async () => {
    const { url } = await serve({ credentials: true });
    const res = await fetch(`${url}/items`, { headers: { Origin: "https://a.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://a.example");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    const pre = await preflight(`${url}/items`, "https://a.example", "POST");
    expect(pre.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("uses fixed allowed headers, exposed headers and methods when given", async () => {
    const { url } = await serve({ methods: ["get", "post"], allowHeaders: ["Content-Type"], exposeHeaders: ["X-Total"] });
    const pre = await preflight(`${url}/items`, "https://a.example", "POST", "X-Other");
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(pre.headers.get("access-control-allow-headers")).toBe("Content-Type");
    const notAllowed = await preflight(`${url}/items`, "https://a.example", "DELETE");
    expect(notAllowed.status).not.toBe(204);
    expect(notAllowed.headers.get("access-control-allow-methods")).toBeNull();
    const res = await fetch(`${url}/items`, { headers: { Origin: "https://a.example" } });
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Total");
  });

  it("decorates error responses too, so the browser can read them", async () => {
    const { url } = await serve({});
    const res = await fetch(`${url}/missing`, { headers: { Origin: "https://a.example" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("supports the initApp factory pattern, one extension object for several apps", async () => {
    const cors = new CORS(undefined, { origins: "https://app.example" });
    const first = await serve(undefined, (app) => cors.initApp(app));
    const second = await serve(undefined, (app) => cors.initApp(app));
    for (const { url } of [first, second]) {
      const res = await fetch(`${url}/items`, { headers: { Origin: "https://app.example" } });
      expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    }
  });

  it("can be limited to one blueprint", async () => {
    const { url } = await serve(undefined, (app) => {
      const api = new Blueprint("api", { urlPrefix: "/api" });
      new CORS(api);
      api.get("/ping", function ping() {
        return { ok: true };
      });
      api.route("/items", { methods: ["POST", "OPTIONS"] }, function addItem() {
        return [{ added: true }, 201];
      });
      app.registerBlueprint(api);
    });
    const api = await fetch(`${url}/api/ping`, { headers: { Origin: "https://a.example" } });
    expect(api.headers.get("access-control-allow-origin")).toBe("*");
    const pre = await preflight(`${url}/api/items`, "https://a.example", "POST", "X-Token");
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toBe("X-Token");
    const site = await fetch(`${url}/items`, { headers: { Origin: "https://a.example" } });
    expect(site.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a maxAge that is not a number of seconds", () => {
    expect(() => new CORS(undefined, { maxAge: -1 })).toThrow("CORS maxAge must be a number of seconds (0 or more), not -1.");
    expect(() => new CORS(undefined, { maxAge: Number.NaN })).toThrow(/not NaN/);
  });

  it("tells whether an origin is allowed by a function", () => {
    const cors = new CORS(undefined, { origins: (origin) => origin.endsWith(".test") });
    expect(cors.allows("http://a.test")).toBe(true);
    expect(cors.allows("http://a.example")).toBe(false);
  });
});
