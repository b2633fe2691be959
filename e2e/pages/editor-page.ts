import type { Locator, Page } from "playwright-core";

/** The editor area: tabs and the Monaco editor. */
export class EditorPage {
  readonly strip: Locator;
  readonly tabs: Locator;
  readonly editor: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByTestId("editor-tabs");
    this.tabs = page.getByTestId("editor-tab");
    this.editor = page.getByTestId("code-editor");
    this.empty = page.getByTestId("editor-empty");
  }

  tab(path: string): Locator {
    return this.page.locator(`[data-testid="editor-tab"][data-path="${path.replace(/"/g, '\\"')}"]`);
  }

  activeTab(): Locator {
    return this.page.locator('[data-testid="editor-tab"][aria-selected="true"]');
  }

  /** Paths of the open tabs, left to right. */
  tabPaths(): Promise<string[]> {
    return this.tabs.evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute("data-path") ?? ""));
  }

  /** Whether the open tabs are wider than the strip, which then scrolls. */
  stripOverflows(): Promise<boolean> {
    return this.strip.evaluate((strip) => strip.scrollWidth > strip.clientWidth);
  }

  /** Whether the whole active tab shows inside the strip's box rather than scrolled out of it. */
  async activeTabInView(): Promise<boolean> {
    const [tab, strip] = await Promise.all([this.activeTab().boundingBox(), this.strip.boundingBox()]);
    if (!tab || !strip) return false;
    return tab.x >= strip.x - 0.5 && tab.x + tab.width <= strip.x + strip.width + 0.5;
  }

  async isDirty(path: string): Promise<boolean> {
    return (await this.tab(path).getAttribute("data-dirty")) === "true";
  }

  /** Waits until the editor shows a file's text and has keyboard focus. */
  async focus(): Promise<void> {
    await this.editor.locator(".view-lines").waitFor();
    await this.editor.locator(".view-lines").click();
  }

  /** Moves the cursor to the very start of the file and types text there, as a person would. */
  async typeAtStart(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press("Control+Home");
    await this.page.keyboard.type(text);
  }

  /** The text Monaco renders (visible lines only), with its non-breaking spaces made plain. */
  async visibleText(): Promise<string> {
    const lines = await this.editor.locator(".view-line").evaluateAll((nodes) =>
      nodes
        .map((node) => ({ top: parseFloat((node as HTMLElement).style.top || "0"), text: node.textContent ?? "" }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
    return lines.join("\n").replace(/\u00a0/g, " ");
  }

  /** Monaco's red squiggles under errors its own TypeScript check found in the shown file. */
  errorSquiggles(): Locator {
    return this.editor.locator(".squiggly-error");
  }

  /** A row of Monaco's suggestion list by its label. */
  suggestion(label: string): Locator {
    return this.page.locator(".suggest-widget .monaco-list-row").filter({ hasText: label }).first();
  }

  /** The font size Monaco renders text at, e.g. "13px". */
  fontSize(): Promise<string> {
    return this.editor.locator(".view-lines").evaluate((lines) => getComputedStyle(lines).fontSize);
  }

  /** Paths whose unsaved text the host's hot-exit store holds now (asked through the page's own session). */
  hotExitPaths(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const response = await fetch("/api/invoke", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ method: "buffers.list", request: {} }),
      });
      const body = (await response.json()) as { ok: boolean; result?: { buffers: { path: string }[] } };
      return body.result?.buffers.map((buffer) => buffer.path) ?? [];
    });
  }

  /** Right-clicks a tab and picks an entry of its menu. */
  async tabAction(path: string, action: "Close" | "Close Others" | "Close All"): Promise<void> {
    await this.tab(path).click({ button: "right" });
    await this.page.getByTestId("context-menu").getByRole("menuitem", { name: action, exact: true }).click();
  }

  async closeTab(path: string): Promise<void> {
    await this.tab(path).hover();
    await this.tab(path).getByRole("button", { name: /^Close / }).click();
  }
}
