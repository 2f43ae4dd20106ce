import { defineConfig } from "vite";
import { precompressAssets } from "./src/app/precompress-assets.ts";

interface ModuleGraph {
  getModuleInfo(id: string): { importers: readonly string[] } | null;
}

/** The client's own modules (and the shared ones from src/ground it uses). */
const appModule = /[\\/](client[\\/]src|src[\\/]ground)[\\/]/;
/** Observable Plot and what it needs of d3, behind client/src/charts/plot-parts.ts. */
const plotModule =
  /[\\/]charts[\\/]plot-parts\.ts$|[\\/]node_modules[\\/](@observablehq[\\/]plot|d3-[a-z-]+|internmap|isoformat|interval-tree-1d|binary-search-bounds)[\\/]/;
/** The policy overview: most users' first page after the login. */
const overviewView = /[\\/]client[\\/]src[\\/]views[\\/]theme-overview\.ts$/;

// The client is a static bundle served by the Express server from dist/client.
export default defineConfig({
  root: "client",
  // Brotli and gzip copies beside the assets, served by src/web/http/precompressed.ts.
  plugins: [precompressAssets()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // A page's first load on a phone is a few requests rather than a dozen or more (issue 22,
        // Lighthouse mobile). What every page loads stays in the entry chunk; Plot and d3 are one
        // chunk that loads after a page's text is painted (client/src/charts/plot.ts); the modules
        // views share are one chunk, except those the overview uses, which are one of their own so
        // the overview loads only those. Each group takes its modules' imports along, so the chunks
        // import one way only (shared → overview's → entry) and run in order.
        codeSplitting: {
          groups: [
            { name: "index", tags: ["$initial"], priority: 4 },
            { name: "plot", test: plotModule, priority: 3 },
            {
              name: (id: string, graph: ModuleGraph) =>
                appModule.test(id) && graph.getModuleInfo(id)?.importers.some((importer) => overviewView.test(importer)) ? "shared-overview" : null,
              minShareCount: 2,
              priority: 2,
            },
            { name: "shared", test: appModule, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { "/api": "http://localhost:3000", "/healthz": "http://localhost:3000" },
  },
});
