import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import type { Studio } from "../fixtures.js";
import { WorkbenchPage } from "./workbench-page.js";

/** The welcome screen: new project from a starter, open a folder by path, recent projects. */
export class WelcomePage {
  readonly root: Locator;
  readonly projectName: Locator;
  readonly projectFolder: Locator;
  readonly createButton: Locator;
  readonly openFolderPath: Locator;
  readonly openFolderButton: Locator;
  readonly recentProjects: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("welcome");
    this.projectName = page.getByTestId("project-name");
    this.projectFolder = page.getByTestId("project-folder");
    this.createButton = page.getByTestId("create-project");
    this.openFolderPath = page.getByTestId("open-folder-path");
    this.openFolderButton = page.getByTestId("open-folder");
    this.recentProjects = page.getByTestId("recent-projects").getByRole("listitem");
    this.error = this.root.getByRole("alert");
  }

  starter(id: string): Locator {
    return this.page.getByTestId(`starter-${id}`);
  }

  /** Ids of the starters offered, in order. */
  async starterIds(): Promise<string[]> {
    await this.starter("blank").or(this.root.getByRole("radio").first()).first().waitFor();
    return this.root.getByRole("radio").evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
  }

  async createProject(options: { starter: string; name: string; folder: string }): Promise<void> {
    await this.starter(options.starter).click();
    await this.projectName.fill(options.name);
    await this.projectFolder.fill(options.folder);
    await this.createButton.click();
  }

  /** Opens a recent project by clicking its entry. */
  async openRecent(name: string): Promise<void> {
    await this.recentProjects.filter({ hasText: name }).getByRole("button", { name: new RegExp(name) }).first().click();
  }

  async openFolder(dir: string): Promise<void> {
    await this.openFolderPath.fill(dir);
    await this.openFolderButton.click();
  }
}

/** Creates a project from the Website starter through the welcome screen and waits for its workbench; returns its folder. */
export async function openWebsiteProject(studio: Studio): Promise<string> {
  const workbench = new WorkbenchPage(studio.page);
  await workbench.ready();
  await new WelcomePage(studio.page).createProject({ starter: "website", name: "site", folder: studio.projectsDir });
  await workbench.projectOpen();
  return join(studio.projectsDir, "site");
}
