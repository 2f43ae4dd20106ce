/**
 * What each demo buurt is like, drawn once so every theme export tells the same story: buurten in
 * the centre and along the ring road and the port are louder and hotter, park-side buurten greener.
 */
import type { DemoArea, DemoGeography } from "./geography.ts";
import type { Random } from "./random.ts";

export interface BuurtProfile {
  area: DemoArea;
  /** 1 at the middle of the municipality, 0 at its farthest buurt. */
  centrality: number;
  /** 0–1: exposure to through traffic (ring road, station, port). */
  traffic: number;
  /** 0–1: parks, water and gardens. */
  greenness: number;
}

/** The demo's wijk names carry its story; a wijk not listed here gets the neutral middle. */
const TRAFFIC_BY_WIJK: Record<string, number> = { Ringweg: 0.9, Stationskwartier: 0.8, Havenkwartier: 0.7, Binnenstad: 0.6 };
const GREEN_BY_WIJK: Record<string, number> = { Noorderpark: 0.85, "De Weide": 0.8, Zuidrand: 0.7, Vogelbuurt: 0.6, Binnenstad: 0.15, Stationskwartier: 0.2 };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function centroid(area: DemoArea): [number, number] {
  const points = area.ring.slice(0, -1);
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

export function buurtProfiles(geography: DemoGeography, random: Random): BuurtProfile[] {
  const wijkName = new Map(geography.wijken.map((w) => [w.code, w.name]));
  const [cx, cy] = centroid(geography.gemeente);
  // Degrees of longitude are ~0.61 of a degree of latitude at 52° N.
  const distance = (a: DemoArea) => {
    const [x, y] = centroid(a);
    return Math.hypot((x - cx) * 0.61, y - cy);
  };
  const farthest = Math.max(...geography.buurten.map(distance));
  return geography.buurten.map((area) => {
    const wijk = wijkName.get(area.parent ?? "") ?? "";
    const centrality = 1 - distance(area) / farthest;
    return {
      area,
      centrality,
      traffic: clamp01((TRAFFIC_BY_WIJK[wijk] ?? 0.35) + random.normal() * 0.1),
      greenness: clamp01((GREEN_BY_WIJK[wijk] ?? 0.45) - 0.2 * centrality + random.normal() * 0.1),
    };
  });
}
