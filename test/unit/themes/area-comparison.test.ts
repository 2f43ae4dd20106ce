import { describe, expect, it } from "vitest";
import { compareAreas, type ComparedArea } from "../../../src/engine/themes/area-comparison.ts";
import { buildHierarchy } from "../../../src/engine/themes/area-hierarchy.ts";

const areas = buildHierarchy({ code: "GM0001", name: "Testdorp" }, [
  { code: "WK1", name: "A", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK2", name: "B", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK3", name: "C", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK4", name: "D", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 100, urbanity: 5 },
  { code: "WK5", name: "E", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
  { code: "WK6", name: "F", level: "wijk", parent: "GM0001", surfaceKm2: 1, homes: 3000, urbanity: 1 },
]);
const item = (areaCode: string, compared: number | null, ranked = true): ComparedArea => ({ areaCode, compared, ranked });

describe("compareAreas", () => {
  const items = [item("WK1", 10), item("WK2", 20), item("WK3", null), item("WK4", 10)];

  it("ranks best first in the indicator's direction, ties sharing a rank, areas without a value unranked", () => {
    expect(compareAreas(items, 15, areas, "lower").map((a) => a.rank)).toEqual([1, 3, null, 1]);
    expect(compareAreas(items, 15, areas, "higher").map((a) => a.rank)).toEqual([2, 1, null, 2]);
  });

  it("compares each area with the city", () => {
    expect(compareAreas(items, 15, areas, "lower").map((a) => a.vsCity)).toEqual([-5, 5, null, -5]);
    expect(compareAreas(items, null, areas, "lower").map((a) => a.vsCity)).toEqual([null, null, null, null]);
  });

  it("gives the mean of similar areas only with at least three peers of the same urbanity, and says how many there are", () => {
    const few = compareAreas(items, 15, areas, "lower");
    expect(few[0]!.similar).toEqual({ mean: null, count: 1 });
    expect(few[3]!.similar).toEqual({ mean: null, count: 0 });
    const enough = compareAreas([...items, item("WK5", 30), item("WK6", 40)], 15, areas, "lower");
    // WK1's peers of urbanity 1 with a value: WK2, WK5, WK6.
    expect(enough[0]!.similar).toEqual({ mean: 30, count: 3 });
  });

  it("leaves an area too small for a stable rate out of the ranking and the peers' means, but compares it with the city", () => {
    const withSmall = [item("WK1", 10), item("WK2", 20), item("WK5", 1, false), item("WK6", 40)];
    const result = compareAreas(withSmall, 15, areas, "lower");
    expect(result.map((a) => a.rank)).toEqual([1, 2, null, 3]);
    expect(result[2]!.vsCity).toBe(-14);
    expect(result[0]!.similar).toEqual({ mean: null, count: 2 });
  });
});
