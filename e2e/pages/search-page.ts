import type { Locator, Page } from "playwright-core";

/** The Search side-bar view (Find in Files): the query box, its toggles, Replace All and the grouped results. */
export class SearchPage {
  readonly view: Locator;
  readonly input: Locator;
  readonly include: Locator;
  readonly replace: Locator;
  readonly replaceAll: Locator;
  readonly error: Locator;
  readonly summary: Locator;
  readonly capped: Locator;
  readonly files: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId("search-view");
    this.input = page.getByTestId("search-input");
    this.include = page.getByTestId("search-include");
    this.replace = page.getByTestId("search-replace");
    this.replaceAll = page.getByTestId("search-replace-all");
    this.error = page.getByTestId("search-error");
    this.summary = page.getByTestId("search-summary");
    this.capped = page.getByTestId("search-capped");
    this.files = page.getByTestId("search-file");
  }

  /** Opens Find in Files with its shortcut (Mod+Shift+F), from wherever the focus is. */
  async open(): Promise<void> {
    await this.page.keyboard.press("Control+Shift+F");
    await this.view.waitFor();
  }

  /** Match Case, Match Whole Word or Use Regular Expression. */
  toggle(name: "match-case" | "whole-word" | "regex"): Locator {
    return this.page.getByTestId(`search-${name}`);
  }

  /** The result group of one file. */
  file(path: string): Locator {
    return this.page.locator(`[data-testid="search-file"][data-path="${path.replace(/"/g, '\\"')}"]`);
  }

  /** The header of a file's group, which folds it. */
  fileHeader(path: string): Locator {
    return this.file(path).locator("button[aria-expanded]");
  }

  /** The Replace button of a file's group, which shows while the pointer is on the group. */
  fileReplace(path: string): Locator {
    return this.file(path).getByTestId("search-file-replace");
  }

  /** A result line of a file by its line number. */
  line(path: string, line: number): Locator {
    return this.file(path).locator(`[data-testid="search-line"][data-line="${line}"]`);
  }

  /** The highlighted parts of a file's result lines, in order. */
  highlights(path: string): Promise<string[]> {
    return this.file(path).locator("mark").allTextContents();
  }

  /** Each result file and the count its header shows, in order. */
  fileCounts(): Promise<[string, number][]> {
    return this.files.evaluateAll((files) =>
      files.map((file) => [file.getAttribute("data-path") ?? "", Number(file.querySelector('[data-testid="search-file-count"]')?.textContent)] as [string, number]),
    );
  }
}
