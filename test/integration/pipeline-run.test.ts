import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { abandonInterruptedRuns } from "../../src/pipelines/framework/run-lock.ts";
import { PipelineBusyError, type FaultPoint } from "../../src/pipelines/framework/run-pipeline.ts";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import { startTestMonitor, FIXED_NOW, type TestMonitor } from "../support/test-server.ts";
import { editPages, failWith, switchable } from "../support/upstream-faults.ts";

const upstreamDir = () => inject("demoDir");
const intercept = switchable();
let failAt: FaultPoint | null = null;
let monitor: TestMonitor;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), {
    intercept,
    fault: (point) => {
      if (point === failAt) throw new Error(`injected failure at ${point}`);
    },
  });
});
afterAll(() => monitor?.close());
beforeEach(() => {
  intercept.use(null);
  failAt = null;
});

/** Order-independent fingerprint of a published table. */
async function fingerprint(table: "air_quality_measurements" | "air_quality_stations") {
  const rows = await monitor.db.query(`SELECT count(*) AS n, sum(hash(t))::VARCHAR AS h FROM main.${table} t`);
  return `${rows[0]!.n}:${rows[0]!.h}`;
}
const lastRun = async () => (await monitor.db.query("SELECT * FROM meta.pipeline_runs ORDER BY run_id DESC LIMIT 1"))[0]!;
const isMeasurementPage = (url: string) => url.startsWith("/luchtmeetnet/measurements");
const raiseValues = (data: Record<string, unknown>[]) => data.map((m) => ({ ...m, value: (m.value as number) + 1 }));

describe("a pipeline run", () => {
  it("published the demo with a complete run record (loaded + rejected = read)", async () => {
    const runs = await monitor.db.query("SELECT * FROM meta.pipeline_runs WHERE pipeline = 'air-quality-measurements' AND status = 'succeeded'");
    const first = runs[0]!;
    expect(first.rows_read).toBe(Number(first.rows_loaded) + Number(first.rows_rejected));
    expect(Number(first.rows_loaded)).toBeGreaterThan(90_000);
    expect(first.started_at).toEqual(FIXED_NOW);
    const published = await monitor.db.query("SELECT run_id FROM meta.published WHERE pipeline = 'air-quality-measurements'");
    expect(published[0]!.run_id).toBe(first.run_id);
  });

  it("gives the same published table when run again on the same input (no duplicate keys)", async () => {
    const before = await fingerprint("air_quality_measurements");
    const result = await monitor.runner.run(airQualityMeasurements, "manual");
    expect(result.status).toBe("succeeded");
    expect(result.rowsLoaded).toBeGreaterThan(0);
    expect(await fingerprint("air_quality_measurements")).toBe(before);
    const duplicates = await monitor.db.query(
      "SELECT count(*) - count(DISTINCT (station_number, formula, timestamp_measured)) AS d FROM main.air_quality_measurements",
    );
    expect(duplicates[0]!.d).toBe(0);
  });

  it("publishes changed upstream data (so the failure tests below can tell old from new)", async () => {
    const before = await fingerprint("air_quality_measurements");
    intercept.use(editPages(upstreamDir(), isMeasurementPage, raiseValues));
    expect((await monitor.runner.run(airQualityMeasurements, "manual")).status).toBe("succeeded");
    expect(await fingerprint("air_quality_measurements")).not.toBe(before);
  });

  it.each(["after-staging", "before-commit"] as const)("keeps the published data when the run fails at %s", async (point) => {
    const before = await fingerprint("air_quality_measurements");
    intercept.use(editPages(upstreamDir(), isMeasurementPage, raiseValues));
    failAt = point;
    const result = await monitor.runner.run(airQualityMeasurements, "manual");
    expect(result).toMatchObject({ status: "failed", error: `injected failure at ${point}` });
    expect(await fingerprint("air_quality_measurements")).toBe(before);
    expect(await lastRun()).toMatchObject({ status: "failed", error: `injected failure at ${point}` });
    const staging = await monitor.db.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%staging%'");
    expect(staging).toEqual([]);
  });

  it("keeps the published data when the upstream fails halfway, after retrying", async () => {
    const before = await fingerprint("air_quality_stations");
    const seen = monitor.upstream.requests.length;
    intercept.use(failWith(500, (url) => url.startsWith("/luchtmeetnet/stations/NL99002")));
    const result = await monitor.runner.run(airQualityStations, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toContain("HTTP 500");
    expect(result).toMatchObject({ rowsRead: 1, rowsLoaded: 0 });
    expect(monitor.upstream.requests.slice(seen).filter((u) => u.startsWith("/luchtmeetnet/stations/NL99002"))).toHaveLength(3);
    expect(await fingerprint("air_quality_stations")).toBe(before);
  });

  it("fails at once, without retrying, on a permanent 4xx answer", async () => {
    const seen = monitor.upstream.requests.length;
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    const result = await monitor.runner.run(airQualityStations, "manual");
    expect(result.error).toContain("HTTP 404");
    expect(monitor.upstream.requests.slice(seen)).toHaveLength(1);
  });

  it("quarantines invalid records with their reason and publishes the rest", async () => {
    let injected = false;
    intercept.use(
      editPages(upstreamDir(), isMeasurementPage, (data) => {
        if (injected || data.length === 0) return data;
        injected = true;
        return [...data, { ...data[0], formula: "CO" }, { ...data[0], value: "n/a", timestamp_measured: "2025-12-31T23:30:00+00:00" }];
      }),
    );
    const result = await monitor.runner.run(airQualityMeasurements, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRejected: 2 });
    expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsRejected);
    const rejects = await monitor.db.query("SELECT column_name, reason, origin, line, raw FROM meta.rejects WHERE run_id = $1 ORDER BY column_name", [
      result.runId,
    ]);
    expect(rejects.map((r) => [r.column_name, r.reason])).toEqual([
      ["formula", "must be one of NO2, PM10, PM25, O3"],
      ["value", "not a valid double"],
    ]);
    expect(rejects[0]!.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/luchtmeetnet\/measurements\?/);
    expect(Number(rejects[0]!.line)).toBeGreaterThan(1);
    expect(JSON.parse(String(rejects[1]!.raw)).value).toBe("n/a");
  });

  it("publishes a run whose pages repeat a record, keeping the record once", async () => {
    expect((await monitor.runner.run(airQualityMeasurements, "manual")).status).toBe("succeeded");
    const before = await fingerprint("air_quality_measurements");
    intercept.use(editPages(upstreamDir(), isMeasurementPage, (data) => [...data, ...data.slice(0, 1)]));
    const result = await monitor.runner.run(airQualityMeasurements, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRejected: 0 });
    expect(result.rowsDuplicate).toBeGreaterThan(0);
    expect(result.rowsLoaded + result.rowsDuplicate).toBe(result.rowsRead);
    expect(await fingerprint("air_quality_measurements")).toBe(before);
  });

  it("never runs the same pipeline twice at once", async () => {
    intercept.use((req, res) => {
      if (!req.url?.startsWith("/luchtmeetnet/stations?")) return false;
      setTimeout(() => intercept.use(null), 0);
      setTimeout(() => res.writeHead(503, { "retry-after": "0" }).end(), 200);
      return true;
    });
    const first = monitor.runner.run(airQualityStations, "manual");
    await expect(monitor.runner.run(airQualityStations, "manual")).rejects.toBeInstanceOf(PipelineBusyError);
    expect(monitor.runner.isRunning("air-quality-stations")).toBe(true);
    expect((await first).status).toBe("succeeded");
    expect(monitor.runner.isRunning("air-quality-stations")).toBe(false);
  });

  it("marks runs left running by a dead process as abandoned at start-up", async () => {
    await monitor.db.query(
      "INSERT INTO meta.pipeline_runs (pipeline, trigger, status, started_at) VALUES ('air-quality-stations', 'schedule', 'running', now()::TIMESTAMP)",
    );
    expect(await abandonInterruptedRuns(monitor.db, FIXED_NOW)).toBe(1);
    expect(await lastRun()).toMatchObject({ status: "abandoned", error: expect.stringContaining("abandoned") });
  });
});
