import { Vial, flash, redirect, renderTemplate, request, urlFor } from "vial";

export const app = new Vial({ root: import.meta.dirname });
// SECRET_KEY signs the session cookie that carries flashed messages. This one is for development only:
// in production set VIAL_SECRET_KEY to a long random value; fromEnv reads every VIAL_* variable.
app.config.SECRET_KEY = "dev-only-change-me";
app.config.fromEnv("VIAL");

app.get("/", function index() {
  return renderTemplate("index.html", {
    features: [
      { title: "Templates", text: "Jinja templates with layouts, blocks and macros." },
      { title: "Forms", text: "Read form fields, validate them and flash a message." },
      { title: "Static files", text: "CSS, images and scripts served from static/." },
    ],
  });
});

app.get("/about", function about() {
  return renderTemplate("about.html");
});

app.route("/contact", { methods: ["GET", "POST"] }, function contact() {
  if (request.method === "GET") return renderTemplate("contact.html", { form: {} });
  const name = (request.form.get("name") ?? "").trim();
  const message = (request.form.get("message") ?? "").trim();
  if (name === "" || message === "") {
    flash("Please fill in your name and a message.", "error");
    return [renderTemplate("contact.html", { form: { name, message } }), 400];
  }
  flash(`Thanks, ${name}! Your message has been received.`, "success");
  return redirect(urlFor("contact"));
});
