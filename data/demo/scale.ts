/**
 * The demo at a larger scale, for benchmarks: scale N > 1 adds stations and citizen sensors so the
 * demo holds at least N million hourly measurements (stations + sensors). Scale 1 is the demo as it
 * always was: the five stations of stations.ts and 50 sensors.
 *
 * Station count: a station has 3 or 4 formulas, each 35,064 hours over 2022–2025 less at most
 * ~1,260 missing (8 outages of at most 5 days, plus ~0.6 % single missing hours), so at least
 * 3 × 33,800 ≈ 101,400 measurements. ⌈1,000,000 / 101,400⌉ = 10 stations per million, hence
 * 10·N stations, leaving the sensors (~62,000 observations per 50 over 8 weeks) as extra margin.
 */
import { randomPointIn, type DemoGeography } from "./geography.ts";
import type { Random } from "./random.ts";
import { demoStations, type DemoStation, type Formula } from "./stations.ts";

/** Station numbers continue NL99005 up to NL99999, so at most 999 stations, hence scale ≤ 99. */
export const MAX_DEMO_SCALE = 99;

export function checkScale(scale: number): number {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_DEMO_SCALE) {
    throw new Error(`demo scale must be an integer from 1 to ${MAX_DEMO_SCALE}, got ${scale}`);
  }
  return scale;
}

/** Air-quality stations at a scale: the five of stations.ts at scale 1, 10·N at scale N > 1. */
export function stationCountFor(scale: number): number {
  return checkScale(scale) === 1 ? demoStations.length : 10 * scale;
}

/** Citizen sensors at a scale: 50·N. */
export function sensorCountFor(scale: number): number {
  return 50 * checkScale(scale);
}

/** Roughly the real network's mix: as many traffic as background stations, fewer industrial ones. */
const TYPE_WEIGHTS: [DemoStation["type"], number][] = [
  ["traffic", 0.4],
  ["background", 0.4],
  ["industrial", 0.2],
];

/**
 * `count` further stations after the five of stations.ts (NL99006, NL99007, …), each at a random
 * point in a random buurt, its base values those of an existing station of its type ±15 %. Drawn
 * in order from `random` alone, so the first k stations are the same at every scale.
 */
export function extraStations(count: number, geography: DemoGeography, random: Random): DemoStation[] {
  const perBuurt = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const number = `NL99${String(demoStations.length + 1 + i).padStart(3, "0")}`;
    if (number.length !== 7) throw new Error(`out of demo station numbers at station ${demoStations.length + 1 + i}`);
    const type = pickType(random.next());
    const templates = demoStations.filter((s) => s.type === type);
    const template = templates[random.int(0, templates.length - 1)]!;
    const buurt = geography.buurten[random.int(0, geography.buurten.length - 1)]!;
    const [lon, lat] = randomPointIn(buurt, random);
    const base: Partial<Record<Formula, number>> = {};
    for (const [formula, value] of Object.entries(template.base) as [Formula, number][]) {
      base[formula] = Math.round(value * (0.85 + 0.3 * random.next()) * 10) / 10;
    }
    const nth = (perBuurt.get(buurt.code) ?? 0) + 1;
    perBuurt.set(buurt.code, nth);
    const location = `Groenmeer-${buurt.name}${nth > 1 ? ` ${nth}` : ""}`;
    return { number, location, type, lon, lat, base };
  });
}

function pickType(u: number): DemoStation["type"] {
  for (const [type, weight] of TYPE_WEIGHTS) {
    if (u < weight) return type;
    u -= weight;
  }
  return TYPE_WEIGHTS[TYPE_WEIGHTS.length - 1]![0];
}
