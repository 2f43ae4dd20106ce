/**
 * `npm run backup` while a monitor serves (through the server, with the token), `npm run restore`
 * into the stopped monitor's file after the data changed: every published table and the run history
 * are as they were at backup time. The commands run as real processes against real files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import type { Intercept } from "../../src/pipelines/framework/recorded-server.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { runScript } from "../support/run-script.ts";
import { clock } from "../support/test-server.ts";
import { switchable } from "../support/upstream-faults.ts";

const TOKEN = "backup-token-for-tests-0123456789abcdef";
let tmp: string;
let config: Config;
let monitor: Monitor | undefined;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-backup-"));
  config = loadConfig(
    {},
    {
      PORT: 0,
      MM_DB: path.join(tmp, "db", "monitor.duckdb"),
      MM_BACKUP_DIR: path.join(tmp, "backups"),
      MM_BACKUP_TOKEN: TOKEN,
      MM_DEMO: true,
      MM_DEMO_DIR: inject("demoDir"),
      MM_DB_RESERVE_MB: 0,
    },
  );
});
afterAll(async () => {
  await monitor?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** `npm run <script>` as a real process: its exit code and output. */
async function cli(script: "backup" | "restore", args: string[], env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await runScript(`src/app/cli/${script}.ts`, args, {
    MM_DB: config.MM_DB,
    MM_BACKUP_DIR: config.MM_BACKUP_DIR!,
    MM_DB_RESERVE_MB: "0",
    ...env,
  });
  return { code, output: stdout + stderr };
}

/** A new version of the stations: station NL99001 has moved. */
const movedStation: Intercept = (req, res) => {
  if (req.url !== "/luchtmeetnet/stations/NL99001") return false;
  const body = JSON.parse(readFileSync(path.join(inject("demoDir"), "luchtmeetnet", "stations", "NL99001.json"), "utf8"));
  body.data.location = "Groenmeer-Nieuwe Locatie";
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  return true;
};

/** Every published table's fingerprint and the whole run history. */
async function state(db: Database) {
  return { fingerprints: await fingerprintAll(db), runs: await db.query("SELECT * FROM meta.pipeline_runs ORDER BY run_id") };
}

describe("backup and restore", () => {
  it("backs up a serving monitor through its API and restores that state into the stopped monitor's file", async () => {
    const upstream = switchable();
    monitor = await startMonitor({ config, clock, log: () => {}, schedule: false, intercept: upstream });
    // It serves before the backfill (the air-quality history) is in; the backup is of the whole start.
    await monitor.startupRuns;
    const atBackup = await state(monitor.db);
    expect(Object.keys(atBackup.fingerprints).length).toBeGreaterThan(10);

    const denied = await fetch(`${monitor.url}/api/v1/backups`, { method: "POST", headers: { authorization: "Bearer not-the-token" } });
    expect(denied.status).toBe(401);
    const withoutToken = await cli("backup", ["nightly.duckdb"], { MM_URL: monitor.url });
    expect(withoutToken.code).toBe(1);
    expect(withoutToken.output).toMatch(/in use by another process[\s\S]*set MM_BACKUP_TOKEN/);

    const backup = await cli("backup", ["nightly.duckdb"], { MM_URL: monitor.url, MM_BACKUP_TOKEN: TOKEN });
    expect(backup.output).toContain(`backup written: ${path.join(config.MM_BACKUP_DIR!, "nightly.duckdb")}`);
    expect(backup.output).toContain("by the server");
    expect(backup.code).toBe(0);
    expect(readdirSync(config.MM_BACKUP_DIR!)).toEqual(["nightly.duckdb"]);

    // The data changes after the backup: a new version of the stations is published.
    upstream.use(movedStation);
    expect((await monitor.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
    const changed = await state(monitor.db);
    expect(changed.fingerprints.air_quality_stations).not.toEqual(atBackup.fingerprints.air_quality_stations);
    expect(changed.runs.length).toBe(atBackup.runs.length + 1);

    const refused = await cli("restore", [path.join(config.MM_BACKUP_DIR!, "nightly.duckdb")]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is in use .*stop the server before restoring/);

    await monitor.close();
    monitor = undefined;
    const restore = await cli("restore", [path.join(config.MM_BACKUP_DIR!, "nightly.duckdb")]);
    expect(restore.output).toMatch(/restored .*; the replaced database is kept as .*monitor\.duckdb\.before-restore-/);
    expect(restore.code).toBe(0);

    const restored = await openDatabase(config.MM_DB);
    try {
      expect(await state(restored)).toEqual(atBackup);
    } finally {
      restored.close();
    }
    const replaced = readdirSync(path.dirname(config.MM_DB)).filter((f) => f.includes("before-restore"));
    expect(replaced).toHaveLength(1);
    expect(existsSync(`${config.MM_DB}.wal`)).toBe(false);

    // With the server stopped, the command opens the database itself.
    const offline = await cli("backup", [path.join(tmp, "offline.duckdb")]);
    expect(offline.output).toContain(`backup written: ${path.join(tmp, "offline.duckdb")}`);
    expect(offline.output).not.toContain("by the server");
  });
});
