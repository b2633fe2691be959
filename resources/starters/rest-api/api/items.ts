import { Blueprint, abort, request } from "vial";

/** One to-do item as the API stores and returns it. */
export interface Item {
  id: number;
  title: string;
  done: boolean;
}

// An in-memory list: it resets when the server restarts. Swap it for a database when you are ready.
const store: Item[] = [
  { id: 1, title: "Read the Vial docs", done: true },
  { id: 2, title: "Build an API", done: false },
];
let nextId = 3;

export const items = new Blueprint("items", { urlPrefix: "/api/items" });

function findItem(id: number): Item {
  const item = store.find((candidate) => candidate.id === id);
  if (!item) abort(404, `There is no item ${id}.`);
  return item;
}

function readItemFields(partial: boolean): Partial<Omit<Item, "id">> {
  const body = request.json;
  if (typeof body !== "object" || body === null || Array.isArray(body)) abort(400, "Send a JSON object.");
  const { title, done } = body as Record<string, unknown>;
  if (title !== undefined && (typeof title !== "string" || title.trim() === "")) abort(400, "title must be a non-empty string.");
  if (done !== undefined && typeof done !== "boolean") abort(400, "done must be true or false.");
  if (!partial && title === undefined) abort(400, "title is required.");
  return { ...(title !== undefined ? { title: title.trim() } : {}), ...(done !== undefined ? { done } : {}) };
}

items.get("/", function list() {
  const done = request.args.get("done");
  if (done === undefined) return store;
  return store.filter((item) => String(item.done) === done);
});

items.get("/<int:id>", function detail({ id }) {
  return findItem(id);
});

items.post("/", function create() {
  const fields = readItemFields(false);
  const item: Item = { id: nextId++, title: fields.title ?? "", done: fields.done ?? false };
  store.push(item);
  return [item, 201, { Location: `/api/items/${item.id}` }];
});

items.route("/<int:id>", { methods: ["PUT", "PATCH"], endpoint: "update" }, function update({ id }) {
  const item = findItem(id);
  Object.assign(item, readItemFields(request.method === "PATCH"));
  return item;
});

items.delete("/<int:id>", function remove({ id }) {
  const item = findItem(id);
  store.splice(store.indexOf(item), 1);
  return ["", 204];
});
