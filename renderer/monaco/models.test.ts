import { describe, expect, it } from "vitest";
import { FakeModel } from "../test-support/fake-host";
import { languageForPath, ModelRegistry, uriForPath } from "./models";

const registry = () =>
  new ModelRegistry<FakeModel, { line: number }>({ createModel: (value, language, uri) => new FakeModel(value, language, uri) });

describe("ModelRegistry", () => {
  it("creates one model per path with a stable URI and a language", () => {
    const models = registry();
    const first = models.open("templates/index.html", "<h1>Hi</h1>");
    expect(models.open("templates/index.html", "ignored")).toBe(first);
    expect(first.uri).toBe("file:///templates/index.html");
    expect(first.languageId).toBe("jinja-html");
    expect(first.getValue()).toBe("<h1>Hi</h1>");
  });

  it("tracks dirty state against the last save, and undo back to it is clean", () => {
    const models = registry();
    const model = models.open("app.ts", "a");
    expect(models.isDirty("app.ts")).toBe(false);
    model.setValue("ab");
    expect(models.isDirty("app.ts")).toBe(true);
    model.undo();
    expect(models.isDirty("app.ts")).toBe(false);
    model.setValue("abc");
    models.markSaved("app.ts");
    expect(models.isDirty("app.ts")).toBe(false);
  });

  it("keeps view state per file", () => {
    const models = registry();
    models.open("a.ts", "");
    models.open("b.ts", "");
    models.saveViewState("a.ts", { line: 40 });
    expect(models.viewState("a.ts")).toEqual({ line: 40 });
    expect(models.viewState("b.ts")).toBeUndefined();
  });

  it("reloads a clean model from disk but never overwrites edits", () => {
    const models = registry();
    const model = models.open("a.ts", "one");
    expect(models.reloadFromDisk("a.ts", "two")).toBe(true);
    expect(model.getValue()).toBe("two");
    expect(models.isDirty("a.ts")).toBe(false);
    model.setValue("mine");
    expect(models.reloadFromDisk("a.ts", "three")).toBe(false);
    expect(model.getValue()).toBe("mine");
  });

  it("moves a dirty model on rename and disposes the old one", () => {
    const models = registry();
    const old = models.open("a.ts", "x");
    old.setValue("y");
    models.saveViewState("a.ts", { line: 3 });
    const moved = models.rename("a.ts", "b.ts")!;
    expect(old.disposed).toBe(true);
    expect(moved.getValue()).toBe("y");
    expect(moved.uri).toBe("file:///b.ts");
    expect(models.isDirty("b.ts")).toBe(true);
    expect(models.viewState("b.ts")).toEqual({ line: 3 });
    expect(models.has("a.ts")).toBe(false);
  });

  it("notifies on edits and on close", () => {
    const models = registry();
    const seen: string[] = [];
    models.onDidChange((path) => seen.push(path));
    models.open("a.ts", "").setValue("z");
    models.close("a.ts");
    expect(seen).toEqual(["a.ts", "a.ts"]);
    expect(models.paths()).toEqual([]);
  });
});

describe("languageForPath", () => {
  it("maps extensions to Monaco languages", () => {
    expect(languageForPath("app.ts")).toBe("typescript");
    expect(languageForPath("static/site.css")).toBe("css");
    expect(languageForPath("templates/base.html")).toBe("jinja-html");
    expect(languageForPath("package.json")).toBe("json");
    expect(languageForPath("README")).toBe("plaintext");
    expect(languageForPath(".gitignore")).toBe("plaintext");
  });
});

describe("uriForPath", () => {
  it("encodes each segment and drops leading slashes", () => {
    expect(uriForPath("/static/my file.css")).toBe("file:///static/my%20file.css");
  });
});
