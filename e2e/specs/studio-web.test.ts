import { expect } from "vitest";
import { saveScreenshot, test } from "../fixtures.js";

test("studio:web serves the Studio page to Chromium", async ({ studio, task }) => {
  const { page } = studio;
  await expect.poll(() => page.title()).toBe("Vial Studio");
  // The token leaves the address bar once the server has set its cookie.
  expect(new URL(page.url()).searchParams.has("token")).toBe(false);
  await saveScreenshot(page, task.name);
});

test("a request without the launch token is refused", async ({ studio }) => {
  const response = await fetch(`${studio.server.origin}/api/invoke`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "studio.info", request: {} }),
  });
  expect(response.status).toBe(401);
});
