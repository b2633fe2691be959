import { act } from "react";
import { describe, expect, it } from "vitest";
import { StudioError } from "../../api/client";
import { createStore } from "../../state/store";
import type { WorkspaceState } from "../../state/workspace";
import type { Studio } from "../../studio";
import { StudioContext } from "../../studio-context";
import { reactRootPerTest } from "../../ui/test-dom";
import { Welcome } from "./welcome";

const dom = reactRootPerTest();

/** A studio whose host refuses every folder, the way it refuses a relative path. */
function refusingStudio(): Studio {
  const state = createStore<WorkspaceState>({
    ready: true,
    info: null,
    project: null,
    tree: null,
    recent: [],
    starters: [{ id: "blank", title: "Blank", description: "One route." }],
  });
  const refuse = async () => {
    throw new StudioError({ code: "bad-request", message: '"projects" is not a full path; give the whole folder path.' });
  };
  return { workspace: { state, createProject: refuse, openProject: refuse } } as unknown as Studio;
}

async function submit(id: string): Promise<void> {
  await act(async () => dom.byTestId<HTMLFormElement>(id).requestSubmit());
}

/** The text of the message an input points to with aria-describedby, if it is marked invalid. */
function problemOf(id: string): string | null {
  const input = dom.byTestId(id);
  if (input.getAttribute("aria-invalid") !== "true") return null;
  return document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent ?? null;
}

describe("the welcome screen", () => {
  it("marks the field an error is about and ties the message to it", async () => {
    await act(async () =>
      dom.root.render(
        <StudioContext.Provider value={refusingStudio()}>
          <Welcome />
        </StudioContext.Provider>,
      ),
    );
    await dom.type("project-name", "bad?");
    await submit("new-project-form");
    expect(problemOf("project-name")).toBe('A name cannot contain \\ : * ? " < > |');
    expect(problemOf("project-folder")).toBeNull();

    await dom.type("project-name", "good");
    await dom.type("project-folder", "projects");
    await submit("new-project-form");
    expect(problemOf("project-name")).toBeNull();
    expect(problemOf("project-folder")).toContain("is not a full path");

    await dom.type("open-folder-path", "/nowhere");
    await submit("open-folder-form");
    expect(problemOf("open-folder-path")).toContain("is not a full path");
  });
});
