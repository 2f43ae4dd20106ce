/**
 * Where: every area against the target on the demo, through the API. Statuses by the published rule,
 * the gap to go, counts compared as rates over the right year's inhabitants, small areas marked and
 * unranked, disclosure control carried into rates, and the area profile.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ThemeList } from "../../src/ground/contract/contract.ts";
import { AreaProfile, AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let analyst: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, analyst] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "analyst")]);
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login) => fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie } });
async function json(path: string, auth: Login): Promise<unknown> {
  const response = await get(path, auth);
  expect(response.status, path).toBe(200);
  return response.json();
}
const areaValues = async (path: string, auth: Login) => AreaValues.parse(await json(path, auth));

/** Inhabitants per area and year as the key-figures pipeline published them. */
async function inhabitants(): Promise<Map<string, Map<string, number>>> {
  const rows = await monitor.db.query(
    "SELECT area_code, period::VARCHAR AS period, value FROM main.area_key_figures WHERE measure = 'inhabitants' AND value IS NOT NULL",
  );
  const byArea = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const code = String(row.area_code);
    if (!byArea.has(code)) byArea.set(code, new Map());
    byArea.get(code)!.set(String(row.period), Number(row.value));
  }
  return byArea;
}

describe("each area against the target", () => {
  it("gives every wijk a status by the published rule and its gap to the target, held to the city's target for shares", async () => {
    const values = await areaValues("/api/v1/indicators/green-share/areas?level=wijk", policy);
    const indicator = (await json("/api/v1/indicators/green-share", policy)) as { target: { value: number } };
    expect(values.areaTarget).toMatchObject({ value: indicator.target.value, basis: "same" });
    expect(values.rate).toBeNull();
    for (const area of values.areas) {
      expect(area.status!.code).toMatch(/^(achieved|on-track|at-risk|off-track)$/);
      expect(area.status!.reason.nl.length).toBeGreaterThan(10);
      const gap = Math.max(0, values.areaTarget!.value - area.value!);
      expect(area.gapToTarget).toBeCloseTo(gap, 2);
      if (area.status!.code === "achieved") expect(area.gapToTarget).toBe(0);
      else expect(area.gapToTarget).toBeGreaterThan(0);
      expect(area.rate).toBeNull();
    }
    // The demo's wijken differ: not all share the city's status.
    expect(new Set(values.areas.map((a) => a.status!.code)).size).toBeGreaterThan(1);
  });

  it("compares counts as rates per 1,000 inhabitants, using the inhabitants of the value's own year", async () => {
    const figures = await inhabitants();
    for (const period of ["2019", "2022"]) {
      const values = await areaValues(`/api/v1/indicators/noise-complaints/areas?level=wijk&period=${period}`, analyst);
      expect(values.rate).toMatchObject({ rateUnit: "per-1000-inhabitants", denominator: "inhabitants", scale: 1000 });
      const cityInhabitants = figures.get(values.city.areaCode)!.get(period)!;
      expect(values.city.rate).toBeCloseTo((values.city.value! / cityInhabitants) * 1000, 2);
      for (const area of values.areas) {
        const own = figures.get(area.areaCode)!.get(period)!;
        expect(area.denominator).toEqual({ value: own, period });
        expect(area.rate).toBeCloseTo((area.value! / own) * 1000, 2);
        expect(area.rateUnit).toBe("per-1000-inhabitants");
        expect(area.vsCity).toBeCloseTo(area.rate! - values.city.rate!, 1);
      }
      // Ranked by the rate, lowest first for complaints.
      const ranked = values.areas.filter((a) => a.rank !== null).sort((a, b) => a.rank! - b.rank!);
      expect(ranked.map((a) => a.rate)).toEqual(ranked.map((a) => a.rate).sort((a, b) => a! - b!));
    }
  });

  it("holds each area to the city's target over the city's inhabitants when the indicator is a count", async () => {
    const figures = await inhabitants();
    const values = await areaValues("/api/v1/indicators/noise-complaints/areas?level=wijk", analyst);
    const { target } = (await json("/api/v1/indicators/noise-complaints", analyst)) as { target: { value: number; deadline: number; baselineYear: number } };
    const city = figures.get(values.city.areaCode)!;
    const latestBefore = [...city.keys()]
      .filter((year) => Number(year) <= target.deadline)
      .sort()
      .at(-1)!;
    expect(values.areaTarget).toMatchObject({ basis: "rate" });
    expect(values.areaTarget!.value).toBeCloseTo((target.value / city.get(latestBefore)!) * 1000, 2);
    for (const area of values.areas) expect(area.gapToTarget).toBeCloseTo(Math.max(0, area.rate! - values.areaTarget!.value), 2);
  });

  it("marks buurten too small for a stable rate and does not rank them", async () => {
    const values = await areaValues("/api/v1/indicators/trees-planted/areas?level=buurt", analyst);
    const small = values.areas.filter((a) => a.smallArea);
    expect(small.length).toBeGreaterThan(0);
    for (const area of small) {
      expect(area.denominator!.value).toBeLessThan(values.rate!.minimumDenominator);
      expect(area.rank).toBeNull();
      expect(area.rate).not.toBeNull();
    }
    const ranked = values.areas.filter((a) => a.rank !== null);
    expect(Math.max(...ranked.map((a) => a.rank!))).toBeLessThanOrEqual(ranked.length);
  });

  it("suppresses the rate, rank and gap of a suppressed count for the policy role", async () => {
    const values = await areaValues("/api/v1/indicators/odour-complaints/areas?level=buurt", policy);
    const suppressed = values.areas.filter((a) => a.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const area of suppressed) {
      expect(area).toMatchObject({ value: null, rate: null, rank: null, vsCity: null, gapToTarget: null, forecast: null });
      if (area.status) expect(area.status.code).toBe("no-data");
    }
  });

  it("says so when an area has fewer than three similar areas instead of giving their mean", async () => {
    const values = await areaValues("/api/v1/indicators/green-share/areas?level=wijk", policy);
    for (const area of values.areas) {
      if (area.similar === null) continue;
      if (area.similar.count < 3) expect(area.similar.mean).toBeNull();
      else expect(area.similar.mean).not.toBeNull();
    }
  });
});

describe("the overview answers where", () => {
  it("gives each indicator its gap to the target and each theme the wijken furthest off track, worst first", async () => {
    const { themes } = ThemeList.parse(await json("/api/v1/themes", policy));
    for (const indicator of themes.flatMap((t) => t.indicators)) {
      if (!indicator.target || !indicator.latest) expect(indicator.gapToTarget).toBeNull();
      else if (indicator.status.code === "achieved") expect(indicator.gapToTarget).toBe(0);
      else expect(indicator.gapToTarget).toBeGreaterThan(0);
    }
    const listed = themes.flatMap((t) => t.offTrackAreas);
    expect(listed.length).toBeGreaterThan(0);
    for (const theme of themes) {
      expect(theme.offTrackAreas.length).toBeLessThanOrEqual(5);
      const severity = theme.offTrackAreas.map((a) => (a.status === "off-track" ? 0 : 1));
      expect(severity).toEqual([...severity].sort());
      for (const entry of theme.offTrackAreas) {
        expect(theme.indicators.map((i) => i.id)).toContain(entry.indicatorId);
        // The same status and gap as the indicator's values per wijk say.
        const values = await areaValues(`/api/v1/indicators/${entry.indicatorId}/areas?level=wijk`, policy);
        const area = values.areas.find((a) => a.areaCode === entry.areaCode)!;
        expect(area.status!.code).toBe(entry.status);
        expect(area.gapToTarget).toBe(entry.gapToTarget);
      }
    }
  });
});

describe("the area profile", () => {
  it("gives every indicator with area values for one wijk against the city and the target, with status, gap and rank", async () => {
    const { areas } = await areaValues("/api/v1/indicators/green-share/areas?level=wijk", policy);
    const wijk = areas[0]!;
    const profile = AreaProfile.parse(await json(`/api/v1/areas/${wijk.areaCode}/profile`, policy));
    expect(profile.area).toMatchObject({ code: wijk.areaCode, name: wijk.areaName, level: "wijk" });
    const ids = profile.indicators.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(["green-share", "noise-complaints", "gas-use-per-home", "heat-stress-buurten"]));
    // Indicators without area values (stations, municipal totals) are not in it.
    expect(ids).not.toContain("co2-emissions");
    expect(ids).not.toContain("no2-annual-mean");
    const green = profile.indicators.find((i) => i.id === "green-share")!;
    expect(green).toMatchObject({ value: wijk.value, status: wijk.status, gapToTarget: wijk.gapToTarget, rank: wijk.rank, of: areas.length });
    const noise = profile.indicators.find((i) => i.id === "noise-complaints")!;
    expect(noise.rateUnit).toBe("per-1000-inhabitants");
    expect(noise.rateLabel!.en).toBe("complaints per 1,000 inhabitants");
    expect(noise.cityValue).not.toBeNull();
  });

  it("serves buurten too, without the indicators not published at buurt level", async () => {
    const { areas } = await areaValues("/api/v1/indicators/green-share/areas?level=buurt", policy);
    const profile = AreaProfile.parse(await json(`/api/v1/areas/${areas[0]!.areaCode}/profile`, policy));
    expect(profile.area.level).toBe("buurt");
    expect(profile.indicators.map((i) => i.id)).not.toContain("heat-stress-buurten");
  });

  it("answers 404 for an area that is not the municipality's, and 400 naming the parameter for a malformed code", async () => {
    const unknown = await get("/api/v1/areas/WK999999/profile", policy);
    expect(unknown.status).toBe(404);
    const bad = await get("/api/v1/areas/%3Cscript%3E/profile", policy);
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toContain("code");
    expect(body).not.toContain("<script>");
  });
});
