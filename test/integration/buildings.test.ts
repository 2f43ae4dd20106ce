/**
 * GET /api/v1/buildings on the demo's BAG: exactly the footprints whose box meets the asked box
 * (checked against every footprint's own coordinates, read from DuckDB), the refusals naming bbox,
 * who may ask, the cache's ETag; and the cap, on a DuckDB with more buildings than an answer holds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BuildingsInView } from "../../src/ground/contract/contract-buildings.ts";
import { MAX_BUILDINGS } from "../../src/ground/contract/building-limits.ts";
import { buildingsInView } from "../../src/engine/dossiers/buildings-in-view.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let permit: Login;
let policy: Login;
/** Every footprint's id and the box of its coordinates, computed here from the stored GeoJSON. */
let footprints: { id: string; box: [number, number, number, number] }[];
let densest: { lon: number; lat: number };

type Coordinates = number | Coordinates[];
function boxOf(coordinates: Coordinates, box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]) {
  if (Array.isArray(coordinates) && typeof coordinates[0] === "number") {
    const [lon, lat] = coordinates as number[];
    box[0] = Math.min(box[0], lon!);
    box[1] = Math.min(box[1], lat!);
    box[2] = Math.max(box[2], lon!);
    box[3] = Math.max(box[3], lat!);
  } else for (const part of coordinates as Coordinates[]) boxOf(part, box);
  return box;
}

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [permit, policy] = await Promise.all([login(monitor.url, "permit"), login(monitor.url, "policy")]);
  const rows = await monitor.db.query("SELECT building_id, geometry::VARCHAR AS geometry FROM main.bag_buildings");
  footprints = rows.map((row) => ({ id: String(row.building_id), box: boxOf((JSON.parse(String(row.geometry)) as { coordinates: Coordinates }).coordinates) }));
  const [top] = await monitor.db.query("SELECT avg(lon) AS lon, avg(lat) AS lat FROM main.bag_buildings GROUP BY buurt_code ORDER BY count(*) DESC LIMIT 1");
  densest = { lon: Number(top!.lon), lat: Number(top!.lat) };
});
afterAll(() => monitor?.close());

const get = (query: string, auth: Login | null = permit, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}/api/v1/buildings?${query}`, { headers: { ...headers, ...(auth ? { cookie: auth.cookie } : {}) } });

/** A conditional GET through node:http: fetch adds `Cache-Control: no-cache` to a request with If-None-Match, which forbids a 304. */
function conditional(query: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${monitor.url}/api/v1/buildings?${query}`, { headers: { cookie: permit.cookie, "if-none-match": etag } }, (res) => {
      res.resume().on("end", () => resolve(res.statusCode!));
    })
      .on("error", reject)
      .end();
  });
}

type Box = readonly [number, number, number, number];
function meets(box: Box, [west, south, east, north]: Box) {
  return box[2] >= west && box[0] <= east && box[3] >= south && box[1] <= north;
}

describe("GET /api/v1/buildings", () => {
  it.each([
    ["the densest buurt's middle", 0.004, 0.0025],
    ["a sliver", 0.0004, 0.003],
    ["a corner of it", 0.001, 0.001],
  ])("answers exactly the footprints that meet the box: %s", async (_what, halfLon, halfLat) => {
    const bbox = [densest.lon - halfLon, densest.lat - halfLat, densest.lon + halfLon, densest.lat + halfLat].map((v) => v.toFixed(6));
    const response = await get(`bbox=${bbox.join(",")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-data-version")).toMatch(/^[0-9a-f]{8}$/);
    const answer = BuildingsInView.parse(await response.json());
    const expected = footprints.filter((f) => meets(f.box, bbox.map(Number) as unknown as Box)).map((f) => f.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(answer.total).toBe(expected.length);
    expect(answer.truncated).toBe(false);
    expect(answer.items.map((item) => item.id).sort()).toEqual(expected.sort());
    expect(answer.bbox).toEqual(bbox.map(Number));
    for (const item of answer.items) {
      expect(item.rings.length).toBeGreaterThan(0);
      for (const ring of item.rings) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        for (const [lon, lat] of ring) {
          expect(Math.round(lon! * 1e6) / 1e6).toBe(lon);
          expect(Math.round(lat! * 1e6) / 1e6).toBe(lat);
        }
      }
    }
  });

  it("answers an empty box with no buildings", async () => {
    const answer = BuildingsInView.parse(await (await get("bbox=4.0,51.0,4.001,51.001")).json());
    expect(answer).toEqual({ bbox: [4, 51, 4.001, 51.001], items: [], truncated: false, total: 0 });
  });

  it("sends an ETag, and 304 when it is sent back", async () => {
    const query = `bbox=${[densest.lon - 0.002, densest.lat - 0.001, densest.lon + 0.002, densest.lat + 0.001].map((v) => v.toFixed(6)).join(",")}`;
    const first = await get(query);
    await first.body?.cancel();
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(await conditional(query, etag!)).toBe(304);
  });

  it.each([
    ["missing", ""],
    ["not four numbers", "bbox=5.1,52.1,5.2"],
    ["west east of east", "bbox=5.11,52.10,5.10,52.11"],
    ["not degrees", "bbox=500,52.10,501,52.11"],
    ["SQL", "bbox=5.1,52.1,5.11,52.11);DROP TABLE main.bag_buildings;--"],
  ])("refuses a malformed bbox (%s) with a 400 naming bbox", async (_what, query) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(["bbox"]);
  });

  it("refuses a box larger than 3 × 3 km: zoom in", async () => {
    const response = await get("bbox=5.05,52.08,5.15,52.12", permit, { "accept-language": "en" });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(["bbox"]);
    expect(problem.detail).toMatch(/bbox: covers \d+ × \d+ m, at most 3000 × 3000 m: zoom in/);
  });

  it("is for the permit officer and the admin: 403 for the policy role, 401 without a session", async () => {
    const query = "bbox=5.10,52.10,5.11,52.11";
    expect((await get(query, policy)).status).toBe(403);
    expect((await get(query, null)).status).toBe(401);
  });
});

describe("buildingsInView on a dense grid", () => {
  let tmp: string;
  let db: Database;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "mm-buildings-"));
    db = await openDatabase(path.join(tmp, "b.duckdb"), { maxConnections: 1 });
    // 80 × 80 footprints of ~7 × 7 m on a 10 m grid: more than an answer holds.
    await db.query(`CREATE TABLE main.bag_buildings AS
      SELECT lpad((i * 80 + j)::VARCHAR, 16, '0') AS building_id, 1900 + j AS construction_year, 'Pand in gebruik' AS status,
        json_object('type', 'Polygon', 'coordinates', [[[w, s], [w + 0.0001, s], [w + 0.0001, s + 0.00006], [w, s + 0.00006], [w, s]]]) AS geometry,
        w AS min_lon, s AS min_lat, w + 0.0001 AS max_lon, s + 0.00006 AS max_lat, w + 0.00005 AS lon, s + 0.00003 AS lat, 'BU00000001' AS buurt_code
      FROM (SELECT i, j, 5.0 + i * 0.00015 AS w, 52.0 + j * 0.00009 AS s FROM range(80) a(i), range(80) b(j))`);
    await db.query(
      `INSERT INTO meta.pipeline_runs (pipeline, trigger, status, started_at, finished_at) VALUES ('bag-buildings', 'manual', 'succeeded', now(), now())`,
    );
    await db.query(
      `INSERT INTO meta.published (pipeline, table_name, run_id, published_at) SELECT 'bag-buildings', 'bag_buildings', max(run_id), now() FROM meta.pipeline_runs`,
    );
    db.published.begin();
    await db.published.end();
  });
  afterAll(async () => {
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("caps the answer, nearest the box's centre first, and says it is truncated", async () => {
    const bbox = [4.99, 51.99, 5.02, 52.01] as const;
    const answer = await buildingsInView(db, bbox);
    expect(answer.total).toBe(6400);
    expect(answer.items).toHaveLength(MAX_BUILDINGS);
    expect(answer.truncated).toBe(true);
    // The 1,400 left out are the farthest from the centre.
    const centre = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
    const far = (item: { rings: number[][][] }) => Math.hypot(item.rings[0]![0]![0]! + 0.00005 - centre[0]!, item.rings[0]![0]![1]! + 0.00003 - centre[1]!);
    expect(far(answer.items[0]!)).toBeLessThanOrEqual(far(answer.items.at(-1)!));
  });

  it("selects by the footprints' boxes, edges included", async () => {
    // The box touches the first column's east edge (5.0001) and nothing of the second column (from 5.00015).
    const answer = await buildingsInView(db, [4.9, 51.9, 5.0001, 52.1]);
    expect(answer.total).toBe(80);
    expect(answer.items.every((item) => Number(item.id) < 80)).toBe(true);
    expect(answer.items[0]!.year).toBeGreaterThanOrEqual(1900);
  });
});
