import { describe, expect, it } from "vitest";
import { back, canGoBack, canGoForward, currentPath, forward, framePath, initialHistory, normalizePath, visit } from "./history";

describe("preview history", () => {
  it("goes back and forward like a browser, dropping forward entries on a new visit", () => {
    let history = visit(visit(initialHistory, "/a"), "/b");
    expect(currentPath(history)).toBe("/b");
    history = back(back(history));
    expect(currentPath(history)).toBe("/");
    expect(canGoBack(history)).toBe(false);
    history = forward(history);
    expect(currentPath(history)).toBe("/a");
    history = visit(history, "/c");
    expect(history.entries).toEqual(["/", "/a", "/c"]);
    expect(canGoForward(history)).toBe(false);
  });

  it("does not add the page it is already on", () => {
    expect(visit(initialHistory, "/")).toBe(initialHistory);
  });
});

describe("normalizePath", () => {
  it("turns what was typed into a path inside the app", () => {
    expect(normalizePath("about")).toBe("/about");
    expect(normalizePath("  ")).toBe("/");
    expect(normalizePath("/users?page=2#top")).toBe("/users?page=2#top");
    expect(normalizePath("http://127.0.0.1:5000/x?y=1")).toBe("/x?y=1");
  });
});

describe("framePath", () => {
  const page = { method: "GET", path: "/about", status: 200, requestHeaders: { "sec-fetch-dest": "iframe" }, time: 10_050, durationMs: 50 };

  it("reports page loads inside the preview frame, and in Electron's preview view", () => {
    expect(framePath(page)).toBe("/about");
    const electron = { "sec-fetch-dest": "document", "user-agent": "Mozilla/5.0 Chrome/140.0 Electron/45.5.0 Safari/537.36" };
    expect(framePath({ ...page, requestHeaders: electron })).toBe("/about");
  });

  it("ignores assets, other tabs, redirects and posts", () => {
    expect(framePath({ ...page, requestHeaders: { "sec-fetch-dest": "style" } })).toBeUndefined();
    expect(framePath({ ...page, requestHeaders: { "sec-fetch-dest": "document" } })).toBeUndefined();
    expect(framePath({ ...page, status: 302 })).toBeUndefined();
    expect(framePath({ ...page, method: "POST" })).toBeUndefined();
  });

  it("ignores a page load that began before the user's latest navigation, however late its report comes", () => {
    expect(framePath(page, 10_000)).toBe("/about");
    expect(framePath(page, 10_001)).toBeUndefined();
  });
});
