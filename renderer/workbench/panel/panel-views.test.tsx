import { act } from "react";
import { describe, expect, it } from "vitest";
import type { AppProblem, Diagnostic, RequestEntry } from "../../../electron/api/contract";
import { problemRows, type ProblemRow } from "./problem-rows";
import { ProblemsView } from "./problems-view";
import { RequestsView } from "./requests-view";
import { reactRootPerTest } from "../../ui/test-dom";

const dom = reactRootPerTest();

const request = (id: number, method: string, path: string, status: number): RequestEntry => ({
  id,
  method,
  path,
  status,
  durationMs: 1.5,
  time: 0,
  requestHeaders: { accept: "text/html" },
  responseHeaders: { "content-type": "text/html; charset=utf-8" },
  responseBody: `<p>${path}</p>`,
});

function rows(): string[] {
  return [...dom.container.querySelectorAll('[data-testid="request-row"]')].map((row) =>
    [...row.querySelectorAll("td")].slice(1, 4).map((cell) => cell.textContent).join(" "),
  );
}

describe("RequestsView", () => {
  it("filters the rows and shows a clicked request's headers and body", async () => {
    const requests = [request(1, "GET", "/", 200), request(2, "POST", "/login", 401), request(3, "GET", "/missing", 404)];
    await act(async () => dom.root.render(<RequestsView requests={requests} onClear={() => undefined} />));
    expect(rows()).toEqual(["GET / 200", "POST /login 401", "GET /missing 404"]);

    const filter = dom.container.querySelector<HTMLInputElement>('[data-testid="requests-filter"]')!;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      setValue.call(filter, "4xx get");
      filter.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(rows()).toEqual(["GET /missing 404"]);

    await act(async () => dom.container.querySelector<HTMLElement>('[data-testid="request-row"]')!.click());
    const detail = dom.container.querySelector('[data-testid="request-detail"]')!;
    expect(detail.textContent).toContain("GET /missing → 404");
    expect(detail.textContent).toContain("content-type");
    expect(detail.textContent).toContain("<p>/missing</p>");
  });
});

describe("ProblemsView", () => {
  it("lists the app's problems, then the code's diagnostics, and opens the one clicked", async () => {
    const problems: AppProblem[] = [
      { id: 1, kind: "compile", severity: "error", message: "Expected \"]\" but found \"}\"", location: { file: "app.ts", line: 11, column: 5 }, time: 0 },
      { id: 2, kind: "port", severity: "warning", message: "Port 5000 is already in use", time: 0 },
    ];
    const diagnostics: Diagnostic[] = [{ path: "templates/index.html", line: 3, column: 1, severity: "error", message: "Encountered unknown tag 'endfor'.", source: "template" }];
    const opened: ProblemRow[] = [];
    await act(async () => dom.root.render(<ProblemsView problems={problemRows(problems, diagnostics)} onOpen={(problem) => opened.push(problem)} />));
    const buttons = [...dom.container.querySelectorAll<HTMLButtonElement>('[data-testid="panel-problem"]')];
    expect(buttons.map((button) => button.textContent)).toEqual([
      '✖Expected "]" but found "}"app.ts:11:5app',
      "⚠Port 5000 is already in useapp",
      "✖Encountered unknown tag 'endfor'.templates/index.html:3:1jinja",
    ]);
    expect(buttons[1]?.disabled).toBe(true);
    await act(async () => buttons[0]?.click());
    await act(async () => buttons[2]?.click());
    expect(opened.map((problem) => problem.location)).toEqual([
      { file: "app.ts", line: 11, column: 5 },
      { file: "templates/index.html", line: 3, column: 1 },
    ]);
  });

  it("shows a fault once when the running app and the template parser both report it", async () => {
    const location = { file: "templates/index.html", line: 18, column: 4 };
    const message = "Encountered unknown tag 'endfor'.";
    const rows = problemRows(
      [{ id: 1, kind: "request", severity: "error", message, location, time: 0 }],
      [
        { path: location.file, line: 18, column: 4, severity: "error", message, source: "template" },
        { path: location.file, line: 20, column: 1, severity: "error", message, source: "template" },
      ],
    );
    expect(rows.map((row) => [row.origin, row.location?.line])).toEqual([
      ["app", 18],
      ["template", 20],
    ]);
  });
});
