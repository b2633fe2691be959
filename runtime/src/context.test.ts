import { describe, expect, it } from "vitest";
import { listenPerTest, quietApp } from "./__fixtures__/test-apps.js";
import { OUTSIDE_REQUEST } from "./globals.js";
import { g, request, urlFor } from "./index.js";

const listen = listenPerTest();

/** Resolves every waiter once `count` have arrived, the last arrival first, so the requests' awaits interleave. */
function gate(count: number): () => Promise<void> {
  const waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === count) {
        const release = async (): Promise<void> => {
          for (const wake of waiting.reverse()) {
            wake();
            await new Promise((next) => setTimeout(next, 1));
          }
        };
        void release();
      }
    });
}

describe("the request context across concurrent requests", () => {
  it("keeps each async view's own request and g while their awaits interleave", async () => {
    const app = quietApp();
    const count = 8;
    const arrived = gate(count);
    app.get("/item/<int:id>", async ({ id }) => {
      g.id = id;
      await arrived();
      const [path] = await Promise.all([new Promise((resolve) => setTimeout(resolve, 1)).then(() => request.path)]);
      return { id, tag: request.args.get("tag"), g: g.id, path, url: urlFor("item_page", { id }) };
    });
    app.get("/page/<int:id>", { endpoint: "item_page" }, ({ id }) => String(id));
    const base = await listen(app);

    const ids = Array.from({ length: count }, (_, i) => i + 1);
    const answers = await Promise.all(ids.map(async (id) => (await fetch(`${base}/item/${id}?tag=t${id}`)).json()));
    expect(answers).toEqual(ids.map((id) => ({ id, tag: `t${id}`, g: id, path: `/item/${id}`, url: `/page/${id}` })));
  });

  it("follows a plain view's promise chain and the async helpers it returns", async () => {
    const app = quietApp();
    const arrived = gate(6);
    async function describeRequest(): Promise<string> {
      await arrived();
      return `${request.method} ${request.path} ${request.args.get("n")}`;
    }
    app.get("/chain", () => arrived().then(() => ({ n: request.args.get("n") })));
    app.get("/helper", () => describeRequest());
    const base = await listen(app);

    const ns = [1, 2, 3];
    const [chains, helpers] = await Promise.all([
      Promise.all(ns.map(async (n) => (await fetch(`${base}/chain?n=${n}`)).json())),
      Promise.all(ns.map(async (n) => (await fetch(`${base}/helper?n=${n}`)).text())),
    ]);
    expect(chains).toEqual(ns.map((n) => ({ n: String(n) })));
    expect(helpers).toEqual(ns.map((n) => `GET /helper ${n}`));
  });

  it("ends with the request: a timer the view started sees no request, not another one", async () => {
    const app = quietApp();
    const seen: string[] = [];
    let timerRan: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => (timerRan = resolve));
    app.get("/late", () => {
      setTimeout(() => {
        try {
          seen.push(request.path);
        } catch (error) {
          seen.push((error as Error).message);
        }
        timerRan();
      }, 5);
      return "ok";
    });
    app.get("/other", async () => {
      await ran;
      return request.path;
    });
    const base = await listen(app);

    const [late, other] = await Promise.all([fetch(`${base}/late`), fetch(`${base}/other`)]);
    expect(await late.text()).toBe("ok");
    expect(await other.text()).toBe("/other");
    expect(seen).toEqual([OUTSIDE_REQUEST]);
  });
});
