import { defineConfig } from "vitest/config";

// One config, four projects: the runtime and the Studio host run in plain Node, the renderer's pure
// logic in jsdom, and the end-to-end stories against browser mode in Debian's Chromium.
export default defineConfig({
  test: {
    // Vitest's default is one worker per core but one, so a single worker on a 2-core machine; three
    // keep both cores busy while many unit tests wait on child processes, servers and the disk.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "runtime",
          include: ["runtime/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "host",
          include: ["electron/**/*.test.ts", "scripts/**/*.test.ts", "resources/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "renderer",
          include: ["renderer/**/*.test.{ts,tsx}"],
          environment: "jsdom",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/specs/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          // After the unit projects, alone: Chromium, the Studio and the user's app get both cores
          // instead of racing unit-test workers for them.
          sequence: { groupOrder: 1 },
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        // Only through `npm run test:electron`, which first checks that Electron's binary is here.
        test: {
          name: "electron",
          include: ["e2e/electron/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
