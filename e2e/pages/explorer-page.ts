import type { Locator, Page } from "playwright-core";

/** The Explorer view: the file tree, its toolbar and context menu. */
export class ExplorerPage {
  readonly tree: Locator;
  readonly newFileButton: Locator;
  readonly newFolderButton: Locator;
  readonly refreshButton: Locator;
  readonly contextMenu: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByTestId("file-tree");
    this.newFileButton = page.getByTestId("explorer-new-file");
    this.newFolderButton = page.getByTestId("explorer-new-folder");
    this.refreshButton = page.getByTestId("explorer-refresh");
    this.contextMenu = page.getByTestId("context-menu");
  }

  item(path: string): Locator {
    return this.tree.locator(`[data-testid="tree-item"][data-path="${path.replace(/"/g, '\\"')}"]`);
  }

  /** Project-relative paths of the rows shown now, top to bottom. */
  async visiblePaths(): Promise<string[]> {
    await this.tree.waitFor();
    return this.tree
      .locator('[data-testid="tree-item"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-path") ?? ""));
  }

  /** The path of the tree row that has keyboard focus, if any. */
  focusedPath(): Promise<string | null> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      return active?.getAttribute("role") === "treeitem" ? active.getAttribute("data-path") : null;
    });
  }

  /** Opens the folders on the way to `path`. */
  async reveal(path: string): Promise<void> {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = this.item(parts.slice(0, i).join("/"));
      if ((await folder.getAttribute("aria-expanded")) !== "true") await folder.click();
    }
  }

  /** Opens a file in the editor by clicking it in the tree. */
  async open(path: string): Promise<void> {
    await this.reveal(path);
    await this.item(path).click();
  }

  /** The name field a row shows while renaming. */
  get renameInput(): Locator {
    return this.tree.getByTestId("tree-rename-input");
  }

  /** Renames a row in place: F2 (or the menu), type the new name, Enter. */
  async rename(path: string, newName: string, via: "keyboard" | "menu" = "menu"): Promise<void> {
    if (via === "menu") await this.contextAction(path, "Rename…");
    else {
      await this.reveal(path);
      await this.item(path).focus();
      await this.page.keyboard.press("F2");
    }
    await this.renameInput.fill(newName);
    await this.renameInput.press("Enter");
  }

  /** Drags a row onto another (a folder, or a file whose folder receives it). */
  async dragTo(path: string, target: string): Promise<void> {
    await this.item(path).dragTo(this.item(target));
  }

  async contextAction(path: string, action: "New File…" | "New Folder…" | "Rename…" | "Delete"): Promise<void> {
    await this.reveal(path);
    await this.item(path).click({ button: "right" });
    await this.contextMenu.getByRole("menuitem", { name: action }).click();
  }
}
