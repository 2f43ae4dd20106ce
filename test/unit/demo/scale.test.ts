import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDirFor, generateDemo, readDemoManifest } from "../../../data/demo/generate-demo.ts";
import { generateGeography } from "../../../data/demo/geography.ts";
import { createRandom } from "../../../data/demo/random.ts";
import { checkScale, sensorCountFor, stationCountFor } from "../../../data/demo/scale.ts";
import { demoStations } from "../../../data/demo/stations.ts";
import { pointInRing } from "../../../src/ground/geometry.ts";
import { recordedPath } from "../../../src/pipelines/framework/recorded-server.ts";
import { SENSORTHINGS_UPSTREAM_BASE, thingsPath } from "../../../src/pipelines/sources/sensorthings.ts";

const seed = 11;
// One week of stations keeps this fast (the sensors keep their eight weeks).
const window = { from: "2025-12-22T00:00:00Z", to: "2025-12-29T00:00:00Z" };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function generateInto(scale: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mm-demo-scale${scale}-`));
  dirs.push(dir);
  generateDemo(dir, { seed, ...window, scale });
  return dir;
}

/** The recorded answer to `request` (a path and query) in one source folder of a demo. */
const read = (dir: string, source: string, request: string) =>
  JSON.parse(readFileSync(path.join(dir, source, recordedPath(new URL(request, "http://recorded"))), "utf8"));

function stationsOf(dir: string) {
  const list: { number: string; location: string }[] = [];
  for (let page = 1, last = 1; page <= last; page++) {
    const body = read(dir, "luchtmeetnet", `/stations?page=${page}`);
    last = body.pagination.last_page;
    list.push(...body.data);
  }
  return list.map(({ number }) => ({ number, ...read(dir, "luchtmeetnet", `/stations/${number}`).data }));
}

function thingsOf(dir: string) {
  const things = [];
  for (let request: string | undefined = thingsPath(); request;) {
    const body = read(dir, "sensorthings", request);
    things.push(...body.value);
    request = body["@iot.nextLink"]?.slice(SENSORTHINGS_UPSTREAM_BASE.length);
  }
  return things;
}

/** Every file under `sub` of `dir`, relative to `dir`. */
const filesUnder = (dir: string, sub: string) =>
  readdirSync(path.join(dir, sub), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe("the demo at scale 3", () => {
  let dir: string;
  let scale1: string;
  const geography = generateGeography(createRandom(seed + 1));
  const inMunicipality = ([lon, lat]: [number, number]) =>
    pointInRing([lon, lat], geography.gemeente.ring) && geography.buurten.some((b) => pointInRing([lon, lat], b.ring));

  beforeAll(() => {
    dir = generateInto(3);
    scale1 = generateInto(1);
  });

  it("has 10·N stations with unique NL99xxx numbers, each inside the municipality with at least 3 formulas", () => {
    expect(stationCountFor(3)).toBe(30);
    const stations = stationsOf(dir);
    expect(stations).toHaveLength(30);
    expect(new Set(stations.map((s) => s.number)).size).toBe(30);
    expect(new Set(stations.map((s) => s.location)).size).toBe(30);
    expect(stations.map((s) => s.number)).toEqual(Array.from({ length: 30 }, (_, i) => `NL99${String(i + 1).padStart(3, "0")}`));
    for (const station of stations) {
      expect(inMunicipality(station.geometry.coordinates), `${station.number} at ${station.geometry.coordinates}`).toBe(true);
      expect(station.components.length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(stations.map((s) => s.type))).toEqual(new Set(["traffic", "industrial", "background"]));
  });

  it("keeps the five stations of scale 1, measurements byte for byte", () => {
    const five = stationsOf(scale1);
    expect(five.map((s) => s.number)).toEqual(demoStations.map((s) => s.number));
    expect(stationsOf(dir).slice(0, 5)).toEqual(five);
    const files = filesUnder(scale1, "luchtmeetnet/measurements");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(path.join(dir, file), "utf8"), file).toBe(readFileSync(path.join(scale1, file), "utf8"));
  });

  it("has 50·N citizen sensors inside the municipality, the first 50 those of scale 1", () => {
    expect(sensorCountFor(3)).toBe(150);
    const things = thingsOf(dir);
    expect(things).toHaveLength(150);
    expect(new Set(things.map((t) => t["@iot.id"])).size).toBe(150);
    for (const thing of things) expect(inMunicipality(thing.Locations[0].location.coordinates), thing.name).toBe(true);
    expect(things.slice(0, 50)).toEqual(thingsOf(scale1));
    // Their observations too; only the Things pages differ.
    const files = filesUnder(scale1, "sensorthings").filter((f) => !f.startsWith(path.join("sensorthings", "Things")));
    expect(files.length).toBeGreaterThanOrEqual(50);
    for (const file of files) expect(readFileSync(path.join(dir, file), "utf8"), file).toBe(readFileSync(path.join(scale1, file), "utf8"));
  });

  it("records its scale: a caller asking for another scale gets null and regenerates", () => {
    expect(readDemoManifest(dir, { scale: 3 })).toMatchObject({ seed, scale: 3 });
    expect(readDemoManifest(dir, { scale: 1 })).toBeNull();
    expect(readDemoManifest(dir)).toMatchObject({ scale: 3 });
    // Scale 1 writes no scale (its folder is as it always was), which reads as 1.
    expect(JSON.parse(readFileSync(path.join(scale1, "manifest.json"), "utf8"))).not.toHaveProperty("scale");
    expect(readDemoManifest(scale1, { scale: 1 })).toMatchObject({ scale: 1 });
    expect(readDemoManifest(scale1, { scale: 3 })).toBeNull();
  });
});

describe("demo scales", () => {
  it("have their own default folders", () => {
    expect(demoDirFor(1)).toBe(path.resolve(import.meta.dirname, "../../../data/demo/out"));
    expect(demoDirFor(10)).toBe(path.resolve(import.meta.dirname, "../../../data/demo/out-scale10"));
  });

  it("are whole numbers from 1 to 99 (the NL99xxx numbers run out after that)", () => {
    expect(checkScale(99)).toBe(99);
    for (const bad of [0, -1, 1.5, 100, Number.NaN]) expect(() => checkScale(bad)).toThrow(/demo scale/);
  });
});
