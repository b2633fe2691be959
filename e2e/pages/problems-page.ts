import type { Locator, Page } from "playwright-core";

/** The bottom panel's Problems tab and the status bar's problem count. */
export class ProblemsPage {
  readonly tab: Locator;
  readonly rows: Locator;
  readonly statusCount: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId("panel-tab-problems");
    this.rows = page.getByTestId("panel-problem");
    this.statusCount = page.getByTestId("status-problems");
  }

  async open(): Promise<void> {
    await this.tab.click();
  }

  /** Rows found by the type checker (`typescript`) or the template parser (`template`). */
  from(origin: "typescript" | "template"): Locator {
    return this.page.locator(`[data-testid="panel-problem"][data-origin="${origin}"]`);
  }

  /** The row of a problem at `file:line:column`. */
  at(origin: "typescript" | "template", location: string): Locator {
    return this.from(origin).filter({ hasText: location });
  }
}
