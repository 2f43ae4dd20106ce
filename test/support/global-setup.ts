/** Generates one small demo municipality for the whole test run; tests read it through inject(). */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { generateDemo } from "../../data/demo/generate-demo.ts";

export const TEST_DEMO = { seed: 7, from: "2022-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", stations: 3 };

export default function setup(project: TestProject) {
  for (const built of ["index.html", "widget/mm-indicator.js"]) {
    const file = path.resolve(import.meta.dirname, "../../dist/client", built);
    if (!existsSync(file)) throw new Error(`no client build at ${file}: run "npm run build" first (npm test does)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-test-demo-"));
  generateDemo(dir, TEST_DEMO);
  project.provide("demoDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    demoDir: string;
  }
}
