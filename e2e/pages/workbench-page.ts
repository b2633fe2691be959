import type { Locator, Page } from "playwright-core";
import { saveScreenshot } from "../fixtures.js";

/** The workbench frame: readiness, theme, status bar, palette and the keyboard shortcuts. */
export class WorkbenchPage {
  readonly app: Locator;
  readonly workbench: Locator;
  readonly statusProject: Locator;
  readonly statusCursor: Locator;
  readonly statusLanguage: Locator;
  readonly themeToggle: Locator;
  readonly palette: Locator;
  readonly paletteInput: Locator;
  readonly bottomPanel: Locator;
  readonly preview: Locator;
  readonly dialog: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.app = page.getByTestId("app");
    this.workbench = page.getByTestId("workbench");
    this.statusProject = page.getByTestId("status-project");
    this.statusCursor = page.getByTestId("status-cursor");
    this.statusLanguage = page.getByTestId("status-language");
    this.themeToggle = page.getByTestId("toggle-theme");
    this.palette = page.getByTestId("palette");
    this.paletteInput = page.getByTestId("palette-input");
    this.bottomPanel = page.locator(".workbench-panel");
    this.preview = page.locator(".workbench-preview");
    this.dialog = page.getByTestId("dialog");
    this.toasts = page.getByTestId("toast");
  }

  /** Waits until the Studio has its first answers from the host. */
  async ready(): Promise<void> {
    await this.page.locator('[data-testid="app"][data-ready="true"]').waitFor();
  }

  /** Waits for the workbench of an open project. */
  async projectOpen(): Promise<void> {
    await this.workbench.waitFor();
  }

  /** "light" or "dark": the theme the page shows now. */
  theme(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.theme ?? null);
  }

  /** Presses a shortcut with the platform's primary modifier (`Mod+S` → Control+S on Linux). */
  async shortcut(keys: string): Promise<void> {
    await this.page.keyboard.press(keys.replace(/\bMod\b/g, "Control"));
  }

  /** Runs a command by its label through the command palette. */
  async runCommand(label: string): Promise<void> {
    await this.shortcut("Mod+Shift+P");
    await this.paletteInput.waitFor();
    await this.paletteInput.fill(`>${label}`);
    await this.page.getByRole("option", { name: new RegExp(label, "i") }).first().waitFor();
    await this.paletteInput.press("Enter");
    await this.palette.waitFor({ state: "detached" });
  }

  /** Opens a file through quick open (Mod+P) by typing part of its path. */
  async quickOpen(query: string): Promise<void> {
    await this.shortcut("Mod+P");
    await this.paletteInput.fill(query);
    await this.page.getByRole("option").first().waitFor();
    await this.paletteInput.press("Enter");
    await this.palette.waitFor({ state: "detached" });
  }

  /** Clicks a button of the open dialog by its label. */
  async answerDialog(button: string): Promise<void> {
    await this.dialog.getByRole("button", { name: button, exact: true }).click();
    await this.dialog.waitFor({ state: "detached" });
  }

  /**
   * Types into the open prompt dialog and confirms it. Waits for the prompt's own input to go, not for
   * any dialog: a command may open its next dialog (a confirmation) as soon as the prompt closes.
   */
  async fillPrompt(value: string): Promise<void> {
    const input = this.dialog.getByTestId("dialog-input");
    await input.fill(value);
    await this.dialog.getByTestId("dialog-confirm").click();
    await input.waitFor({ state: "detached" });
  }

  /** Shows the Settings view with the keyboard (Mod+,). */
  async openSettings(): Promise<void> {
    await this.shortcut("Mod+,");
    await this.page.getByTestId("settings-view").waitFor();
  }

  get settingsFontSize(): Locator {
    return this.page.getByTestId("settings-font-size");
  }

  /** A theme choice of the Settings view: "system", "light" or "dark". */
  settingsTheme(theme: "system" | "light" | "dark"): Locator {
    return this.page.getByTestId(`settings-theme-${theme}`);
  }

  /** Width of the side bar in CSS pixels. */
  sideBarWidth(): Promise<number> {
    return this.partWidth("side-bar");
  }

  /** Width in CSS pixels of a part of the workbench: `side-bar`, `editor-area` or `preview`. */
  async partWidth(testId: "side-bar" | "editor-area" | "preview"): Promise<number> {
    const box = await this.page.getByTestId(testId).boundingBox();
    return Math.round(box?.width ?? 0);
  }

  /** Drags a divider (`sash-sidebar`, `sash-panel`, `sash-preview`) by the given offset. */
  async dragSash(testId: string, dx: number, dy: number): Promise<void> {
    const box = await this.page.getByTestId(testId).boundingBox();
    if (!box) throw new Error(`No divider ${testId} on screen`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2);
    await this.page.mouse.move(x + dx, y + dy);
    await this.page.mouse.up();
  }

  screenshot(name: string): Promise<string> {
    return saveScreenshot(this.page, name);
  }
}
