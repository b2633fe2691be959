/**
 * Runs in a spare child before it is needed: a throwaway app serves a few templated requests, so the
 * runtime's routing, response and template code is compiled by V8 before the user's first request
 * after a restart (which the preview makes right away) has to pay for it.
 */

/** The part of the runtime the warm-up uses. */
export interface WarmUpRuntime {
  Vial?: new (opts: { name: string }) => {
    get(rule: string, handler: () => unknown): unknown;
    fetch(request: Request): Promise<{ text(): Promise<string> }>;
  };
  renderTemplateString?: (source: string, context: Record<string, unknown>) => string;
}

const template = `<ul>{% for item in items %}<li class="{{ loop.index }}">{{ item.name|title }} {{ item.text|e }}</li>{% endfor %}</ul>`;
const items = Array.from({ length: 20 }, (_, i) => ({ name: `item ${i}`, text: "<b>warm</b>" }));

/**
 * Never throws: a runtime that cannot warm up still runs the user's app.
 *
 * @example
 * await warmUp(await import(runtimeUrl));
 */
export async function warmUp(runtime: WarmUpRuntime, rounds = 30): Promise<void> {
  try {
    const { Vial, renderTemplateString } = runtime;
    if (Vial === undefined) return;
    const app = new Vial({ name: "vial-studio-warm-up" });
    app.get("/", () => (renderTemplateString ? renderTemplateString(template, { items }) : "ok"));
    for (let i = 0; i < rounds; i++) await (await app.fetch(new Request("http://127.0.0.1/"))).text();
  } catch {
    // Warming up is an optimisation only.
  }
}
