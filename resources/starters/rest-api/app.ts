import { HTTPException, Vial } from "vial";
import { items } from "./api/items.js";

export const app = new Vial({ root: import.meta.dirname });

app.registerBlueprint(items);

// Every HTTP error, from abort() or from routing (404, 405), answers in JSON: clients of an API never
// have to parse an HTML error page.
app.errorHandler(HTTPException, (error: HTTPException) => [
  { error: error.name, message: error.description, status: error.code },
  error.code,
]);

app.get("/", function index() {
  return {
    name: "Items API",
    endpoints: app.urlMap().filter((route) => route.endpoint !== "static"),
  };
});
