/**
 * The demo municipality's geography: 10 wijken and 50 buurten that tile the municipality exactly.
 * Buurten are the cells of a jittered grid; neighbouring cells share their corner points, so the
 * tiling has no gaps or overlaps by construction. Wijken are rectangular blocks of buurten.
 */
import { pointInRing, type Ring } from "../../src/ground/geometry.ts";
import type { Random } from "./random.ts";
import { demoMunicipality } from "./stations.ts";

export interface DemoArea {
  code: string;
  name: string;
  level: "gemeente" | "wijk" | "buurt";
  parent: string | null;
  /** Closed ring (first point repeated last), counter-clockwise, WGS84 [lon, lat]. */
  ring: Ring;
}

export interface DemoGeography {
  gemeente: DemoArea;
  wijken: DemoArea[];
  buurten: DemoArea[];
}

const COLUMNS = 10;
const ROWS = 5;
const BBOX = { west: 5.06, east: 5.19, south: 52.05, north: 52.13 };
/** Wijken: 5 column pairs × (rows 0–2, rows 3–4). */
const WIJK_BLOCKS = [0, 2, 4, 6, 8].flatMap((c) => [
  { c0: c, c1: c + 2, r0: 0, r1: 3 },
  { c0: c, c1: c + 2, r0: 3, r1: 5 },
]);
const WIJK_NAMES = [
  "Zuidrand",
  "Centrum-Zuid",
  "Molenwijk",
  "Binnenstad",
  "Stationskwartier",
  "Noorderpark",
  "Ringweg",
  "De Weide",
  "Havenkwartier",
  "Vogelbuurt",
];
const BUURT_SUFFIXES = ["Oost", "West", "Noord", "Zuid", "Midden", "Kern"];

export function generateGeography(random: Random): DemoGeography {
  const cellW = (BBOX.east - BBOX.west) / COLUMNS;
  const cellH = (BBOX.north - BBOX.south) / ROWS;
  // Corner points, jittered by at most a quarter cell so every cell stays a simple quadrilateral.
  const corner: [number, number][][] = [];
  for (let r = 0; r <= ROWS; r++) {
    corner.push([]);
    for (let c = 0; c <= COLUMNS; c++) {
      const jx = c === 0 || c === COLUMNS ? 0.1 : 0.25;
      const jy = r === 0 || r === ROWS ? 0.1 : 0.25;
      const lon = BBOX.west + c * cellW + (random.next() - 0.5) * 2 * jx * cellW;
      const lat = BBOX.south + r * cellH + (random.next() - 0.5) * 2 * jy * cellH;
      corner[r]!.push([round(lon), round(lat)]);
    }
  }
  const point = (r: number, c: number) => corner[r]![c]!;
  /** The boundary of a block of cells, counter-clockwise through every shared corner. */
  const blockRing = (c0: number, c1: number, r0: number, r1: number): Ring => {
    const ring: Ring = [];
    for (let c = c0; c < c1; c++) ring.push(point(r0, c));
    for (let r = r0; r < r1; r++) ring.push(point(r, c1));
    for (let c = c1; c > c0; c--) ring.push(point(r1, c));
    for (let r = r1; r > r0; r--) ring.push(point(r, c0));
    ring.push(ring[0]!);
    return ring;
  };

  const gemeente: DemoArea = {
    code: demoMunicipality.code,
    name: demoMunicipality.name,
    level: "gemeente",
    parent: null,
    ring: blockRing(0, COLUMNS, 0, ROWS),
  };
  const wijken: DemoArea[] = [];
  const buurten: DemoArea[] = [];
  WIJK_BLOCKS.forEach((block, w) => {
    const wijkCode = `WK${demoMunicipality.code.slice(2)}${String(w + 1).padStart(2, "0")}`;
    const wijkName = WIJK_NAMES[w]!;
    wijken.push({ code: wijkCode, name: wijkName, level: "wijk", parent: gemeente.code, ring: blockRing(block.c0, block.c1, block.r0, block.r1) });
    let n = 0;
    for (let r = block.r0; r < block.r1; r++) {
      for (let c = block.c0; c < block.c1; c++) {
        buurten.push({
          code: `BU${wijkCode.slice(2)}${String(n + 1).padStart(2, "0")}`,
          name: `${wijkName}-${BUURT_SUFFIXES[n]}`,
          level: "buurt",
          parent: wijkCode,
          ring: blockRing(c, c + 1, r, r + 1),
        });
        n++;
      }
    }
  });
  return { gemeente, wijken, buurten };
}

/** A uniformly random point inside an area (rejection sampling in its bounding box). */
export function randomPointIn(area: DemoArea, random: Random): [number, number] {
  const lons = area.ring.map((p) => p[0]);
  const lats = area.ring.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  for (;;) {
    const candidate: [number, number] = [round(w + random.next() * (e - w)), round(s + random.next() * (n - s))];
    if (pointInRing(candidate, area.ring)) return candidate;
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
