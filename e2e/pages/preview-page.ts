import type { FrameLocator, Locator, Page } from "playwright-core";

/** The preview pane (the running app in a frame, its toolbar and error overlay) and the bottom panel. */
export class PreviewPage {
  readonly root: Locator;
  readonly frame: FrameLocator;
  readonly address: Locator;
  readonly backButton: Locator;
  readonly forwardButton: Locator;
  readonly reloadButton: Locator;
  readonly overlay: Locator;
  readonly overlayMessage: Locator;
  readonly overlayLocation: Locator;
  readonly appStatus: Locator;
  readonly viewport: Locator;
  readonly requestRows: Locator;
  readonly requestDetail: Locator;
  readonly problems: Locator;
  readonly inspectButton: Locator;
  /** The Studio's line under the toolbar naming the template line under the pointer while inspecting. */
  readonly inspectSource: Locator;
  /** The inspect tool's label drawn inside the app's page, over the hovered element. */
  readonly inspectLabel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("preview");
    this.frame = page.frameLocator('[data-testid="preview-frame"]');
    this.address = page.getByTestId("preview-address");
    this.backButton = page.getByTestId("preview-back");
    this.forwardButton = page.getByTestId("preview-forward");
    this.reloadButton = page.getByTestId("preview-reload");
    this.overlay = page.getByTestId("preview-overlay");
    this.overlayMessage = page.getByTestId("preview-overlay-message");
    this.overlayLocation = page.getByTestId("preview-overlay-location");
    this.appStatus = page.getByTestId("app-status");
    this.viewport = page.getByTestId("preview-viewport");
    this.requestRows = page.getByTestId("request-row");
    this.requestDetail = page.getByTestId("request-detail");
    this.problems = page.getByTestId("panel-problem");
    this.inspectButton = page.getByTestId("preview-inspect");
    this.inspectSource = page.getByTestId("preview-inspect-source");
    this.inspectLabel = this.frame.locator("#__vial-inspect-label");
  }

  /** Waits until the page in the preview shows `text` (after a save, a reload or a navigation). */
  async waitForText(text: string, timeout = 30_000): Promise<void> {
    await this.frame.locator("body").getByText(text, { exact: false }).first().waitFor({ timeout });
  }

  /** The text of the page shown in the preview. */
  bodyText(): Promise<string> {
    return this.frame.locator("body").innerText();
  }

  /**
   * With the inspect tool on, points at `target` and gives the label the page then shows (null for none).
   * The pointer comes from outside each time, so polling this also covers a tool that starts only once
   * the page has loaded.
   */
  async inspectLabelOf(target: Locator): Promise<string | null> {
    await this.page.mouse.move(0, 0);
    await target.hover();
    return (await this.inspectLabel.count()) > 0 ? this.inspectLabel.textContent() : null;
  }

  /** Types a path into the address bar and goes there. */
  async goTo(path: string): Promise<void> {
    await this.address.fill(path);
    await this.address.press("Enter");
  }

  /** Clicks a link inside the app by its text. */
  async clickLink(name: string): Promise<void> {
    await this.frame.getByRole("link", { name }).click();
  }

  /** Switches the preview's width: desktop (the pane's width), tablet (768 px) or phone (375 px). */
  async useDevice(device: "desktop" | "tablet" | "phone"): Promise<void> {
    await this.page.getByTestId(`preview-device-${device}`).click();
  }

  /** The width the app is shown at, in CSS pixels. */
  async viewportWidth(): Promise<number> {
    return (await this.viewport.boundingBox())?.width ?? 0;
  }

  async openPanelTab(tab: "output" | "requests" | "problems"): Promise<void> {
    await this.page.getByTestId(`panel-tab-${tab}`).click();
  }

  /** Method, path and status of each request-log row, oldest first. */
  requestRowTexts(): Promise<string[]> {
    return this.requestRows.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].slice(1, 4).map((cell) => cell.textContent).join(" ")),
    );
  }
}
