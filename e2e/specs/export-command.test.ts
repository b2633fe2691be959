import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { test } from "../fixtures.js";
import { WelcomePage } from "../pages/welcome-page.js";
import { WorkbenchPage } from "../pages/workbench-page.js";

describe("File → Export…", () => {
  test("exports the open project to the folder typed in, and asks before overwriting a non-empty one", async ({ studio }) => {
    const workbench = new WorkbenchPage(studio.page);
    await workbench.ready();
    await new WelcomePage(studio.page).createProject({ starter: "website", name: "site", folder: studio.projectsDir });
    await workbench.projectOpen();
    const dest = join(studio.projectsDir, "site-export");

    await workbench.runCommand("Export…");
    await workbench.fillPrompt(dest);
    await workbench.toasts.filter({ hasText: `to ${dest}` }).first().waitFor();
    const pkg = JSON.parse(readFileSync(join(dest, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["vial"]).toBe("file:vendor/vial");
    for (const path of ["app.ts", "templates/base.html", "vendor/vial/dist/index.js", "scripts/start.mjs", "Dockerfile", "README.md"]) {
      expect(existsSync(join(dest, path)), path).toBe(true);
    }

    await workbench.runCommand("Export…");
    await workbench.fillPrompt(dest);
    await workbench.dialog.getByText("is not empty").waitFor();
    await workbench.answerDialog("Overwrite");
    await expect.poll(() => workbench.toasts.filter({ hasText: `to ${dest}` }).count()).toBe(2);
  });
});
