/** The Luchtmeetnet connector against recorded responses in the API's real shape, over loopback. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { fixturesDir, openHarness } from "../support/pipeline-harness.ts";

let server: RecordedServer;
let errorPageFor: string | null = null;
beforeAll(async () => {
  server = await startRecordedServer(path.join(fixturesDir, "luchtmeetnet"), (req, res) => {
    if (!errorPageFor || !req.url?.includes(errorPageFor)) return false;
    res.writeHead(502, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    return true;
  });
});
afterAll(() => server.close());

// asOf: the recorded week is "now", so the measurements' freshness check judges it as live data.
const denHaag = () => ({
  asOf: "2024-01-10T00:00:00Z",
  luchtmeetnet: { baseUrl: server.url, from: "2024-01-08T00:00:00Z", to: "2024-01-10T00:00:00Z", stations: ["NL10404", "NL10445", "NL10446", "NL10450"] },
});

describe("the Luchtmeetnet connector", () => {
  it("pages through the station list, keeps the configured stations and their measurements", async () => {
    const harness = await openHarness(denHaag());
    try {
      expect((await harness.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
      const stations = await harness.db.query("SELECT number, type, lon FROM main.air_quality_stations ORDER BY number");
      expect(stations.map((s) => s.number)).toEqual(["NL10404", "NL10445", "NL10446", "NL10450"]);
      expect(stations[1]).toEqual({ number: "NL10445", type: "traffic", lon: 4.3166 });

      const result = await harness.runner.run(airQualityMeasurements, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 8, rowsLoaded: 8, rowsRejected: 0 });
      const rows = await harness.db.query(
        "SELECT station_number, formula, strftime(timestamp_measured, '%Y-%m-%dT%H:%M') AS t FROM main.air_quality_measurements ORDER BY station_number, t, formula",
      );
      // PM25 is spelled without a dot; "+00:00" timestamps are the end of the hour, stored in UTC.
      expect(rows.filter((r) => r.formula === "PM25").map((r) => r.station_number)).toEqual(["NL10404", "NL10446"]);
      expect(rows[0]).toEqual({ station_number: "NL10404", formula: "NO2", t: "2024-01-08T01:00" });
      // The second page of NL10404 was followed; NL10445's window was empty and that is fine.
      expect(server.requests.some((r) => r.includes("station_number=NL10404") && r.includes("page=2"))).toBe(true);
      expect(rows.some((r) => r.station_number === "NL10445")).toBe(false);
    } finally {
      harness.close();
    }
  });

  it("fails on an HTML error page instead of JSON, keeping what was published", async () => {
    const harness = await openHarness(denHaag());
    try {
      await harness.runner.run(airQualityStations, "manual");
      errorPageFor = "station_number=NL10450";
      const result = await harness.runner.run(airQualityMeasurements, "manual");
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/HTTP 502/);
      expect(await harness.db.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'air_quality_measurements'")).toEqual([]);
    } finally {
      errorPageFor = null;
      harness.close();
    }
  });

  it("fails clearly when a configured station is not listed", async () => {
    const harness = await openHarness({ ...denHaag(), luchtmeetnet: { ...denHaag().luchtmeetnet, stations: ["NL10404", "NL10999"] } });
    try {
      const result = await harness.runner.run(airQualityStations, "manual");
      expect(result.error).toBe("Luchtmeetnet does not list the configured station(s) NL10999");
    } finally {
      harness.close();
    }
  });
});
