import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateGeography } from "../../../data/demo/geography.ts";
import { createRandom } from "../../../data/demo/random.ts";
import { generateBag, nearestAddress, writeBag } from "../../../data/demo/write-bag.ts";
import { addressRecord, buildingRecord } from "../../../src/pipelines/sources/pdok-bag.ts";

const geography = generateGeography(createRandom(20261123 + 1));
const bag = generateBag(geography, createRandom(20261123 + 9));

describe("the demo town's BAG", () => {
  it("is deterministic and sized like a small town, densest in the Binnenstad", () => {
    expect(generateBag(geography, createRandom(20261123 + 9))).toEqual(bag);
    expect(bag.addresses.length).toBeGreaterThan(8000);
    expect(bag.addresses.length).toBeLessThan(12000);
    expect(bag.buildings.length).toBeGreaterThan(5000);
    expect(bag.buildings.length).toBeLessThan(7000);
    const perBuurt = new Map<string, number>();
    for (const b of bag.buildings) perBuurt.set(b.buurtCode, (perBuurt.get(b.buurtCode) ?? 0) + 1);
    const densest = Math.max(...perBuurt.values());
    expect(densest).toBeGreaterThanOrEqual(800);
    expect(densest).toBeLessThanOrEqual(1200);
    expect(perBuurt.size).toBe(50);
  });

  it("gives every street one buurt's postcode digits and real-looking addresses", () => {
    expect(bag.addresses.every((a) => /^\d{4} [A-Z]{2}$/.test(a.postcode) && a.place === "Groenmeer")).toBe(true);
    const buurtenOfStreet = new Map<string, Set<string>>();
    for (const a of bag.addresses) buurtenOfStreet.set(a.street, (buurtenOfStreet.get(a.street) ?? new Set()).add(a.buurtCode));
    expect([...buurtenOfStreet.values()].every((s) => s.size === 1)).toBe(true);
    const uses = new Set(bag.addresses.flatMap((a) => a.use_classes.split(",")));
    for (const use of ["woonfunctie", "winkelfunctie", "onderwijsfunctie", "gezondheidszorgfunctie", "industriefunctie"]) expect(uses).toContain(use);
    expect(bag.addresses.some((a) => a.house_letter === "A")).toBe(true);
    expect(bag.addresses.some((a) => a.addition === "2")).toBe(true);
  });

  it("writes pages the connector reads back into the same records", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-bag-"));
    try {
      writeBag(dir, geography, createRandom(20261123 + 9));
      const folder = path.join(dir, "collections", "verblijfsobject", "items");
      const files = readdirSync(folder).sort();
      expect(files).toHaveLength(Math.ceil(bag.addresses.length / 1000));
      const first = JSON.parse(
        readFileSync(
          path.join(
            folder,
            files.find((f) => !f.includes("cursor="))!,
          ),
          "utf8",
        ),
      );
      expect(first.links.find((l: { rel: string }) => l.rel === "next").href).toMatch(
        /^https:\/\/api\.pdok\.nl\/kadaster\/bag\/ogc\/v2\/collections\/verblijfsobject\/items\?/,
      );
      const { address_id, object_id, building_id, street, house_number, postcode, use_classes } = bag.addresses[0]!;
      expect(addressRecord(first.features[0])).toMatchObject({ address_id, object_id, building_id, street, house_number, postcode, use_classes });
      const pand = JSON.parse(
        readFileSync(
          path.join(
            dir,
            "collections",
            "pand",
            "items",
            readdirSync(path.join(dir, "collections", "pand", "items")).find((f) => !f.includes("cursor="))!,
          ),
          "utf8",
        ),
      );
      expect(buildingRecord(pand.features[0])).toMatchObject({
        building_id: bag.buildings[0]!.building_id,
        construction_year: bag.buildings[0]!.construction_year,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds the nearest address, within a buurt when asked", () => {
    const target = bag.addresses[1234]!;
    expect(nearestAddress(bag, target.lon + 1e-7, target.lat, target.buurtCode)).toMatchObject({ street: target.street, postcode: target.postcode });
    const elsewhere = bag.addresses.find((a) => a.buurtCode !== target.buurtCode)!;
    expect(nearestAddress(bag, target.lon, target.lat, elsewhere.buurtCode)?.street).not.toBe(target.street);
    expect(nearestAddress({ addresses: [], buildings: [] }, 5, 52)).toBeNull();
  });
});
