import { useCallback } from "react";
import { useStudio } from "../../studio-context";
import { routesStoreFor } from "../routes/routes-store";
import { canHoldChildren, findNode, insertNode, nodeAt, parentOf, type OutlineNode } from "./outline";
import { paletteItem } from "./palette";
import { templatesStoreFor } from "./templates-store";

function meaningful(source: string, node: OutlineNode): OutlineNode[] {
  return node.children.filter((child) => !(child.kind === "text" && source.slice(child.start, child.end).trim() === ""));
}

/**
 * Where a component dropped on (or inserted at) `target` goes: inside a container, else after the
 * node. A template that extends another shows only its blocks, so additions must land in one.
 */
export function insertionPoint(source: string, tree: OutlineNode, targetId: string | null): { parentId: string; index: number } {
  const extendsAnother = tree.children.some((child) => child.kind === "statement" && child.name === "extends");
  const target = targetId !== null ? findNode(tree, targetId) : undefined;
  let point: { parentId: string; index: number };
  if (target && canHoldChildren(target)) point = { parentId: target.id, index: Number.MAX_SAFE_INTEGER };
  else if (target) {
    const parent = parentOf(tree, target.id)!;
    point = { parentId: parent.id, index: meaningful(source, parent).indexOf(target) + 1 };
  } else {
    const lastBlock = [...tree.children].reverse().find((child) => child.kind === "block" && child.name === "block");
    point = extendsAnother && lastBlock ? { parentId: lastBlock.id, index: Number.MAX_SAFE_INTEGER } : { parentId: "", index: Number.MAX_SAFE_INTEGER };
  }
  if (extendsAnother && point.parentId === "") {
    throw new Error("This template extends another: only what is inside its {% block %}s shows. Select or drop onto a block.");
  }
  return point;
}

/** Inserts a palette component at a node (or the selection's default place) and selects what was inserted. */
export function useInsert(): (component: string, targetId: string | null) => void {
  const studio = useStudio();
  const store = templatesStoreFor(studio);
  return useCallback(
    (component: string, targetId: string | null) =>
      void studio.attempt(async () => {
        const item = paletteItem(component);
        if (!item) throw new Error(`Unknown component ${component}.`);
        const routes = routesStoreFor(studio);
        if (component === "form" && routes.state.get().index === null) await routes.refresh();
        const endpoint = routes.state.get().index?.routes.find((route) => route.methods.includes("POST"))?.endpoint ?? "index";
        const [edit] = store.edit((text, outline) => {
          const { parentId, index } = insertionPoint(text, outline, targetId);
          return insertNode(text, outline, parentId, index, item.markup({ endpoint }));
        });
        const { tree } = store.state.get();
        if (edit && tree) store.select(nodeAt(tree, edit.start + (edit.text.length - edit.text.trimStart().length)).id, true);
      }),
    [studio, store],
  );
}
