import { describe, expect, it } from "vitest";
import { compareAreas } from "../../../src/engine/themes/area-comparison.ts";
import { buildHierarchy } from "../../../src/engine/themes/area-hierarchy.ts";
import type { Cell } from "../../../src/engine/themes/rollup.ts";

const areas = buildHierarchy({ code: "GM0001", name: "Testdorp" }, [
  { code: "WK1", name: "A", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK2", name: "B", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK3", name: "C", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK4", name: "D", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 100, urbanity: 5 },
]);
const cell = (areaCode: string, value: number | null, suppressed = false): Cell => ({
  areaCode,
  areaName: areaCode,
  level: "wijk",
  parent: "GM0001",
  period: "2024",
  value,
  weight: 1,
  units: null,
  coverage: 1,
  suppressed,
});

describe("compareAreas", () => {
  const cells = [cell("WK1", 10), cell("WK2", 20), cell("WK3", null, true), cell("WK4", 10)];

  it("ranks best first in the indicator's direction, ties sharing a rank, suppressed cells unranked", () => {
    expect(compareAreas(cells, cell("GM0001", 15), areas, "lower").map((a) => a.rank)).toEqual([1, 3, null, 1]);
    expect(compareAreas(cells, cell("GM0001", 15), areas, "higher").map((a) => a.rank)).toEqual([2, 1, null, 2]);
  });

  it("compares each area with the city and with the others of its urbanity, leaving suppressed values out", () => {
    const [a, , c, d] = compareAreas(cells, cell("GM0001", 15), areas, "lower");
    expect(a).toMatchObject({ vsCity: -5, urbanity: 1, similar: { mean: 20, count: 1 } });
    expect(c).toMatchObject({ vsCity: null, similar: { mean: 15, count: 2 } });
    expect(d!.similar).toEqual({ mean: null, count: 0 });
  });
});
