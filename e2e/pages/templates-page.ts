import type { FrameLocator, Locator, Page } from "playwright-core";

/** The Templates side-bar view: the template list and the designer (canvas, palette, outline, properties). */
export class TemplatesPage {
  readonly view: Locator;
  readonly designer: Locator;
  readonly outlineRows: Locator;
  readonly properties: Locator;
  readonly renderError: Locator;
  /** The rendered template inside the canvas. */
  readonly canvas: FrameLocator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId("templates-view");
    this.designer = page.getByTestId("template-designer");
    this.outlineRows = page.getByTestId("template-outline-row");
    this.properties = page.getByTestId("template-properties");
    this.renderError = page.getByTestId("template-render-error");
    this.canvas = page.frameLocator('[data-testid="template-canvas-frame"]');
  }

  async show(): Promise<void> {
    await this.page.getByTestId("activity-templates").click();
    await this.view.or(this.designer).waitFor();
  }

  /** Opens a template (`templates/index.html`) in the designer. */
  async open(path: string): Promise<void> {
    await this.page.locator(`[data-testid="template-open"][data-path="${path}"]`).click();
    await this.designer.waitFor();
  }

  /** The outline row whose label is exactly `label` (`<section>.cards`, `{% extends "base.html" %}`). */
  row(label: string, nth = 0): Locator {
    return this.outlineRows.filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).nth(nth);
  }

  /** The text of the editor's lines that the designer highlights as the selected node's source, top to bottom. */
  highlightedSource(): Promise<string[]> {
    return this.page.getByTestId("code-editor").evaluate((editor) => {
      const tops = new Set([...editor.querySelectorAll(".view-overlays .template-node-highlight")].map((mark) => (mark.parentElement as HTMLElement).style.top));
      return [...editor.querySelectorAll<HTMLElement>(".view-line")]
        .filter((line) => tops.has(line.style.top))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? "").replace(/\u00a0/g, " ").trim());
    });
  }

  selectedRow(): Locator {
    return this.page.locator('[data-testid="template-outline-row"][aria-selected="true"]');
  }

  rowsOfKind(kind: string): Locator {
    return this.page.locator(`[data-testid="template-outline-row"][data-kind="${kind}"]`);
  }

  paletteItem(component: string): Locator {
    return this.page.locator(`[data-testid="template-palette-item"][data-component="${component}"]`);
  }

  /** Drags a palette component onto an outline row. */
  async dragToOutline(component: string, rowLabel: string): Promise<void> {
    await this.paletteItem(component).dragTo(this.row(rowLabel));
  }

  /** Drags a palette component onto an element of the canvas (a CSS selector inside the rendered page). */
  async dragToCanvas(component: string, selector: string): Promise<void> {
    await this.paletteItem(component).dragTo(this.canvas.locator(selector));
  }

  /** Drags one outline row onto another: the first node moves there. */
  async moveInOutline(label: string, targetLabel: string): Promise<void> {
    await this.row(label).dragTo(this.row(targetLabel));
  }

  /** Sets a property field (text, expression, classes) and applies it with Enter. */
  async setProperty(field: "text" | "expression" | "classes", value: string): Promise<void> {
    const input = this.page.getByTestId(`template-prop-${field}`);
    await input.fill(value);
    await input.press("Enter");
  }

  async useWidth(width: "desktop" | "tablet" | "phone"): Promise<void> {
    await this.page.getByTestId(`template-width-${width}`).click();
  }
}
