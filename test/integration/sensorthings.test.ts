/** The SensorThings (RIVM Samen Meten) connector: on generated demo files and on recorded fixtures in the real shape. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateGeography } from "../../data/demo/geography.ts";
import { createRandom } from "../../data/demo/random.ts";
import { writePdok } from "../../data/demo/write-pdok.ts";
import { writeSensorThings, type DemoSensor } from "../../data/demo/write-sensorthings.ts";
import airQualitySensorObservations from "../../src/pipelines/air-quality-sensor-observations.ts";
import airQualitySensors from "../../src/pipelines/air-quality-sensors.ts";
import areas from "../../src/pipelines/areas.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { measuresPm25 } from "../../src/pipelines/sources/sensorthings.ts";
import { fixturesDir, openHarness } from "../support/pipeline-harness.ts";

const checkOf = (result: { checks: { name: string; passed: boolean }[] }, name: string) => result.checks.find((c) => c.name === name);

describe("the PM2.5 datastream rule", () => {
  it("matches pm25 and PM2.5 as a token, not pm10 or longer names", () => {
    expect(["LTD_1-0-pm25", "KNMI_x-0-pm25-kal", "PM2.5", "pm25"].every(measuresPm25)).toBe(true);
    expect(["LTD_1-0-pm10", "pm251", "xpm25", "LTD_1-0-temp"].some(measuresPm25)).toBe(false);
  });
});

describe("the sensor pipelines on generated demo files", () => {
  const from = new Date("2024-05-01T00:00:00Z");
  const to = new Date("2024-05-03T00:00:00Z");
  let dir: string;
  let server: RecordedServer;
  let sensors: DemoSensor[];
  let municipalityCode: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mm-sensorthings-"));
    const random = createRandom(7);
    const geography = generateGeography(random);
    municipalityCode = geography.gemeente.code;
    writePdok(path.join(dir, "pdok"), geography);
    // Small pages, so a few sensors and two days still exercise next-link paging.
    sensors = writeSensorThings(path.join(dir, "sensorthings"), geography, random, { from, to, sensors: 5, thingsPerPage: 2, observationsPerPage: 20 });
    server = await startRecordedServer(dir);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = () => ({
    asOf: to.toISOString(),
    pdok: { baseUrl: `${server.url}/pdok`, municipalityCode },
    sensorthings: { baseUrl: `${server.url}/sensorthings`, from: from.toISOString(), to: to.toISOString() },
  });

  it("publishes sensors with their buurt and their hourly observations, following next links", async () => {
    const harness = await openHarness(settings());
    try {
      expect((await harness.runner.run(areas, "manual")).status).toBe("succeeded");
      const sensorRun = await harness.runner.run(airQualitySensors, "manual");
      expect(sensorRun).toMatchObject({ status: "succeeded", rowsRead: 5, rowsLoaded: 5, rowsRejected: 0 });
      expect(checkOf(sensorRun, "buurt_assignment")?.passed).toBe(true);
      const published = await harness.db.query("SELECT datastream_id, buurt_code FROM main.air_quality_sensors ORDER BY datastream_id");
      // Only the PM2.5 stream of each Thing, not its PM10 stream; each in the buurt it was placed in.
      expect(published).toEqual(sensors.map((s) => ({ datastream_id: s.pm25DatastreamId, buurt_code: s.buurt })));

      const observationRun = await harness.runner.run(airQualitySensorObservations, "manual");
      expect(observationRun).toMatchObject({ status: "succeeded", rowsRejected: 0 });
      expect(observationRun.rowsLoaded).toBeGreaterThan(5 * 24);
      expect(observationRun.rowsLoaded).toBeLessThanOrEqual(5 * 48);
      const span = await harness.db.query(
        "SELECT count(DISTINCT datastream_id) AS streams, strftime(min(phenomenon_time), '%Y-%m-%dT%H') AS first, min(result) >= -10 AS sane FROM main.air_quality_sensor_observations",
      );
      expect(span).toEqual([{ streams: 5, first: "2024-05-01T00", sane: true }]);

      const requests = server.requests.map(decodeURIComponent);
      expect(requests.filter((r) => r.startsWith("/sensorthings/Things") && r.includes("$skip=")).length).toBeGreaterThan(0);
      expect(requests.some((r) => r.includes("/Observations?") && r.includes("$skip=20"))).toBe(true);
    } finally {
      harness.close();
    }
  });

  it("publishes sensors with a NULL buurt and a warning when no areas are published", async () => {
    const harness = await openHarness(settings());
    try {
      const result = await harness.runner.run(airQualitySensors, "manual");
      expect(result.status).toBe("succeeded");
      expect(checkOf(result, "buurt_assignment")?.passed).toBe(false);
      expect(await harness.db.query("SELECT count(*) AS n FROM main.air_quality_sensors WHERE buurt_code IS NULL")).toEqual([{ n: 5 }]);
    } finally {
      harness.close();
    }
  });
});

describe("the SensorThings connector on recorded RIVM responses", () => {
  let server: RecordedServer;
  let failing = false;
  beforeAll(async () => {
    server = await startRecordedServer(path.join(fixturesDir, "sensorthings-rivm"), (_req, res) => {
      if (!failing) return false;
      res.writeHead(503, { "content-type": "text/html" }).end("<html><body><h1>503 Service Unavailable</h1></body></html>");
      return true;
    });
  });
  afterAll(() => server.close());

  // The bbox is The Hague's: the Utrecht sensor on the second page is left out.
  const denHaag = () => ({
    asOf: "2024-03-01T03:00:00Z",
    sensorthings: {
      baseUrl: server.url,
      from: "2024-03-01T00:00:00Z",
      to: "2024-03-01T03:00:00Z",
      bbox: [4.18, 52.0, 4.42, 52.14] as [number, number, number, number],
    },
  });

  it("reads both Things pages, keeps PM2.5 streams inside the bbox, and takes an empty window in its stride", async () => {
    const harness = await openHarness(denHaag());
    try {
      expect(await harness.runner.run(airQualitySensors, "manual")).toMatchObject({ status: "succeeded", rowsRead: 2, rowsRejected: 0 });
      expect(await harness.db.query("SELECT thing_id, datastream_id, name, lon FROM main.air_quality_sensors ORDER BY datastream_id")).toEqual([
        { thing_id: 101, datastream_id: 902, name: "LTD_52233", lon: 4.2795 },
        { thing_id: 102, datastream_id: 903, name: "HLL_hl_device_339", lon: 4.3101 },
      ]);

      const result = await harness.runner.run(airQualitySensorObservations, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
      const rows = await harness.db.query(
        "SELECT datastream_id, strftime(phenomenon_time, '%Y-%m-%dT%H:%M') AS t, result FROM main.air_quality_sensor_observations ORDER BY t",
      );
      expect(rows).toEqual([
        { datastream_id: 902, t: "2024-03-01T00:00", result: 8.4 },
        { datastream_id: 902, t: "2024-03-01T01:00", result: 9.1 },
        { datastream_id: 902, t: "2024-03-01T02:00", result: 11.7 },
      ]);
      const requests = server.requests.map(decodeURIComponent);
      expect(requests.filter((r) => r.startsWith("/Things")).at(-1)).toBe("/Things?$expand=Locations,Datastreams&$skip=2");
      expect(requests.some((r) => r.startsWith("/Datastreams(902)/Observations?") && r.includes("$skip=2"))).toBe(true);
      expect(requests.some((r) => r.startsWith("/Datastreams(905)"))).toBe(false);
    } finally {
      harness.close();
    }
  });

  it("fails on an HTML error page and publishes nothing", async () => {
    const harness = await openHarness(denHaag());
    failing = true;
    try {
      for (const pipeline of [airQualitySensors, airQualitySensorObservations]) {
        const result = await harness.runner.run(pipeline, "manual");
        expect(result.status).toBe("failed");
        expect(result.error).toMatch(/HTTP 503/);
      }
      const tables = await harness.db.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN ('air_quality_sensors', 'air_quality_sensor_observations')",
      );
      expect(tables).toEqual([]);
    } finally {
      failing = false;
      harness.close();
    }
  });
});
