import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import areas from "../../src/pipelines/areas.ts";
import bagAddresses from "../../src/pipelines/bag-addresses.ts";
import bagBuildings from "../../src/pipelines/bag-buildings.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";
import { startTestMonitor, type TestMonitor } from "../support/test-server.ts";

describe("the BAG pipelines on the demo", () => {
  let monitor: TestMonitor;
  beforeAll(async () => {
    monitor = await startTestMonitor(inject("demoDir"));
  });
  afterAll(() => monitor?.close());

  it("publishes the demo town's addresses and buildings, each in a buurt", async () => {
    const [addresses] = await monitor.db.query(
      "SELECT count(*) AS n, count(DISTINCT street) AS streets, count(*) FILTER (WHERE buurt_code IS NULL) AS outside FROM main.bag_addresses",
    );
    const [buildings] = await monitor.db.query("SELECT count(*) AS n, count(*) FILTER (WHERE buurt_code IS NULL) AS outside FROM main.bag_buildings");
    expect(Number(addresses!.n)).toBeGreaterThan(8000);
    expect(Number(addresses!.n)).toBeLessThan(12000);
    expect(Number(addresses!.streets)).toBeGreaterThan(100);
    expect(Number(buildings!.n)).toBeGreaterThan(5000);
    expect(Number(buildings!.n)).toBeLessThan(7000);
    expect([addresses!.outside, buildings!.outside]).toEqual([0, 0]);
    // Every address's building was loaded, and its point lies in that building's bbox.
    const orphans = await monitor.db.query(
      `SELECT a.address_id FROM main.bag_addresses a LEFT JOIN main.bag_buildings b ON b.building_id = a.building_id
       WHERE b.building_id IS NULL OR a.lon NOT BETWEEN b.min_lon AND b.max_lon OR a.lat NOT BETWEEN b.min_lat AND b.max_lat LIMIT 5`,
    );
    expect(orphans).toEqual([]);
    const kinds = await monitor.db.query(
      "SELECT DISTINCT use_classes FROM main.bag_addresses WHERE use_classes IN ('onderwijsfunctie', 'industriefunctie', 'winkelfunctie,woonfunctie') ORDER BY 1",
    );
    expect(kinds.map((k) => k.use_classes)).toEqual(["industriefunctie", "onderwijsfunctie", "winkelfunctie,woonfunctie"]);
  });
});

/** One bad record in six is over the 2 % a live run tolerates: the fixture's run allows it. */
const addressesOfFixture = { ...bagAddresses, maxRejectShare: 0.5 };

/** What both fixture sets hold, once loaded: Spui 66 is ingetrokken, Kalvermarkt 1 has a bad postcode, Haagweg 10 lies in Rijswijk. */
const ADDRESSES = [
  ["0518010000713450", "0518100000271430", "Spui", 70, null, null, "2511 BT", "kantoorfunctie,bijeenkomstfunctie", 104100],
  ["0518010000713451", "0518100000271431", "Spui", 68, null, null, "2511 BT", "winkelfunctie,woonfunctie", 85],
  ["0518010000713452", "0518100000271431", "Spui", 68, "A", null, "2511 BT", "woonfunctie", 62],
  ["0518010000713453", "0518100000271431", "Spui", 68, null, "2", "2511 BT", "woonfunctie", 58],
  ["0518010000713455", "0518100000271433", "Spui", 72, null, null, "2511 BT", "winkelfunctie", 140],
];
const BUILDINGS = [
  { building_id: "0518100000271430", construction_year: 1995, status: "Pand in gebruik", type: "Polygon" },
  { building_id: "0518100000271431", construction_year: 1890, status: "Pand in gebruik (niet ingemeten)", type: "Polygon" },
  { building_id: "0518100000271433", construction_year: 1920, status: "Verbouwing pand", type: "MultiPolygon" },
];

describe("the PDOK BAG connector", () => {
  let pdok: RecordedServer;
  let bag: RecordedServer;
  let failing: string | null = null;
  beforeAll(async () => {
    pdok = await startRecordedServer(path.join(fixturesDir, "pdok"));
    // Both namings in one server: /wfs-names/… and /ogc-names/… are the two base URLs.
    bag = await startRecordedServer(path.join(fixturesDir, "pdok-bag"), (req, res) => {
      if (!failing || !req.url?.includes(failing)) return false;
      res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
      return true;
    });
  });
  afterAll(async () => {
    await pdok.close();
    await bag.close();
  });

  /** A harness with the fixtures' gemeente (GM0518, a box 4.2–4.4, 52.0–52.2) published. */
  async function withAreas(settings: { baseUrl: string; bbox?: [number, number, number, number] }): Promise<Harness> {
    const harness = await openHarness({ pdok: { baseUrl: pdok.url, municipalityCode: "GM0518" }, bag: settings });
    expect((await harness.runner.run(areas, "manual")).status).toBe("succeeded");
    return harness;
  }

  const addressRows = (harness: Harness) =>
    harness.db.query(
      "SELECT address_id, object_id, building_id, street, house_number, house_letter, addition, postcode, place, use_classes, floor_area, lon, lat FROM main.bag_addresses ORDER BY object_id",
    );
  const buildingRows = (harness: Harness) =>
    harness.db.query(
      "SELECT building_id, construction_year, status, geometry->>'$.type' AS type, geometry::VARCHAR AS geometry, min_lon, min_lat, max_lon, max_lat, lon, lat FROM main.bag_buildings ORDER BY building_id",
    );

  async function expectLoaded(harness: Harness, addressIds: string[]) {
    const result = await harness.runner.run(addressesOfFixture, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsLoaded: 5, rowsRejected: 1 });
    const rows = await addressRows(harness);
    expect(
      rows.map((r) => [
        r.object_id,
        r.building_id,
        r.street,
        Number(r.house_number),
        r.house_letter,
        r.addition,
        r.postcode,
        r.use_classes,
        Number(r.floor_area),
      ]),
    ).toEqual(ADDRESSES);
    expect(rows.map((r) => r.address_id)).toEqual(addressIds);
    expect(new Set(rows.map((r) => r.place))).toEqual(new Set(["'s-Gravenhage"]));
    expect(rows[0]).toMatchObject({ lon: 4.3183421, lat: 52.0776893 });
    const rejects = await harness.db.query("SELECT column_name, reason, raw FROM meta.rejects WHERE run_id = $1", [result.runId]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ column_name: "postcode", reason: "postcode must look like 2511 BT" });
    expect(String(rejects[0]!.raw)).toContain("Kalvermarkt");

    const built = await harness.runner.run(bagBuildings, "manual");
    expect(built).toMatchObject({ status: "succeeded", rowsLoaded: 3, rowsRejected: 0 });
    const buildings = await buildingRows(harness);
    expect(
      buildings.map(({ building_id, construction_year, status, type }) => ({ building_id, construction_year: Number(construction_year), status, type })),
    ).toEqual(BUILDINGS);
    for (const b of buildings) {
      expect(Number(b.min_lon)).toBeLessThan(Number(b.lon));
      expect(Number(b.lon)).toBeLessThan(Number(b.max_lon));
      expect(Number(b.min_lat)).toBeLessThan(Number(b.lat));
      expect(Number(b.lat)).toBeLessThan(Number(b.max_lat));
    }
    // The height some services add to each position is dropped.
    expect(JSON.parse(String(buildings[0]!.geometry)).coordinates[0][0]).toEqual([4.3182221, 52.0776093]);
  }

  it("loads the WFS v2 names: numeric ids padded to 16 digits, the configured bbox, two pages by rel=next", async () => {
    const harness = await withAreas({ baseUrl: `${bag.url}/wfs-names`, bbox: [4.19, 51.99, 4.41, 52.21] });
    bag.requests.length = 0;
    try {
      // No nummeraanduiding in these names: the address is keyed by its verblijfsobject.
      await expectLoaded(
        harness,
        ADDRESSES.map((a) => String(a[0])),
      );
      const requests = bag.requests.map((r) => new URL(r, bag.url));
      expect(requests.every((r) => r.searchParams.get("bbox") === "4.19,51.99,4.41,52.21" && r.searchParams.get("limit") === "1000")).toBe(true);
      // Addresses: two pages; buildings: stops at the empty third page although it links to a next one.
      expect(requests.map((r) => `${r.pathname.split("/")[3]}:${r.searchParams.get("cursor") ?? "-"}`)).toEqual([
        "verblijfsobject:-",
        "verblijfsobject:Kv9vYmpfMDUxODAxMDAwMDcxMzQ1NA",
        "pand:-",
        "pand:UGFuZF8yNzE0MzI",
        "pand:UGFuZF8wMTIzNDU",
      ]);
    } finally {
      harness.close();
    }
  });

  it("loads the OGC API snake_case names, keyed by the nummeraanduiding, in the bbox of the published gemeente", async () => {
    const harness = await withAreas({ baseUrl: `${bag.url}/ogc-names` });
    try {
      await expectLoaded(
        harness,
        ADDRESSES.map((a) => String(a[0]).replace("05180100", "05182000")),
      );
    } finally {
      harness.close();
    }
  });

  it("fails a run whose second page fails, naming its URL, and keeps the data published before", async () => {
    const harness = await withAreas({ baseUrl: `${bag.url}/ogc-names` });
    try {
      expect((await harness.runner.run(addressesOfFixture, "manual")).status).toBe("succeeded");
      failing = "cursor=Q3Vyc29yXzI";
      const result = await harness.runner.run(addressesOfFixture, "manual");
      expect(result.status).toBe("failed");
      expect(result.error).toContain("/ogc-names/collections/verblijfsobject/items?");
      expect(result.error).toContain("cursor=Q3Vyc29yXzI");
      expect(await harness.db.query("SELECT count(*) AS n FROM main.bag_addresses")).toEqual([{ n: 5 }]);
    } finally {
      failing = null;
      harness.close();
    }
  });

  it("fails with a clear message when neither MM_BAG_BBOX nor the areas give the extent", async () => {
    const harness = await openHarness({ bag: { baseUrl: `${bag.url}/ogc-names` } });
    try {
      const result = await harness.runner.run(bagBuildings, "manual");
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/MM_BAG_BBOX.*areas pipeline/);
    } finally {
      harness.close();
    }
  });
});
