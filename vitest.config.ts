import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and browser tests each start a server and a DuckDB file; two workers fit 2 cores.
    maxWorkers: 2,
    env: { TZ: "Europe/Amsterdam" },
  },
});
