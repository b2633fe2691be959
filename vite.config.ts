import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The renderer is a plain web app: the same build runs in Electron's window and in browser mode.
// Monaco and its workers are bundled here (no CDN), so the Studio works offline and under a strict CSP.
export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
    // Monaco's worker and asset plugins dominate the build by design; the timing report is noise.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: "es" },
});
