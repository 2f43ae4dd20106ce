import { defineConfig } from "vite";
import { precompressAssets } from "./src/app/precompress-assets.ts";

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
  },
  server: {
    proxy: { "/api": "http://localhost:3000", "/healthz": "http://localhost:3000" },
  },
});
