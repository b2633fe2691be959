/**
 * End-to-end fixtures: each test gets a fresh Studio (browser mode on a free port, its own user-data
 * and projects folders) and a page in Debian's Chromium driven by playwright-core. A failing test
 * leaves a screenshot in e2e/artifacts/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { test as base } from "vitest";

const repoRoot = join(import.meta.dirname, "..");
export const artifactsDir = join(repoRoot, "e2e/artifacts");
const serverEntry = join(repoRoot, "dist/web/server.js");
const readyLine = /^Vial Studio is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/;

/** A running browser-mode Studio server. */
export interface StudioServer {
  url: string;
  origin: string;
  process: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StudioServerOptions {
  userDataDir: string;
  project?: string;
  port?: number;
}

/** Starts `dist/web/server.js` and resolves once it prints its ready line. */
export function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const args = [serverEntry, "--user-data", options.userDataDir, "--port", String(options.port ?? 0)];
  if (options.project) args.push("--project", options.project);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Studio server did not start within 30 s:\n${output.join("")}`));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Studio server exited with ${code} before it was ready:\n${output.join("")}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line + "\n");
      const match = readyLine.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        origin: new URL(url).origin,
        process: child,
        output,
        async stop(signal = "SIGTERM") {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}

/** Launches Debian's Chromium headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A fresh Studio for one test: server, folders and a page already showing the Studio. */
export interface Studio {
  page: Page;
  context: BrowserContext;
  server: StudioServer;
  /** A temp folder where tests create or copy projects. */
  projectsDir: string;
  /** The Studio's user-data folder (settings, recent projects, hot-exit buffers). */
  userDataDir: string;
  /** Stops the server (SIGKILL simulates a crash) and starts it again on the same user data. */
  restartServer(signal?: NodeJS.Signals): Promise<void>;
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").slice(0, 100);
}

/** Saves a screenshot of the page into e2e/artifacts/ under the given name; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${safeName(name)}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface Fixtures {
  studio: Studio;
  colorScheme: "light" | "dark";
}

interface FileFixtures {
  browser: Browser;
}

/**
 * `test` with a `studio` fixture. Use `test.scoped({ colorScheme: "dark" })` for the dark theme.
 * @example
 * test("shows the welcome screen", async ({ studio }) => {
 *   await expect.poll(() => studio.page.title()).toBe("Vial Studio");
 * });
 */
export const test = base.extend<Fixtures & FileFixtures>({
  colorScheme: "light",
  browser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: "file" },
  ],
  studio: async ({ browser, colorScheme, task }, use) => {
    const scratch = mkdtempSync(join(tmpdir(), "vial-e2e-"));
    const userDataDir = join(scratch, "user-data");
    const projectsDir = join(scratch, "projects");
    mkdirSync(userDataDir);
    mkdirSync(projectsDir);
    let server = await startStudioServer({ userDataDir });
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const studio: Studio = {
      page,
      context,
      get server() {
        return server;
      },
      projectsDir,
      userDataDir,
      async restartServer(signal = "SIGTERM") {
        await server.stop(signal);
        server = await startStudioServer({ userDataDir, port: Number(new URL(server.url).port) });
      },
    };
    await page.goto(server.url);
    await use(studio);
    // The fixture's teardown runs before onTestFailed handlers, when the page is still open.
    if (task.result?.state === "fail") {
      const path = await saveScreenshot(page, `${task.file.name}-${task.name}-failure`).catch(() => undefined);
      if (path) console.error(`screenshot saved: ${path}\nserver output:\n${server.output.join("")}`);
    }
    await context.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  },
});
