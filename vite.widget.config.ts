import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import { precompressAssets } from "./src/app/precompress-assets.ts";

/**
 * The <mm-indicator> widget, built apart from the app: other sites link it by a stable URL, so no
 * hash in its name (the server sends it with `no-cache`), one ES module with Lit inside. Runs after
 * the app's build (which empties dist/client).
 */
const root = import.meta.dirname;
const EXAMPLE_SCRIPT = "https://monitor.example.nl/widget/mm-indicator.js";

/** docs/widget-example.html, with the script from the monitor serving it, as /widget/example.html. */
function examplePage(): Plugin {
  return {
    name: "mm-widget-example",
    generateBundle() {
      const page = readFileSync(path.join(root, "docs", "widget-example.html"), "utf8");
      if (!page.includes(EXAMPLE_SCRIPT)) throw new Error(`docs/widget-example.html must load ${EXAMPLE_SCRIPT}`);
      this.emitFile({ type: "asset", fileName: "example.html", source: page.replace(EXAMPLE_SCRIPT, "./mm-indicator.js") });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [examplePage(), precompressAssets()],
  // Lit's production build even when built from a test process (NODE_ENV=test picks "development").
  resolve: { conditions: ["module", "browser", "production"] },
  build: {
    outDir: path.join(root, "dist", "client", "widget"),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    reportCompressedSize: true,
    rollupOptions: {
      input: path.join(root, "client", "src", "widget", "mm-indicator.ts"),
      preserveEntrySignatures: "exports-only",
      output: { format: "es", entryFileNames: "mm-indicator.js" },
    },
  },
});
