/**
 * `npm run pipelines -- check`, run as a process: on the demo it passes without opening (or creating)
 * the database, also while a server holds it; with live settings pointed at recorded responses, a
 * station that does not exist fails the check, naming the error, the URL and the setting to change.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { fingerprintAll, fixturesDir } from "../support/pipeline-harness.ts";
import { runScript } from "../support/run-script.ts";
import { startTestMonitor, type TestMonitor } from "../support/test-server.ts";

let tmp: string;
let server: RecordedServer;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-check-cli-"));
  server = await startRecordedServer(fixturesDir);
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string>) => runScript("src/app/cli/pipelines.ts", args, env);
const demo = (db: string) => ({ MM_DB: db, MM_DEMO: "true", MM_DEMO_DIR: inject("demoDir") });

describe("npm run pipelines -- check", () => {
  it("checks the named pipelines and what they read from, on the demo, without creating the database", async () => {
    const db = path.join(tmp, "never.duckdb");
    const result = await cli(["check", "air-quality-stations"], demo(db));
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^also checking areas: air-quality-stations reads from them$/m);
    expect(result.stdout).toMatch(/^areas \(Areas .*\): passed$/m);
    expect(result.stdout).toMatch(/^air-quality-stations \(Air quality stations\): passed$/m);
    expect(result.stdout).toMatch(/^ {2}source {4}Luchtmeetnet \/stations and \/stations\/\{number\}$/m);
    expect(result.stdout).toMatch(/^ {12}read http:\/\/127\.0\.0\.1:\d+\/luchtmeetnet\/stations\?page=1 \(\d+ requests\)$/m);
    expect(result.stdout).toMatch(/^ {2}rows {6}\d+ read, \d+ valid, 0 rejected$/m);
    expect(result.stdout).toMatch(/^2 pipelines checked: 2 passed, 0 with warnings, 0 failed, 0 skipped; nothing was published$/m);
    expect(existsSync(db)).toBe(false);
  });

  describe("while a server holds the database", () => {
    let monitor: TestMonitor;
    beforeAll(async () => {
      monitor = await startTestMonitor(inject("demoDir"));
    });
    afterAll(() => monitor?.close());

    it("runs beside it, and leaves its data and runs as they were", async () => {
      const runs = () => monitor.db.query("SELECT run_id, pipeline, status, rows_loaded FROM meta.pipeline_runs ORDER BY run_id");
      const before = { tables: await fingerprintAll(monitor.db), runs: await runs() };
      const result = await cli(["check", "air-quality-stations"], demo(monitor.config.MM_DB));
      expect(result.code).toBe(0);
      expect({ tables: await fingerprintAll(monitor.db), runs: await runs() }).toEqual(before);
    });
  });

  it("fails on a station that does not exist, naming the error, the URL asked and the setting to change", async () => {
    const result = await cli(["check", "air-quality-stations"], {
      MM_DB: path.join(tmp, "live.duckdb"),
      MM_DEMO: "false",
      MM_SOURCES: "live",
      MM_MUNICIPALITY_CODE: "GM0518",
      MM_PDOK_URL: `${server.url}/pdok`,
      MM_LUCHTMEETNET_URL: `${server.url}/luchtmeetnet`,
      MM_LUCHTMEETNET_STATIONS: "NL10404,NL10999",
      MM_FILES_DIR: tmp,
    });
    expect(result.code).toBe(1);
    const block = result.stdout.slice(result.stdout.indexOf("air-quality-stations ("));
    expect(block).toMatch(/^air-quality-stations \(Air quality stations\): FAILED$/m);
    expect(block).toContain(`not read: ${server.url}/luchtmeetnet/stations?page=2`);
    expect(block).toMatch(/^ {2}error {5}Luchtmeetnet does not list the configured station\(s\) NL10999$/m);
    expect(block).toMatch(/^ {2}change {4}MM_LUCHTMEETNET_STATIONS, or else MM_LUCHTMEETNET_URL$/m);
    expect(result.stdout).toMatch(/^2 pipelines checked: \d passed, \d with warnings, 1 failed, 0 skipped; nothing was published$/m);
    expect(existsSync(path.join(tmp, "live.duckdb"))).toBe(false);
  });

  it("refuses an unknown pipeline with the usage exit status", async () => {
    const result = await cli(["check", "areas", "nope"], demo(path.join(tmp, "x.duckdb")));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown pipeline: nope");
  });
});
