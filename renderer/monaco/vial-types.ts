/**
 * Vial's type declarations for Monaco's TypeScript, so `import { Vial } from "vial"` has IntelliSense.
 * The runtime's built `.d.ts` files are inlined at build time and mounted where TypeScript's Node
 * resolution looks for them: `file:///node_modules/vial/…` (project models live at `file:///`).
 */
const declarations = import.meta.glob<string>("../../runtime/dist/**/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});

const DIST_PREFIX = "../../runtime/dist/";
const PACKAGE_ROOT = "file:///node_modules/vial/";

/**
 * Ambient declarations a Vial app uses that are not in the ES lib: Node's `import.meta.dirname` and
 * a minimal `process.env` (the Node types are not shipped to the editor).
 */
const NODE_AMBIENT = `
interface ImportMeta { readonly dirname: string; readonly filename: string; }
declare var process: { env: Record<string, string | undefined>; argv: string[]; cwd(): string; exit(code?: number): never };
`;

/** Where each declaration file goes, plus the package.json and subpath entries TypeScript resolves. */
export function vialTypeFiles(files: Record<string, string>): { path: string; content: string }[] {
  const mounted = Object.entries(files)
    .filter(([path]) => path.startsWith(DIST_PREFIX))
    .map(([path, content]) => ({ path: PACKAGE_ROOT + path.slice(DIST_PREFIX.length), content }));
  if (mounted.length === 0) return [];
  return [
    ...mounted,
    {
      path: `${PACKAGE_ROOT}package.json`,
      content: JSON.stringify({ name: "vial", types: "./index.d.ts" }),
    },
    { path: `${PACKAGE_ROOT}node.d.ts`, content: 'export * from "./adapter/node.js";\n' },
  ];
}

/** The slice of Monaco's TypeScript defaults this module touches. */
export interface ExtraLibTarget {
  addExtraLib(content: string, filePath?: string): unknown;
}

/** Adds Vial's declarations and the Node ambient bits to Monaco's TypeScript service. */
export function registerVialTypes(target: ExtraLibTarget): number {
  target.addExtraLib(NODE_AMBIENT, "file:///node_modules/@types/vial-studio-ambient/index.d.ts");
  const files = vialTypeFiles(declarations);
  for (const file of files) target.addExtraLib(file.content, file.path);
  return files.length;
}
