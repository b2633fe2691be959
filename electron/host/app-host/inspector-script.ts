/**
 * The inspect tool's in-page half, appended to every HTML page the previewed app serves (see
 * inspector.ts). It stays idle until the Studio starts it; then it outlines the element under the
 * pointer with a label naming the template line that wrote it (the runtime's `data-vial-src` origin
 * marks, on the element or its nearest marked ancestor), and a click picks that line instead of
 * reaching the page. Escape cancels.
 *
 * Two ways in, one per preview surface:
 * - browser mode (an iframe on another origin): the Studio posts `{ vialInspect: "start" }` or
 *   `{ vialInspect: "stop" }`; the page answers its parent, at the origin that asked, with
 *   `{ vialInspect: "hover", source }` while hovering and `{ vialInspect: "picked", source }` at the end
 *   (`source` null when cancelled);
 * - Electron (a top-level view): `window.__vialInspect.start()` resolves with the picked source (or
 *   null), `window.__vialInspect.stop()` cancels.
 *
 * It is plain ES2017 in a string because it runs in the user's page, not in the Studio.
 */
export const inspectorScript = `(() => {
  if (window.__vialInspect) return;
  const ATTRIBUTE = "data-vial-src";
  let session = null;

  function marked(target) {
    const element = target instanceof Element ? target : target && target.parentElement;
    return element ? element.closest("[" + ATTRIBUTE + "]") : null;
  }

  function overlay() {
    const root = document.createElement("div");
    root.id = "__vial-inspect";
    root.setAttribute("style", "position:fixed;inset:0;pointer-events:none;z-index:2147483647;");
    const box = document.createElement("div");
    box.id = "__vial-inspect-box";
    box.setAttribute("style", "position:fixed;display:none;box-sizing:border-box;border:2px solid #3b82f6;background:rgba(59,130,246,0.15);");
    const label = document.createElement("div");
    label.id = "__vial-inspect-label";
    label.setAttribute("style", "position:fixed;display:none;padding:2px 6px;font:12px/1.4 ui-monospace,monospace;color:#fff;background:#1e3a8a;border-radius:3px;white-space:nowrap;");
    root.append(box, label);
    (document.body || document.documentElement).append(root);
    return { root, box, label };
  }

  function show(parts, element, source) {
    const rect = element.getBoundingClientRect();
    Object.assign(parts.box.style, { display: "block", left: rect.left + "px", top: rect.top + "px", width: rect.width + "px", height: rect.height + "px" });
    parts.label.textContent = source;
    const above = rect.top >= 22;
    Object.assign(parts.label.style, { display: "block", left: Math.max(0, rect.left) + "px", top: (above ? rect.top - 22 : rect.bottom + 2) + "px" });
  }

  function start(report) {
    stop();
    return new Promise((resolve) => {
      const parts = overlay();
      const onMove = (event) => {
        const element = marked(event.target);
        if (!element) return;
        const source = element.getAttribute(ATTRIBUTE);
        show(parts, element, source);
        report({ vialInspect: "hover", source });
      };
      const onClick = (event) => {
        event.preventDefault();
        event.stopPropagation();
        const element = marked(event.target);
        finish(element ? element.getAttribute(ATTRIBUTE) : null);
      };
      const swallow = (event) => {
        event.preventDefault();
        event.stopPropagation();
      };
      const onKey = (event) => {
        if (event.key === "Escape") finish(null);
      };
      const listeners = [["mouseover", onMove], ["click", onClick], ["mousedown", swallow], ["mouseup", swallow], ["submit", swallow], ["keydown", onKey]];
      for (const [type, listener] of listeners) window.addEventListener(type, listener, true);
      function finish(source) {
        for (const [type, listener] of listeners) window.removeEventListener(type, listener, true);
        parts.root.remove();
        session = null;
        report({ vialInspect: "picked", source });
        resolve(source);
      }
      session = { finish };
    });
  }

  function stop() {
    if (session) session.finish(null);
  }

  window.__vialInspect = { start: () => start(() => undefined), stop };

  window.addEventListener("message", (event) => {
    if (window.parent === window || event.source !== window.parent) return;
    const command = event.data && event.data.vialInspect;
    const origin = event.origin;
    if (command === "start") start((message) => window.parent.postMessage(message, origin));
    else if (command === "stop") stop();
  });
})();`;
