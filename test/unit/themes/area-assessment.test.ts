import { describe, expect, it } from "vitest";
import { areaTargetOf, assessAreas, furthestOffTrack, gapToTarget, offTrackAreas } from "../../../src/engine/themes/area-assessment.ts";
import { buildHierarchy, type Denominators } from "../../../src/engine/themes/area-hierarchy.ts";
import { perThousandInhabitants } from "../../../src/engine/themes/area-rates.ts";
import type { Cell } from "../../../src/engine/themes/rollup.ts";
import type { Target } from "../../../src/ground/contract/contract.ts";
import type { AreaStatus } from "../../../src/ground/contract/contract-areas.ts";

/** Inhabitants per area and year: WK2 has no figure for 2024 (CBS lags), WK3 is small. */
const inhabitants: Record<string, Record<string, number>> = {
  GM0001: { "2020": 20_000, "2023": 24_000, "2024": 25_000 },
  WK1: { "2020": 10_000, "2023": 12_000, "2024": 12_500 },
  WK2: { "2020": 8_000, "2023": 10_000 },
  WK3: { "2020": 500, "2023": 500, "2024": 500 },
};
const denominators: Denominators = new Map(
  Object.entries(inhabitants).map(([code, years]) => [code, new Map([["inhabitants", new Map(Object.entries(years))]])]),
);
const areas = buildHierarchy(
  { code: "GM0001", name: "Testdorp" },
  ["WK1", "WK2", "WK3"].map((code) => ({ code, name: code, level: "wijk" as const, parent: "GM0001", surfaceKm2: 1, homes: 1000, urbanity: 1 })),
  denominators,
);

const cell = (areaCode: string, period: string, value: number | null, suppressed = false): Cell => ({
  areaCode,
  areaName: areaCode,
  level: areaCode.startsWith("GM") ? "gemeente" : "wijk",
  parent: areaCode.startsWith("GM") ? null : "GM0001",
  period,
  value,
  weight: 1,
  units: value,
  coverage: 1,
  suppressed,
});

const complaints = { direction: "lower" as const, rate: perThousandInhabitants({ nl: "klachten per 1.000 inwoners", en: "complaints per 1,000 inhabitants" }) };
const target: Target = { value: 100, deadline: 2030, baselineYear: 2020, baselineValue: 200, label: { nl: "doel", en: "target" } };

describe("area rates", () => {
  const cells = [cell("GM0001", "2024", 250), cell("WK1", "2024", 125), cell("WK2", "2024", 120), cell("WK3", "2024", 5)];
  const result = assessAreas({ indicator: complaints, cells, level: "wijk", period: "2024", areas, target: null });
  const byCode = Object.fromEntries(result.areas.map((a) => [a.areaCode, a]));

  it("divides a count by the same year's inhabitants, or by the latest earlier year CBS published", () => {
    expect(byCode.WK1).toMatchObject({ rate: 10, denominator: { value: 12_500, period: "2024" }, rateUnit: "per-1000-inhabitants" });
    expect(byCode.WK2).toMatchObject({ rate: 12, denominator: { value: 10_000, period: "2023" } });
    expect(result.city.rate).toBe(10);
  });

  it("ranks and compares by the rate, and marks an area too small for a stable rate instead of ranking it", () => {
    expect(byCode.WK3).toMatchObject({ rate: 10, smallArea: true, rank: null, vsCity: 0 });
    expect(byCode.WK1).toMatchObject({ rank: 1, vsCity: 0, smallArea: false });
    expect(byCode.WK2).toMatchObject({ rank: 2, vsCity: 2 });
  });

  it("gives no rate, status or rank for a suppressed count", () => {
    const suppressed = assessAreas({
      indicator: complaints,
      cells: [cell("GM0001", "2024", 250), cell("WK1", "2024", null, true), cell("WK2", "2024", 120)],
      level: "wijk",
      period: "2024",
      areas,
      target,
    });
    expect(suppressed.areas[0]).toMatchObject({ value: null, suppressed: true, rate: null, rank: null, gapToTarget: null, forecast: null });
    expect(suppressed.areas[0]!.status).toMatchObject({ code: "no-data" });
    expect(suppressed.areas[0]!.status!.reason.en).toMatch(/suppressed/);
  });
});

describe("the target per area", () => {
  it("is the city's target as it is for shares and averages", () => {
    expect(areaTargetOf(target, { direction: "lower" }, areas)).toEqual({ ...target, basis: "same" });
  });

  it("is the city's target over the city's inhabitants for a count: the deadline's (or latest) and the baseline year's", () => {
    // 100 complaints over 25,000 inhabitants (2024, the latest before 2030); 200 over 20,000 in 2020.
    expect(areaTargetOf(target, complaints, areas)).toMatchObject({ value: 4, baselineValue: 10, basis: "rate" });
  });

  it("holds every area to it by the published rule, with the gap still to go and the forecast", () => {
    const years = ["2020", "2021", "2022", "2023", "2024"];
    const cells = years.flatMap((year, i) => [
      cell("GM0001", year, 200 - 10 * i),
      // WK1 falls fast (on track), WK2 does not fall at all (off track).
      cell("WK1", year, 100 - 15 * i),
      cell("WK2", year, 150),
    ]);
    const result = assessAreas({ indicator: { direction: "lower" }, cells, level: "wijk", period: "2024", areas, target });
    const [wk1, wk2] = result.areas;
    expect(result.areaTarget).toMatchObject({ value: 100, basis: "same" });
    expect(wk1).toMatchObject({ value: 40, gapToTarget: 0 });
    expect(wk1!.status!.code).toBe("achieved");
    expect(wk2!.status!.code).toBe("off-track");
    expect(wk2!.gapToTarget).toBe(50);
    const higher = assessAreas({ indicator: { direction: "higher" }, cells, level: "wijk", period: "2024", areas, target });
    expect(higher.areas[1]).toMatchObject({ gapToTarget: 0 });
    expect(higher.areas[0]).toMatchObject({ gapToTarget: 60 });
    expect(higher.areas[0]!.forecast).not.toBeNull();
  });

  it("judges an earlier period on the values up to it only", () => {
    const cells = ["2020", "2021", "2022", "2023", "2024"].map((year, i) => cell("WK2", year, 200 - 30 * i));
    const at2021 = assessAreas({ indicator: { direction: "lower" }, cells, level: "wijk", period: "2021", areas, target });
    expect(at2021.areas).toHaveLength(1);
    expect(at2021.areas[0]!.status!.reason.en).toMatch(/too few years/);
  });
});

describe("gapToTarget", () => {
  it("is the distance still to go in the indicator's direction, 0 once met", () => {
    expect(gapToTarget(12, 10, "lower")).toBe(2);
    expect(gapToTarget(8, 10, "lower")).toBe(0);
    expect(gapToTarget(8, 10, "higher")).toBe(2);
    expect(gapToTarget(null, 10, "higher")).toBeNull();
    expect(gapToTarget(8, null, "higher")).toBeNull();
  });
});

describe("the wijken furthest off track", () => {
  const area = (areaCode: string, code: AreaStatus["code"], gap: number) => ({
    areaCode,
    areaName: areaCode,
    status: { code, reason: { nl: "", en: "" } },
    gapToTarget: gap,
    rateUnit: null,
  });
  const areaTarget = { ...target, basis: "same" as const };

  it("lists areas off track or at risk with their gap as a share of the target, never those on track", () => {
    const list = offTrackAreas("x", { areaTarget, areas: [area("A", "off-track", 50), area("B", "at-risk", 10), area("C", "on-track", 0)] as never });
    expect(list).toEqual([
      { areaCode: "A", areaName: "A", indicatorId: "x", status: "off-track", gapToTarget: 50, rateUnit: null, relativeGap: 0.5 },
      { areaCode: "B", areaName: "B", indicatorId: "x", status: "at-risk", gapToTarget: 10, rateUnit: null, relativeGap: 0.1 },
    ]);
    expect(offTrackAreas("x", { areaTarget: null, areas: [area("A", "off-track", 50)] as never })).toEqual([]);
  });

  it("puts off track before at risk, then the largest relative gap, and keeps the first few", () => {
    const entry = (areaCode: string, status: "off-track" | "at-risk", relativeGap: number) => ({
      areaCode,
      areaName: areaCode,
      indicatorId: "x",
      status,
      gapToTarget: 1,
      rateUnit: null,
      relativeGap,
    });
    const sorted = furthestOffTrack([entry("A", "at-risk", 0.9), entry("B", "off-track", 0.1), entry("C", "off-track", 0.4), entry("D", "at-risk", 0.2)], 3);
    expect(sorted.map((a) => a.areaCode)).toEqual(["C", "B", "A"]);
  });
});
