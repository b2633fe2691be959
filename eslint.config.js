import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The layer rules of the design, checked by a tool rather than by convention.
const nodeBuiltins = { group: ["node:*"], message: "The runtime core is IO-free: node:* belongs in src/adapter, src/cli or src/context.ts." };
const studioLayers = {
  group: ["**/electron/**", "**/renderer/**", "electron", "electron/*"],
  message: "runtime/ stands alone: it must not import the Studio (electron/ or renderer/).",
};

const rendererImports = (extraPaths) => ({
  paths: [{ name: "electron", message: "The renderer reaches the host only through api/client.ts." }, ...extraPaths],
  patterns: [
    { group: ["node:*", "fs", "path", "child_process", "os"], message: "The renderer never imports Node modules." },
    { group: ["**/runtime/src/**"], message: "The renderer may not import the runtime." },
    { regex: "(^|/)electron/(?!api/contract(\\.js|\\.ts)?$)", message: "The renderer may import only the contract, and only as types." },
    { group: ["**/electron/api/contract*"], allowTypeImports: true, message: "Import the contract with `import type`." },
  ],
});

export default tseslint.config(
  {
    ignores: ["**/dist/**", "node_modules/**", "runtime/dist/**", "release/**", "e2e/artifacts/**", "**/__fixtures__/**", "resources/starters/*/.vial/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "no-empty-pattern": "off",
    },
  },
  {
    files: ["scripts/**/*.mjs", "bench/**/*.mjs", "runtime/bin/**/*.js", "resources/export/scripts/*.mjs", "*.config.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly", Buffer: "readonly" } },
  },
  {
    files: ["runtime/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [studioLayers, nodeBuiltins] }] },
  },
  {
    files: ["runtime/src/adapter/**", "runtime/src/cli/**", "runtime/src/context.ts", "runtime/src/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [studioLayers] }] },
  },
  {
    files: ["electron/host/**", "electron/api/**", "electron/web/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "electron", message: "Studio services stay plain Node: only electron/main and electron/preload import electron." }] },
      ],
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "no-restricted-imports": ["error", rendererImports([])],
    },
  },
  {
    files: ["renderer/designers/**/model.ts", "renderer/designers/templates/outline.ts", "renderer/monaco/models.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        rendererImports([{ name: "react", message: "Designer models and Monaco models are pure: no React." }]),
      ],
    },
  },
);
