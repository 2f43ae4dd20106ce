import { describe, expect, it } from "vitest";
import { rollUp } from "../../../src/engine/themes/rollup.ts";
import { counts, hierarchy } from "./fixtures.ts";

const complaints = { grain: "buurt", rollup: "sum", lowestLevel: "buurt", disclosure: "complaints" } as const;
const valueOf = (cells: ReturnType<typeof rollUp>, code: string) => cells.find((c) => c.areaCode === code)?.value;

describe("rollUp", () => {
  it("adds counts up from buurten to wijken and the municipality, counting what lies outside every buurt only there", () => {
    const cells = rollUp(complaints, counts({ BU00010101: 3, BU00010102: 4, BU00010201: 10, none: 2 }), hierarchy);
    expect(valueOf(cells, "WK000101")).toBe(7);
    expect(valueOf(cells, "WK000102")).toBe(10);
    expect(valueOf(cells, "GM0001")).toBe(19);
    expect(cells.find((c) => c.areaCode === "GM0001")!.units).toBe(19);
    // A buurt without a row counted zero, so the map shows 0 and not "no data".
    expect(valueOf(cells, "BU00010103")).toBe(0);
    expect(cells.filter((c) => c.level === "buurt")).toHaveLength(5);
  });

  it("weights means by the rows' weight and leaves invalid values out", () => {
    const rows = [
      { areaCode: "BU00010101", areaName: null, period: "2024", value: 10, weight: 1, units: null, coverage: 1 },
      { areaCode: "BU00010102", areaName: null, period: "2024", value: 40, weight: 3, units: null, coverage: 1 },
      { areaCode: "BU00010103", areaName: null, period: "2024", value: null, weight: 5, units: null, coverage: 0.5 },
    ];
    const cells = rollUp({ grain: "buurt", rollup: "weighted-mean", lowestLevel: "buurt", disclosure: null }, rows, hierarchy);
    expect(valueOf(cells, "WK000101")).toBe(32.5);
    expect(valueOf(cells, "GM0001")).toBe(32.5);
    expect(cells.find((c) => c.areaCode === "WK000101")!.units).toBeNull();
  });

  it("publishes nothing below the indicator's lowest level", () => {
    const cells = rollUp({ ...complaints, lowestLevel: "wijk" }, counts({ BU00010101: 3 }), hierarchy);
    expect(new Set(cells.map((c) => c.level))).toEqual(new Set(["gemeente", "wijk"]));
  });

  it("averages stations to the municipality and keeps them as a breakdown", () => {
    const rows = [
      { areaCode: "S1", areaName: "Straat", period: "2024", value: 20, weight: 1, units: null, coverage: 0.9 },
      { areaCode: "S2", areaName: "Park", period: "2024", value: 10, weight: 1, units: null, coverage: 0.8 },
      { areaCode: "S3", areaName: "Haven", period: "2024", value: null, weight: 1, units: null, coverage: 0.4 },
    ];
    const cells = rollUp({ grain: "station", rollup: "weighted-mean", lowestLevel: "gemeente", disclosure: null }, rows, hierarchy);
    expect(cells.find((c) => c.level === "gemeente")).toMatchObject({ value: 15, coverage: 0.7 });
    expect(cells.filter((c) => c.level === "station").map((c) => c.areaCode)).toEqual(["S1", "S2", "S3"]);
  });
});
