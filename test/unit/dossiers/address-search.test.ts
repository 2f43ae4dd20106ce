/**
 * The address search and the sensitive buildings on a real DuckDB with hand-built BAG addresses:
 * every query form the address box takes, typos, partial input and ranking.
 */
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddressSearch } from "../../../src/engine/dossiers/address-search.ts";
import { sensitiveBuildings } from "../../../src/engine/dossiers/sensitive-buildings.ts";
import { openDatabase, type Database } from "../../../src/store/database.ts";

let db: Database;
const search = (q: string, limit = 10) => createAddressSearch(db).search(q, limit, {});
const labels = async (q: string, limit = 10) =>
  (await search(q, limit)).items.map((a) => `${a.street} ${a.number}${a.letter ?? ""}${a.addition ? `-${a.addition}` : ""}, ${a.postcode} ${a.place}`);

beforeAll(async () => {
  db = await openDatabase(":memory:", { maxConnections: 2, lockdown: { allowedDirectories: [os.tmpdir()], memoryLimit: "256MB" } });
  await db.query(`CREATE TABLE main.bag_addresses (address_id VARCHAR, object_id VARCHAR, building_id VARCHAR, street VARCHAR, house_number INTEGER,
    house_letter VARCHAR, addition VARCHAR, postcode VARCHAR, place VARCHAR, use_classes VARCHAR, floor_area INTEGER, lon DOUBLE, lat DOUBLE, buurt_code VARCHAR)`);
  // Spui 1–99 in two postcodes, 70A and 70-2 besides 70; Spuistraat 1–40; Kerkstraat 1–20; a Spui in Rotterdam.
  const street = (first: number, name: string, place: string, count: number, postcode: (n: number) => string, lat: number) =>
    db
      .query(
        `INSERT INTO main.bag_addresses SELECT lpad(CAST($first + n AS VARCHAR), 16, '0518200000'), lpad(CAST($first + n AS VARCHAR), 16, '0518010000'),
         lpad(CAST($first + n / 4 AS VARCHAR), 16, '0518100000'), $name, n, NULL, NULL, NULL, $place, 'woonfunctie', 80,
         4.31 + n * 0.00005, $lat, 'BU05180001' FROM range(1, $count + 1) t(n)`,
        { first, name, place, count, lat },
      )
      .then(() =>
        db.query(`UPDATE main.bag_addresses SET postcode = CASE WHEN house_number < 50 THEN $a ELSE $b END WHERE street = $name AND place = $place`, {
          name,
          place,
          a: postcode(1),
          b: postcode(99),
        }),
      );
  await street(0, "Spui", "'s-Gravenhage", 99, (n) => (n < 50 ? "2511 BS" : "2511 BT"), 52.08);
  await street(1000, "Spuistraat", "'s-Gravenhage", 40, () => "2511 BD", 52.081);
  await street(2000, "Kerkstraat", "'s-Gravenhage", 20, () => "2512 AB", 52.07);
  await street(3000, "Spui", "Rotterdam", 10, () => "3011 AA", 51.92);
  await db.query(`INSERT INTO main.bag_addresses VALUES
    ('0518200000009001', 'x', 'b1', 'Spui', 70, 'A', NULL, '2511 BT', '''s-Gravenhage', 'kantoorfunctie', 100, 4.3135, 52.08, 'BU05180001'),
    ('0518200000009002', 'x', 'b1', 'Spui', 70, NULL, '2', '2511 BT', '''s-Gravenhage', 'woonfunctie', 60, 4.3135, 52.08, 'BU05180001'),
    ('0518200000009003', 'x', 'school1', 'Spui', 71, NULL, 'S', '2511 BT', '''s-Gravenhage', 'onderwijsfunctie', 900, 4.3136, 52.0801, 'BU05180001'),
    ('0518200000009004', 'x', 'care1', 'Kerkstraat', 21, NULL, NULL, '2512 AB', '''s-Gravenhage', 'gezondheidszorgfunctie, woonfunctie', 300, 4.3105, 52.07, 'BU05180001')`);
  await db.query(`INSERT INTO meta.pipeline_runs (run_id, pipeline, trigger, status, started_at, finished_at) VALUES
    (1, 'bag-addresses', 'cli', 'succeeded', TIMESTAMP '2026-01-02 00:00', TIMESTAMP '2026-01-02 00:01')`);
  await db.query(
    `INSERT INTO meta.published (pipeline, table_name, run_id, published_at) VALUES ('bag-addresses', 'bag_addresses', 1, TIMESTAMP '2026-01-02 00:01')`,
  );
  db.published.begin();
  await db.published.end();
});
afterAll(() => db?.close());

describe("address search", () => {
  it("finds a postcode and number in every way it is written", async () => {
    for (const q of ["2511 BT 70", "2511BT70", "2511bt 70", "2511 bt, 70"]) {
      expect((await labels(q))[0], q).toBe("Spui 70, 2511 BT 's-Gravenhage");
    }
    expect(await labels("2511bt 70a")).toEqual(["Spui 70A, 2511 BT 's-Gravenhage"]);
    expect(await labels("2511 BT 70-2")).toEqual(["Spui 70-2, 2511 BT 's-Gravenhage"]);
  });

  it("finds street and number, ignoring a place it knows or not", async () => {
    expect((await labels("Spui 70"))[0]).toBe("Spui 70, 2511 BT 's-Gravenhage");
    expect((await labels("spui 70 den haag"))[0]).toBe("Spui 70, 2511 BT 's-Gravenhage");
    expect((await labels("spui 70 nergensdorp"))[0]).toBe("Spui 70, 2511 BT 's-Gravenhage");
    expect((await labels("spui 5 rotterdam"))[0]).toBe("Spui 5, 3011 AA Rotterdam");
  });

  it("tolerates typos: one edit in a short name, two in a long one", async () => {
    expect((await labels("Spuy 70"))[0]).toBe("Spui 70, 2511 BT 's-Gravenhage");
    expect((await labels("Kerkstrat 5"))[0]).toBe("Kerkstraat 5, 2512 AB 's-Gravenhage");
    expect((await labels("Kirkstrat 5"))[0]).toBe("Kerkstraat 5, 2512 AB 's-Gravenhage");
    expect(await labels("Xyzzystraat 5")).toEqual([]);
  });

  it("completes partial input: a street begun, a number begun, a postcode begun", async () => {
    expect((await labels("Spu")).slice(0, 2)).toEqual(["Spui 1, 2511 BS 's-Gravenhage", "Spui 2, 2511 BS 's-Gravenhage"]);
    const seven = await labels("Spui 7", 20);
    // The exact number first (in either place), then 70–79 as one types on.
    expect(seven.slice(0, 2)).toEqual(["Spui 7, 2511 BS 's-Gravenhage", "Spui 7, 3011 AA Rotterdam"]);
    expect(seven.slice(2, 7)).toEqual([
      "Spui 70, 2511 BT 's-Gravenhage",
      "Spui 70-2, 2511 BT 's-Gravenhage",
      "Spui 70A, 2511 BT 's-Gravenhage",
      "Spui 71, 2511 BT 's-Gravenhage",
      "Spui 71-S, 2511 BT 's-Gravenhage",
    ]);
    const postcode = await search("2511 B", 5);
    expect(postcode.items.every((a) => a.postcode.startsWith("2511 B"))).toBe(true);
    expect(postcode.total).toBeGreaterThan(100);
  });

  it("ranks an exact street before its prefix and a fuzzy match", async () => {
    const spui = await labels("Spui 3", 50);
    expect(spui[0]).toBe("Spui 3, 2511 BS 's-Gravenhage");
    expect(spui.findIndex((l) => l.startsWith("Spuistraat"))).toBeGreaterThan(spui.findLastIndex((l) => l.includes("Spui 3") && l.includes("'s-Gravenhage")));
  });

  it("answers nothing for a lone number or nothing to go on, and finds one address by id", async () => {
    expect((await search("70")).items).toEqual([]);
    expect((await search("!!!")).items).toEqual([]);
    const service = createAddressSearch(db);
    expect(await service.byId("0518200000009001", {})).toMatchObject({ street: "Spui", number: 70, letter: "A", postcode: "2511 BT" });
    expect(await service.byId("0518200000999999", {})).toBeNull();
  });
});

describe("sensitive buildings", () => {
  it("counts schools, care and dwellings within the radius and lists the nearest schools and care", async () => {
    const published = await db.published.settled();
    const around = await sensitiveBuildings(db, published, { lat: 52.08, lon: 4.3135 }, 2000, {});
    const count = (c: string) => around!.counts.find((x) => x.class === c)!;
    expect(count("school")).toEqual({ class: "school", addresses: 1, buildings: 1 });
    expect(count("care")).toEqual({ class: "care", addresses: 1, buildings: 1 });
    expect(count("dwelling").addresses).toBeGreaterThan(100);
    expect(around!.nearest.map((n) => [n.address.id, n.classes])).toEqual([
      ["0518200000009003", ["school"]],
      ["0518200000009004", ["care"]],
    ]);
    const close = await sensitiveBuildings(db, published, { lat: 52.08, lon: 4.3135 }, 50, {});
    expect(close!.nearest.map((n) => n.address.id)).toEqual(["0518200000009003"]);
  });
});
