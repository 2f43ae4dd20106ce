/**
 * The areas of one level in one period side by side: ranked best first in the indicator's direction,
 * each against the municipality and against the other areas of the same urbanity. Works on cells
 * after disclosure control, so a suppressed value is neither ranked nor part of any mean.
 */
import type { AreaValue } from "../../ground/contract/contract.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";
import type { Cell } from "./rollup.ts";

const round2 = (x: number) => Math.round(x * 100) / 100;

export function compareAreas(cells: Cell[], city: Cell | undefined, areas: AreaHierarchy, direction: "lower" | "higher"): AreaValue[] {
  const valued = cells.filter((c) => c.value !== null);
  const better = (a: number, b: number) => (direction === "lower" ? a < b : a > b);
  // Competition ranking: equal values share a rank, the next rank skips.
  const rankOf = (value: number) => 1 + valued.filter((c) => better(c.value as number, value)).length;
  const cityValue = city?.value ?? null;

  return cells.map((cell) => {
    const urbanity = areas.get(cell.areaCode)?.urbanity ?? null;
    const peers = urbanity === null ? [] : valued.filter((c) => c.areaCode !== cell.areaCode && areas.get(c.areaCode)?.urbanity === urbanity);
    return {
      areaCode: cell.areaCode,
      areaName: cell.areaName,
      level: cell.level as AreaValue["level"],
      parent: cell.parent,
      value: cell.value,
      suppressed: cell.suppressed,
      rank: cell.value === null ? null : rankOf(cell.value),
      vsCity: cell.value === null || cityValue === null ? null : round2(cell.value - cityValue),
      urbanity,
      similar:
        urbanity === null
          ? null
          : { mean: peers.length ? round2(peers.reduce((s, c) => s + (c.value as number), 0) / peers.length) : null, count: peers.length },
    };
  });
}
