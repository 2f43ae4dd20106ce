import { defineConfig } from "vite";

// The client is a static bundle served by the Express server from dist/client.
export default defineConfig({
  root: "client",
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
