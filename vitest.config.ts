import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    environment: "node",
    // Safety nets against a hang, not speed limits: a test starts a monitor that ingests the demo, or
    // several CLI processes, and a loaded 2-core machine (CI once ran beside other work) takes minutes.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Integration and browser tests each start a server and a DuckDB file; two workers fit 2 cores.
    maxWorkers: 2,
    env: { TZ: "Europe/Amsterdam" },
  },
});
