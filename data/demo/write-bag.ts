/**
 * The demo town's BAG: streets of row houses, apartment blocks with lettered and numbered addresses,
 * shops with homes above, schools, care and industrial halls, as small rotated rectangles along named
 * streets. Written as PDOK's BAG OGC API would answer the bag pipelines' requests (pages of 1000
 * features with rel="next" links on the live base), so the demo runs the live code path.
 *
 * Density follows the town: the Binnenstad's buurten are dense (the densest ~1,000 buildings), the
 * outer buurten have a compact core of a few streets, industrial buurten halls on wide plots.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pointInRing, type Ring } from "../../src/ground/geometry.ts";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { BAG_PAGE_LIMIT, BAG_UPSTREAM_BASE, bagItemsUrl, bboxOfRings, type BagCollection, type Bbox } from "../../src/pipelines/sources/pdok-bag.ts";
import { createStreetNamer } from "./bag-streets.ts";
import type { DemoArea, DemoGeography } from "./geography.ts";
import type { Random } from "./random.ts";

export interface DemoAddress {
  address_id: string;
  object_id: string;
  building_id: string;
  street: string;
  house_number: number;
  house_letter: string | null;
  addition: string | null;
  postcode: string;
  place: string;
  use_classes: string;
  floor_area: number;
  status: string;
  lon: number;
  lat: number;
  buurtCode: string;
}

export interface DemoBuilding {
  building_id: string;
  construction_year: number;
  status: string;
  ring: Ring;
  buurtCode: string;
}

export interface DemoBag {
  addresses: DemoAddress[];
  buildings: DemoBuilding[];
}

type Kind = "centre" | "residential" | "industrial";

/** What stands on a plot: its frontage and depth in metres, and the addresses in it. */
interface Plot {
  width: number;
  depth: number;
  units: { use: string; area: number; letter?: string; addition?: string }[];
}

const PLACE = "Groenmeer";
const BINNENSTAD_TARGETS = [1050, 850, 700, 600];
/** Street spacing in metres: wider in industrial buurten, where halls are deep. */
const SPACING: Record<Kind, number> = { centre: 60, residential: 72, industrial: 150 };
const SETBACK: Record<Kind, number> = { centre: 3, residential: 5, industrial: 8 };
const LETTERS = "ABCDEFGH";

function plotFor(kind: Kind, random: Random): Plot {
  const r = random.next();
  const between = (a: number, b: number) => a + random.next() * (b - a);
  const area = (a: number, b: number) => Math.round(between(a, b));
  const flats = (n: number, lettered: boolean) =>
    Array.from({ length: n }, (_, i) => ({ use: "woonfunctie", area: area(45, 110), ...(lettered ? { letter: LETTERS[i]! } : { addition: String(i + 1) }) }));
  if (kind === "industrial") {
    if (r < 0.7) return { width: between(30, 80), depth: between(25, 60), units: [{ use: "industriefunctie", area: area(800, 5000) }] };
    if (r < 0.85) return { width: between(20, 40), depth: between(15, 25), units: [{ use: "kantoorfunctie", area: area(200, 2000) }] };
    if (r < 0.9) return { width: between(20, 30), depth: between(15, 20), units: [{ use: "industriefunctie,kantoorfunctie", area: area(400, 1500) }] };
  }
  if (kind === "centre") {
    if (r < 0.4) return { width: between(5.5, 8), depth: between(11, 15), units: [{ use: "woonfunctie", area: area(70, 160) }] };
    if (r < 0.58) return { width: between(6, 9), depth: between(12, 15), units: [{ use: "winkelfunctie,woonfunctie", area: area(90, 220) }] };
    if (r < 0.7) {
      // A shop downstairs and a home upstairs, lettered: 12 and 12A.
      return {
        width: between(6, 9),
        depth: between(12, 15),
        units: [
          { use: "winkelfunctie", area: area(50, 150) },
          { use: "woonfunctie", area: area(50, 90), letter: "A" },
        ],
      };
    }
    if (r < 0.8) return { width: between(18, 30), depth: 14, units: flats(Math.floor(between(4, 10)), random.next() < 0.4) };
    if (r < 0.88) return { width: between(10, 20), depth: between(12, 15), units: [{ use: "kantoorfunctie", area: area(150, 900) }] };
    if (r < 0.94) return { width: between(8, 14), depth: between(12, 15), units: [{ use: "bijeenkomstfunctie", area: area(80, 400) }] };
  }
  if (kind === "residential") {
    if (r < 0.8) return { width: between(5, 6.2), depth: between(8, 10), units: [{ use: "woonfunctie", area: area(85, 150) }] };
    if (r < 0.87) return { width: between(9, 13), depth: between(9, 12), units: [{ use: "woonfunctie", area: area(130, 240) }] };
    if (r < 0.93) return { width: between(20, 32), depth: 12, units: flats(Math.floor(between(6, 14)), random.next() < 0.3) };
    if (r < 0.965) return { width: between(8, 12), depth: 10, units: [{ use: "winkelfunctie", area: area(60, 300) }] };
  }
  // A few public buildings everywhere: schools, care, sports, shops.
  const special = random.next();
  if (special < 0.25) return { width: between(35, 50), depth: between(16, 22), units: [{ use: "onderwijsfunctie", area: area(1200, 4000) }] };
  if (special < 0.55) return { width: between(15, 30), depth: between(12, 18), units: [{ use: "gezondheidszorgfunctie", area: area(250, 2000) }] };
  if (special < 0.7) return { width: between(25, 40), depth: between(18, 25), units: [{ use: "sportfunctie", area: area(600, 2500) }] };
  return { width: between(8, 12), depth: 10, units: [{ use: "winkelfunctie", area: area(60, 300) }] };
}

function centroid(ring: Ring): [number, number] {
  const points = ring.slice(0, -1);
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

/** Postcode letters in order, skipping the combinations PostNL does not use (SA, SD, SS). */
function postcodeLetters(n: number): string {
  const usable: string[] = [];
  for (let a = 0; a < 26 && usable.length <= n; a++) {
    for (let b = 0; b < 26; b++) {
      const pair = String.fromCharCode(65 + a) + String.fromCharCode(65 + b);
      if (!["SA", "SD", "SS"].includes(pair)) usable.push(pair);
    }
  }
  return usable[n % usable.length]!;
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export function generateBag(geography: DemoGeography, random: Random): DemoBag {
  const gm = geography.gemeente.code.slice(2);
  const id = (type: "01" | "10" | "20", n: number) => `${gm}${type}${String(n).padStart(10, "0")}`;
  const nameStreet = createStreetNamer(random);
  const wijkName = new Map(geography.wijken.map((w) => [w.code, w.name]));
  const [cx, cy] = centroid(geography.gemeente.ring);
  const distance = (a: DemoArea) => Math.hypot((centroid(a.ring)[0] - cx) * 0.61, centroid(a.ring)[1] - cy);
  const farthest = Math.max(...geography.buurten.map(distance));
  const binnenstad = geography.buurten.filter((b) => wijkName.get(b.parent ?? "") === "Binnenstad").sort((a, b) => distance(a) - distance(b));
  const bag: DemoBag = { addresses: [], buildings: [] };
  let vbo = 0;
  let pand = 0;

  geography.buurten.forEach((buurt, index) => {
    // The registers mark every 7th buurt from index 3 as industrial (write-registers.ts).
    const industrial = index % 7 === 3;
    const centralRank = binnenstad.indexOf(buurt);
    const kind: Kind = centralRank >= 0 ? "centre" : industrial ? "industrial" : "residential";
    const centrality = 1 - distance(buurt) / farthest;
    const target =
      centralRank >= 0 ? BINNENSTAD_TARGETS[centralRank]! : industrial ? 45 + random.int(0, 25) : Math.round(30 + 90 * centrality + random.int(0, 20));
    const theme = industrial && kind !== "centre" ? "industrial" : (wijkName.get(buurt.parent ?? "") ?? "fallback");
    const postcodeDigits = 3500 + index * 3 + (index % 3);

    const [lon0, lat0] = centroid(buurt.ring);
    const mLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
    const mLat = 110_570;
    const angle = random.next() * (Math.PI / 2);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const toLonLat = (u: number, v: number): [number, number] => [round7(lon0 + (u * cos - v * sin) / mLon), round7(lat0 + (u * sin + v * cos) / mLat)];
    const inside = (u: number, v: number) => pointInRing(toLonLat(u, v), buurt.ring);

    const spacing = SPACING[kind];
    const halfLength = Math.min(650, Math.max(90, Math.sqrt(target) * (kind === "industrial" ? 40 : 8)));
    let built = 0;
    let postcodeStretch = 0;
    // Streets nearest the buurt's middle first: a compact built-up core, open land at the edges.
    for (let k = 0; built < target && k < 60; k++) {
      const line = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * spacing;
      if (!inside(0, line) && !inside(-halfLength / 2, line) && !inside(halfLength / 2, line)) continue;
      const street = nameStreet(theme);
      const baseYear =
        kind === "centre"
          ? 1650 + random.int(0, 280)
          : kind === "industrial"
            ? 1960 + random.int(0, 50)
            : 1925 + Math.round((1 - centrality) * 80) + random.int(-10, 15);
      for (const side of [1, -1]) {
        let number = side === 1 ? 1 : 2;
        let postcode = "";
        let stretch = 0;
        for (let u = -halfLength; u < halfLength && built < target;) {
          const plot = plotFor(kind, random);
          const [u0, u1] = [u, u + plot.width];
          const [v0, v1] = [line + side * SETBACK[kind], line + side * (SETBACK[kind] + plot.depth)];
          u = u1 + (kind === "residential" && plot.width < 7 ? 0 : random.next() * 4) + (random.next() < 0.04 ? 20 : 0);
          if (![inside(u0, v0), inside(u1, v0), inside(u1, v1), inside(u0, v1)].every(Boolean)) continue;
          if (stretch === 0 || stretch > 18 + ((postcodeStretch * 7) % 13)) {
            postcode = `${postcodeDigits} ${postcodeLetters(postcodeStretch++)}`;
            stretch = 0;
          }
          stretch++;
          const ring: Ring = [toLonLat(u0, v0), toLonLat(u1, v0), toLonLat(u1, v1), toLonLat(u0, v1), toLonLat(u0, v0)];
          const year = Math.min(2026, Math.max(1600, baseYear + random.int(-3, 3)));
          const demolished = random.next() < 0.005;
          const status = demolished
            ? "Pand gesloopt"
            : year >= 2025
              ? "Bouw gestart"
              : random.next() < 0.01
                ? "Pand in gebruik (niet ingemeten)"
                : "Pand in gebruik";
          const building_id = id("10", ++pand);
          bag.buildings.push({ building_id, construction_year: year, status, ring, buurtCode: buurt.code });
          built++;
          if (demolished) continue;
          plot.units.forEach((unit, i) => {
            const [lon, lat] = toLonLat(u0 + ((i + 0.5) / plot.units.length) * (u1 - u0), (v0 + v1) / 2);
            vbo++;
            bag.addresses.push({
              address_id: id("20", vbo),
              object_id: id("01", vbo),
              building_id,
              street,
              house_number: number,
              house_letter: unit.letter ?? null,
              addition: unit.addition ?? null,
              postcode,
              place: PLACE,
              use_classes: unit.use,
              floor_area: unit.area,
              status: year >= 2025 ? "Verblijfsobject gevormd" : "Verblijfsobject in gebruik",
              lon,
              lat,
              buurtCode: buurt.code,
            });
          });
          number += 2;
        }
      }
    }
  });
  return bag;
}

/** The OGC API feature of an address, in the property names the demo assumes for the live API (docs/sources/bag.md). */
function addressFeature(a: DemoAddress) {
  return {
    type: "Feature",
    id: a.object_id,
    geometry: { type: "Point", coordinates: [a.lon, a.lat] },
    properties: {
      identificatie: a.object_id,
      hoofdadres_identificatie: a.address_id,
      openbare_ruimte_naam: a.street,
      huisnummer: a.house_number,
      huisletter: a.house_letter,
      toevoeging: a.addition,
      postcode: a.postcode.replace(" ", ""),
      woonplaats_naam: a.place,
      gebruiksdoel: a.use_classes,
      oppervlakte: a.floor_area,
      status: a.status,
      pand_identificatie: a.building_id,
    },
  };
}

function buildingFeature(b: DemoBuilding) {
  return {
    type: "Feature",
    id: b.building_id,
    geometry: { type: "Polygon", coordinates: [b.ring] },
    properties: { identificatie: b.building_id, bouwjaar: b.construction_year, status: b.status },
  };
}

/** Writes one collection's pages under `dir` as the recorded server finds them for the pipeline's requests. */
function writePages(dir: string, collection: BagCollection, bbox: Bbox, features: unknown[], timeStamp: string): void {
  const first = bagItemsUrl(BAG_UPSTREAM_BASE, collection, bbox);
  const pages = Math.max(1, Math.ceil(features.length / BAG_PAGE_LIMIT));
  for (let page = 0; page < pages; page++) {
    const self = page === 0 ? first : `${first}&cursor=demo${page}`;
    const links = [{ rel: "self", type: "application/geo+json", title: "This document as GeoJSON", href: self }];
    if (page + 1 < pages) links.push({ rel: "next", type: "application/geo+json", title: "Next page", href: `${first}&cursor=demo${page + 1}` });
    const slice = features.slice(page * BAG_PAGE_LIMIT, (page + 1) * BAG_PAGE_LIMIT);
    const body = { type: "FeatureCollection", timeStamp, links, numberReturned: slice.length, features: slice };
    const url = new URL(self.slice(BAG_UPSTREAM_BASE.length), "http://recorded");
    const file = path.join(dir, recordedPath(url));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(body));
  }
}

/**
 * Generates the town's BAG and writes it under `dir` (the demo's `bag` folder): the pipelines ask for
 * the bbox of the published gemeente, so that is the bbox of the pages written here.
 */
export function writeBag(dir: string, geography: DemoGeography, random: Random, { timeStamp = "2026-01-01T00:00:00Z" } = {}): DemoBag {
  const bag = generateBag(geography, random);
  const bbox = bboxOfRings([[geography.gemeente.ring]]);
  writePages(dir, "verblijfsobject", bbox, bag.addresses.map(addressFeature), timeStamp);
  writePages(dir, "pand", bbox, bag.buildings.map(buildingFeature), timeStamp);
  return bag;
}

export type NearestAddress = Pick<DemoAddress, "street" | "house_number" | "house_letter" | "addition" | "postcode" | "place" | "lon" | "lat">;

/**
 * The generated address nearest to a point (in the buurt, when given and it has addresses), or null
 * when there is none. Addresses whose point is in `taken` ("lon,lat") are passed over, and the point
 * chosen is added to it: so establishments placed one after another never share a spot.
 */
export function nearestAddress(bag: DemoBag, lon: number, lat: number, buurtCode?: string, taken?: Set<string>): NearestAddress | null {
  const inBuurt = buurtCode ? bag.addresses.filter((a) => a.buurtCode === buurtCode) : [];
  const candidates = inBuurt.length > 0 ? inBuurt : bag.addresses;
  let best: DemoAddress | null = null;
  let bestDistance = Infinity;
  for (const a of candidates) {
    if (taken?.has(`${a.lon},${a.lat}`)) continue;
    // Degrees of longitude are ~0.61 of a degree of latitude at 52° N.
    const d = ((a.lon - lon) * 0.61) ** 2 + (a.lat - lat) ** 2;
    if (d < bestDistance) [best, bestDistance] = [a, d];
  }
  if (!best) return null;
  taken?.add(`${best.lon},${best.lat}`);
  const { street, house_number, house_letter, addition, postcode, place } = best;
  return { street, house_number, house_letter, addition, postcode, place, lon: best.lon, lat: best.lat };
}
