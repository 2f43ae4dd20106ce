/**
 * Hourly concentrations with the patterns real stations show: rush-hour peaks on weekdays, lower
 * weekends, winter highs for NO2 and particulates, summer afternoon highs for ozone, a yearly trend,
 * weather-like autocorrelated noise, and gaps (outages of days, single missing hours).
 */
import type { Random } from "./random.ts";
import { yearlyTrend, type DemoStation, type Formula } from "./stations.ts";

export interface Measurement {
  station_number: string;
  formula: Formula;
  value: number;
  timestamp_measured: string;
}

const HOUR = 3_600_000;

function diurnal(formula: Formula, type: DemoStation["type"], hour: number, weekend: boolean): number {
  if (formula === "O3") return 1 + 0.45 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
  const rush = weekend ? 0.3 : 1;
  const strength = type === "traffic" ? 0.9 : type === "industrial" ? 0.4 : 0.35;
  const peaks = Math.exp(-((hour - 8) ** 2) / 3) + 0.8 * Math.exp(-((hour - 17.5) ** 2) / 5);
  const night = hour < 5 ? -0.25 : 0;
  return Math.max(0.2, 0.8 + strength * rush * peaks + night) * (weekend ? 0.82 : 1.06);
}

function seasonal(formula: Formula, dayOfYear: number): number {
  const winter = Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
  if (formula === "O3") return 1 - 0.35 * winter;
  return 1 + (formula === "NO2" ? 0.22 : 0.18) * winter;
}

/** One station's series for [from, to): timestamps are the end of each measured hour, UTC. */
export function generateStationSeries(station: DemoStation, from: Date, to: Date, random: Random): Measurement[] {
  const firstYear = from.getUTCFullYear();
  const hours = Math.max(0, Math.ceil((to.getTime() - from.getTime()) / HOUR));
  // Each formula's hours in a slot of their own, read out hour by hour at the end: the series sorted
  // by time, then formula, without sorting (it dominated the generation time at larger scales).
  const slots = new Map<Formula, (Measurement | undefined)[]>();
  const stamps: string[] = [];
  for (const [formula, base] of Object.entries(station.base) as [Formula, number][]) {
    const slot: (Measurement | undefined)[] = new Array(hours);
    slots.set(formula, slot);
    const outages = plannedOutages(from, to, random);
    const yearFactor = new Map<number, number>();
    let noise = 0;
    for (let h = 0, t = from.getTime(); t < to.getTime(); h++, t += HOUR) {
      const start = new Date(t);
      const year = start.getUTCFullYear();
      if (!yearFactor.has(year)) yearFactor.set(year, 1 + 0.04 * random.normal());
      noise = 0.93 * noise + 0.16 * random.normal();
      if (outages.some(([a, b]) => t >= a && t < b) || random.next() < 0.006) continue;
      const local = new Date(t + HOUR); // CET is close enough for a daily pattern
      const weekend = [0, 6].includes(local.getUTCDay());
      const dayOfYear = (t - Date.UTC(year, 0, 1)) / 86_400_000;
      const trend = (1 + yearlyTrend[formula]) ** (year - firstYear + dayOfYear / 365);
      const value =
        base *
        trend *
        yearFactor.get(year)! *
        seasonal(formula, dayOfYear) *
        diurnal(formula, station.type, local.getUTCHours(), weekend) *
        Math.exp(noise - 0.1);
      const stamp = (stamps[h] ??= local.toISOString().replace(".000Z", "+00:00"));
      slot[h] = { station_number: station.number, formula, value: Math.round(value * 10) / 10, timestamp_measured: stamp };
    }
  }
  // Formula names are plain ASCII, so code-point order is the order localeCompare gave them.
  const ordered = [...slots.keys()].sort().map((formula) => slots.get(formula)!);
  const out: Measurement[] = [];
  for (let h = 0; h < hours; h++) {
    for (const slot of ordered) {
      const measurement = slot[h];
      if (measurement) out.push(measurement);
    }
  }
  return out;
}

/** About two outages of one to five days per year. */
function plannedOutages(from: Date, to: Date, random: Random): [number, number][] {
  const years = (to.getTime() - from.getTime()) / (365 * 86_400_000);
  return Array.from({ length: Math.round(2 * years) }, () => {
    const start = from.getTime() + random.next() * (to.getTime() - from.getTime());
    return [start, start + random.int(1, 5) * 86_400_000] as [number, number];
  });
}
