import type { FrameLocator, Locator, Page } from "playwright-core";

/** The Routes side-bar view: the route table, the create/edit form and the request runner. */
export class RoutesPage {
  readonly view: Locator;
  readonly filter: Locator;
  readonly rows: Locator;
  readonly form: Locator;
  readonly ruleInput: Locator;
  readonly ruleError: Locator;
  readonly endpointInput: Locator;
  readonly returns: Locator;
  readonly saveButton: Locator;
  readonly runner: Locator;
  readonly runnerStatus: Locator;
  readonly runnerBody: Locator;
  readonly runnerUrl: Locator;
  /** The runner's rendered HTML body. */
  readonly runnerHtml: FrameLocator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId("routes-view");
    this.filter = page.getByTestId("routes-filter");
    this.rows = page.getByTestId("route-row");
    this.form = page.getByTestId("route-form");
    this.ruleInput = page.getByTestId("route-rule-input");
    this.ruleError = page.getByTestId("route-rule-error");
    this.endpointInput = page.getByTestId("route-endpoint-input");
    this.returns = page.getByTestId("route-returns");
    this.saveButton = page.getByTestId("route-save");
    this.runner = page.getByTestId("request-runner");
    this.runnerStatus = page.getByTestId("runner-status");
    this.runnerBody = page.getByTestId("runner-body");
    this.runnerUrl = page.getByTestId("runner-url");
    this.runnerHtml = page.frameLocator('[data-testid="runner-html"]');
  }

  /** Shows the Routes view from the activity bar. */
  async show(): Promise<void> {
    await this.page.getByTestId("activity-routes").click();
    await this.view.waitFor();
  }

  row(endpoint: string): Locator {
    return this.page.locator(`[data-testid="route-row"][data-endpoint="${endpoint.replace(/"/g, '\\"')}"]`);
  }

  /** Endpoints of the rows in the table, top to bottom. */
  endpoints(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-endpoint") ?? ""));
  }

  /** The rule a row shows. */
  ruleOf(endpoint: string): Promise<string | null> {
    return this.row(endpoint).getByTestId("route-rule").textContent();
  }

  locationOf(endpoint: string): Promise<string | null> {
    return this.row(endpoint).getByTestId("route-location").textContent();
  }

  /** Opens the form for a new route and fills it; `returns` is the option value (json, text, template, redirect). */
  async create(options: { rule: string; methods?: string[]; endpoint?: string; returns?: string }): Promise<void> {
    await this.page.getByTestId("routes-new").click();
    await this.form.waitFor();
    await this.fillMethods(options.methods);
    await this.ruleInput.fill(options.rule);
    if (options.endpoint !== undefined) await this.endpointInput.fill(options.endpoint);
    if (options.returns !== undefined) await this.returns.selectOption(options.returns);
    await this.saveButton.click();
    await this.form.waitFor({ state: "detached" });
  }

  /** Opens the edit form of a route, changes what is given and saves. */
  async edit(endpoint: string, change: { rule?: string; methods?: string[]; endpoint?: string }): Promise<void> {
    await this.row(endpoint).hover();
    await this.row(endpoint).getByTestId("route-edit").click();
    await this.form.waitFor();
    await this.fillMethods(change.methods);
    if (change.rule !== undefined) await this.ruleInput.fill(change.rule);
    if (change.endpoint !== undefined) await this.endpointInput.fill(change.endpoint);
    await this.saveButton.click();
    await this.form.waitFor({ state: "detached" });
  }

  /** Clicks a row's delete button; the confirmation dialog opens. */
  async askDelete(endpoint: string): Promise<void> {
    await this.row(endpoint).hover();
    await this.row(endpoint).getByTestId("route-delete").click();
  }

  /** Clicks a row: its handler opens in the editor. */
  async openHandler(endpoint: string): Promise<void> {
    await this.row(endpoint).getByTestId("route-open").click();
  }

  /** Opens the request runner of a route. */
  async openRunner(endpoint: string): Promise<void> {
    await this.row(endpoint).hover();
    await this.row(endpoint).getByTestId("route-run").click();
    await this.runner.waitFor();
  }

  /** Fills the runner's variables and sends the request. */
  async send(params: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(params)) await this.page.getByTestId(`runner-param-${name}`).fill(value);
    await this.page.getByTestId("runner-send").click();
    await this.runnerStatus.waitFor();
  }

  async closeRunner(): Promise<void> {
    await this.page.getByTestId("runner-close").click();
    await this.view.waitFor();
  }

  private async fillMethods(methods: string[] | undefined): Promise<void> {
    if (methods === undefined) return;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      await this.page.getByTestId(`route-method-${method}`).setChecked(methods.includes(method));
    }
  }
}
