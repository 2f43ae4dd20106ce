/**
 * Generates one small demo municipality for the whole test run, and ingests it once into a template
 * database that test monitors start on a copy of (test-server.ts); tests read both through inject().
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { generateDemo } from "../../data/demo/generate-demo.ts";
import { startMonitor } from "../../src/app/start-monitor.ts";
import { testMonitorConfig, testMonitorDeps } from "./test-server.ts";

export const TEST_DEMO = { seed: 7, from: "2022-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", stations: 3 };

/** Ingests `demoDir` as startTestMonitor would, into `dbFile`, checkpointed and closed. */
async function ingestTemplate(demoDir: string, dbFile: string): Promise<void> {
  const lines: string[] = [];
  const monitor = await startMonitor({ ...testMonitorDeps(testMonitorConfig(demoDir, dbFile)), log: (line) => lines.push(line) });
  try {
    const failed = (await monitor.startupRuns).filter((result) => result.status !== "succeeded");
    if (failed.length) throw new Error(`test ingest failed: ${failed.map((result) => result.error).join("; ")}\n${lines.join("\n")}`);
  } finally {
    await monitor.close();
  }
  if (existsSync(`${dbFile}.wal`)) throw new Error(`the template database ${dbFile} was closed with a .wal file beside it`);
}

export default async function setup(project: TestProject) {
  for (const built of ["index.html", "widget/mm-indicator.js"]) {
    const file = path.resolve(import.meta.dirname, "../../dist/client", built);
    if (!existsSync(file)) throw new Error(`no client build at ${file}: run "npm run build" first (npm test does)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-test-demo-"));
  generateDemo(dir, TEST_DEMO);
  project.provide("demoDir", dir);
  const templateDir = mkdtempSync(path.join(os.tmpdir(), "mm-test-template-"));
  const cleanUp = () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(templateDir, { recursive: true, force: true });
  };
  try {
    const templateDb = path.join(templateDir, "template.duckdb");
    await ingestTemplate(dir, templateDb);
    project.provide("templateDb", templateDb);
  } catch (error) {
    cleanUp();
    throw error;
  }
  return cleanUp;
}

declare module "vitest" {
  export interface ProvidedContext {
    demoDir: string;
    /** The test demo ingested by every pipeline (startTestMonitor's settings), closed; copy it, never open it. */
    templateDb: string;
  }
}
