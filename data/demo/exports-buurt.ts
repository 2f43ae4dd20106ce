/**
 * Per-buurt theme exports: road-traffic noise exposure (EU noise-map rounds) and green share with
 * heat stress. Both follow the buurt profiles, so louder buurten are also the greyer, hotter ones.
 */
import type { BuurtProfile } from "./buurt-profile.ts";
import { round, type Row } from "./exports-city.ts";
import type { Random } from "./random.ts";

/** The EU Environmental Noise Directive's rounds the demo has maps for. */
export const NOISE_YEARS = [2017, 2022];
export const noiseClasses = ["le55", "55_60", "60_65", "65_70", "gt70"] as const;
const CLASS_EDGES_DB = [55, 60, 65, 70];
/** Shares are written in ten-thousandths so that each buurt-year sums to exactly 1. */
const SHARE_UNITS = 10_000;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26; error below 1.5e-7, ample for shares). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Integer units per class that add up to SHARE_UNITS (largest remainder). */
function apportion(shares: number[]): number[] {
  const exact = shares.map((s) => s * SHARE_UNITS);
  const units = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = SHARE_UNITS - units.reduce((s, u) => s + u, 0);
  for (let k = 0; k < missing; k++) units[order[k]![1]]! += 1;
  return units;
}

export function noiseRows(profiles: BuurtProfile[], random: Random): Row[] {
  return profiles.flatMap((p) => {
    // The homes' mean Lden; homes within a buurt spread around it by ~5 dB (facades on and off the road).
    const loudness = Math.min(1, Math.max(0, 0.55 * p.traffic + 0.35 * p.centrality + 0.1 * random.next()));
    const mean2017 = 47 + 18 * loudness;
    return NOISE_YEARS.flatMap((year) => {
      // Quieter asphalt and 30 km/h zones take a little off by the 2022 round.
      const mean = year === NOISE_YEARS[0] ? mean2017 : mean2017 - 0.6 + random.normal() * 0.4;
      const cdf = CLASS_EDGES_DB.map((edge) => normalCdf((edge - mean) / 5));
      const shares = [cdf[0]!, ...cdf.slice(1).map((c, i) => c - cdf[i]!), 1 - cdf[cdf.length - 1]!];
      return apportion(shares).map((units, i) => [p.area.code, year, noiseClasses[i]!, (units / SHARE_UNITS).toFixed(4)]);
    });
  });
}

export const GREEN_YEARS = Array.from({ length: 7 }, (_, i) => 2019 + i);
const GREEN_MIN = 0.1;
const GREEN_MAX = 0.45;

export function greenHeatRows(profiles: BuurtProfile[], random: Random): Row[] {
  return profiles.flatMap((p) => {
    const start = GREEN_MIN + 0.3 * p.greenness + random.normal() * 0.02;
    // About a third of the buurten have a greening programme (tiles out, trees in); elsewhere infill
    // nibbles at the green.
    const trend = random.next() < 0.35 ? 0.004 + random.next() * 0.006 : -0.001;
    return GREEN_YEARS.map((year, t) => {
      const green = Math.min(GREEN_MAX, Math.max(GREEN_MIN, start + trend * t + random.normal() * 0.003));
      // Heat stress follows paving (little green) and the urban heat island of the centre.
      const score = 0.65 * ((GREEN_MAX - green) / (GREEN_MAX - GREEN_MIN)) + 0.35 * p.centrality + random.normal() * 0.04;
      const heatClass = Math.min(5, Math.max(1, 1 + Math.floor(score * 5)));
      return [p.area.code, year, round(green, 3), heatClass];
    });
  });
}
