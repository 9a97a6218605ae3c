import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { browserSafeCore } from "./browser-safe-core.js";
import { offlinePlugin } from "./offline-plugin.js";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

/**
 * The playground is static files: `vite build` writes web/dist, which any static server (or `infonce serve`)
 * can host. All computation runs in the page and its Web Worker, on the same browser-safe core the library ships.
 */
export default defineConfig({
  root: webRoot,
  base: "./",
  plugins: [browserSafeCore(), offlinePlugin()],
  worker: { format: "es", plugins: () => [browserSafeCore()] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // vega + vega-lite are large; the warning would fire on every build without telling anything new.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
