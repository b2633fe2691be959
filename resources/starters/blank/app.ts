import { Vial } from "vial";

export const app = new Vial({ root: import.meta.dirname });

app.get("/", function index() {
  return "<h1>Hello from Vial!</h1><p>Edit <code>app.ts</code> and save: the page reloads with your change.</p>";
});
