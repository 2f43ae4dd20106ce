/**
 * The areas of one level in one period side by side: ranked best first in the indicator's direction,
 * each against the municipality and against the other areas of the same urbanity. Works on values
 * after disclosure control (a suppressed value is neither ranked nor part of any mean) and on the
 * compared value: the rate for counts, the value itself otherwise. An area too small for a stable
 * rate is compared with the city but left out of the ranking and of the peers' means.
 */
import type { AreaValue } from "../../ground/contract/contract-areas.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";

/** "Similar areas" means at least this many of the same urbanity; with fewer, the mean is not given. */
export const MIN_SIMILAR_PEERS = 3;

export interface ComparedArea {
  areaCode: string;
  /** The rate for counts, else the value; null when suppressed or missing. */
  compared: number | null;
  /** Whether the area takes part in the ranking and the peers' means (not a small area). */
  ranked: boolean;
}

export type Comparison = Pick<AreaValue, "rank" | "vsCity" | "urbanity" | "similar">;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function compareAreas(items: ComparedArea[], cityValue: number | null, areas: AreaHierarchy, direction: "lower" | "higher"): Comparison[] {
  const rankable = items.filter((item) => item.compared !== null && item.ranked);
  const better = (a: number, b: number) => (direction === "lower" ? a < b : a > b);
  // Competition ranking: equal values share a rank, the next rank skips.
  const rankOf = (value: number) => 1 + rankable.filter((item) => better(item.compared as number, value)).length;

  return items.map((item) => {
    const urbanity = areas.get(item.areaCode)?.urbanity ?? null;
    const peers = urbanity === null ? [] : rankable.filter((p) => p.areaCode !== item.areaCode && areas.get(p.areaCode)?.urbanity === urbanity);
    const mean = peers.length >= MIN_SIMILAR_PEERS ? round2(peers.reduce((s, p) => s + (p.compared as number), 0) / peers.length) : null;
    return {
      rank: item.compared === null || !item.ranked ? null : rankOf(item.compared),
      vsCity: item.compared === null || cityValue === null ? null : round2(item.compared - cityValue),
      urbanity,
      similar: urbanity === null ? null : { mean, count: peers.length },
    };
  });
}
