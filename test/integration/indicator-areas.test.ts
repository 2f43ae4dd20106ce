/**
 * Values per area for the policy view, against a monitor on the demo: ranking and comparisons,
 * disclosure control for the policy role (in JSON, CSV and Arrow alike), and the provenance and
 * freshness every number carries.
 */
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IndicatorSummary, Series } from "../../src/ground/contract/contract.ts";
import { AreaValues, type AreaValue } from "../../src/ground/contract/contract-areas.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, admin] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "admin")]);
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie, ...headers } });
const json = async (path: string, auth: Login) => {
  const response = await get(path, auth);
  expect(response.status, path).toBe(200);
  return response.json();
};
const areaValues = async (path: string, auth: Login) => AreaValues.parse(await json(path, auth));

/** Every level of odour complaints in every period, as one role sees it. */
async function allCells(auth: Login) {
  const { periods } = await areaValues("/api/v1/indicators/odour-complaints/areas?level=buurt", auth);
  const cells: (Pick<AreaValue, "areaCode" | "value" | "suppressed" | "parent"> & { level: string; period: string })[] = [];
  for (const period of periods) {
    for (const level of ["wijk", "buurt"]) {
      const values = await areaValues(`/api/v1/indicators/odour-complaints/areas?level=${level}&period=${period}`, auth);
      cells.push({ ...values.city, level: "gemeente", parent: null, period }, ...values.areas.map((a) => ({ ...a, period })));
    }
  }
  // The city comes with both levels; keep it once.
  return cells.filter((c, i) => cells.findIndex((d) => d.areaCode === c.areaCode && d.period === c.period) === i);
}

describe("values per area", () => {
  it("ranks the wijken in the indicator's direction and compares each with the city", async () => {
    const values = await areaValues("/api/v1/indicators/gas-use-per-home/areas?level=wijk", policy);
    expect(values).toMatchObject({ level: "wijk", direction: "lower", suppressionRule: null });
    expect(values.period).toBe(values.periods.at(-1));
    expect(values.areas).toHaveLength(10);
    const ranked = [...values.areas].sort((a, b) => a.rank! - b.rank!);
    expect(ranked.map((a) => a.value)).toEqual(ranked.map((a) => a.value).sort((a, b) => a! - b!));
    for (const area of values.areas) {
      expect(area.vsCity).toBeCloseTo(area.value! - values.city.value!, 2);
      expect(area.urbanity).toBeGreaterThanOrEqual(1);
      expect(area.similar!.count).toBe(values.areas.filter((a) => a.urbanity === area.urbanity).length - 1);
    }
  });

  it("defaults to wijken, and to the municipality for indicators published only there", async () => {
    expect((await areaValues("/api/v1/indicators/green-share/areas", policy)).level).toBe("wijk");
    const co2 = await areaValues("/api/v1/indicators/co2-emissions/areas", policy);
    expect(co2).toMatchObject({ level: "gemeente", areas: [{ areaCode: co2.city.areaCode, value: co2.city.value }] });
  });

  it.each([
    ["co2-emissions/areas?level=wijk", "level"],
    ["heat-stress-buurten/areas?level=buurt", "level"],
    ["green-share/areas?level=district", "level"],
    ["green-share/areas?period=1990", "period"],
    ["green-share/areas?period=last", "period"],
    ["green-share/series?area=BU00000000", "area"],
    ["heat-stress-buurten/series?area=BU99990101", "area"],
    ["co2-emissions/series?by=breakdown", "by"],
  ])("answers %s with 400 naming %s", async (path, parameter) => {
    const response = await get(`/api/v1/indicators/${path}`, policy);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toContain(parameter);
  });

  it("serves one wijk's series, and the finest areas as the breakdown", async () => {
    const wijk = Series.parse(await json("/api/v1/indicators/green-share/series?area=WK999902", policy));
    expect(new Set(wijk.points.map((p) => p.areaCode))).toEqual(new Set(["WK999902"]));
    expect(wijk.points.every((p) => p.level === "wijk" && p.value !== null)).toBe(true);
    const buurten = Series.parse(await json("/api/v1/indicators/green-share/series?by=breakdown", policy));
    expect(new Set(buurten.points.map((p) => p.level))).toEqual(new Set(["buurt"]));
  });
});

describe("disclosure control for the policy role", () => {
  it("suppresses every count of 1–4 complaints that others see, and nothing for them", async () => {
    const [full, aggregate] = await Promise.all([allCells(admin), allCells(policy)]);
    expect(full.some((c) => c.suppressed)).toBe(false);
    const small = full.filter((c) => c.value !== null && c.value > 0 && c.value < 5);
    expect(small.length).toBeGreaterThan(5);
    for (const cell of small) {
      expect(
        aggregate.find((c) => c.areaCode === cell.areaCode && c.period === cell.period),
        `${cell.areaCode} ${cell.period}`,
      ).toMatchObject({ value: null, suppressed: true });
    }
  });

  it("leaves no suppressed cell recoverable from a published total and the other published parts", async () => {
    const [full, aggregate] = await Promise.all([allCells(admin), allCells(policy)]);
    const fullValue = (code: string, period: string) => full.find((c) => c.areaCode === code && c.period === period)!.value!;
    let groups = 0;
    for (const parent of aggregate.filter((c) => c.level !== "buurt")) {
      const parts = aggregate.filter((c) => c.parent === parent.areaCode && c.period === parent.period);
      if (parent.suppressed || parts.length === 0) continue;
      groups++;
      // What the parts do not cover (complaints outside every buurt) is itself an unknown when small.
      const outside = fullValue(parent.areaCode, parent.period) - parts.reduce((s, c) => s + fullValue(c.areaCode, c.period), 0);
      const unknowns = parts.filter((c) => c.suppressed).length + (outside > 0 && outside < 5 ? 1 : 0);
      // One unknown would be the total minus the published parts.
      expect(unknowns, `${parent.areaCode} ${parent.period}`).not.toBe(1);
    }
    expect(groups).toBeGreaterThan(10);
  });

  it("suppresses the same cells in CSV and Arrow, and in one area's series", async () => {
    const path = "/api/v1/indicators/odour-complaints/areas?level=buurt";
    const values = await areaValues(path, policy);
    const hidden = values.areas.filter((a) => a.suppressed).map((a) => a.areaCode);
    expect(hidden.length).toBeGreaterThan(0);
    expect(values.suppressionRule!.en).toContain("fewer than 5");

    const csv = (await (await get(path, policy, { accept: "text/csv" })).text()).trim().split("\r\n").slice(2);
    const csvHidden = csv.map((line) => line.split(",")).filter((cells) => cells[6] === "true");
    expect(csvHidden.map((cells) => cells[2])).toEqual(hidden);
    expect(csvHidden.every((cells) => cells[5] === "")).toBe(true);

    const table = tableFromIPC(new Uint8Array(await (await get(path, policy, { accept: "application/vnd.apache.arrow.stream" })).arrayBuffer()));
    const rows = table.toArray().map((row) => row.toJSON() as { area_code: string; value: number | null; suppressed: boolean });
    expect(rows.filter((r) => r.suppressed).map((r) => r.area_code)).toEqual(hidden);
    expect(rows.filter((r) => r.suppressed).every((r) => r.value === null)).toBe(true);

    const series = Series.parse(await json(`/api/v1/indicators/odour-complaints/series?area=${hidden[0]}`, policy));
    expect(series.points.find((p) => p.period === values.period)).toMatchObject({ value: null, suppressed: true });
  });
});

describe("provenance", () => {
  it("names every input's run, the data period, quality tier and freshness against the release schedule", async () => {
    const indicator = IndicatorSummary.parse(await json("/api/v1/indicators/gas-use-per-home", policy));
    const { provenance } = indicator;
    expect(provenance.inputs.map((i) => i.pipeline)).toEqual(["area-key-figures", "areas"]);
    expect(provenance.inputs.every((i) => i.runId !== null && i.runFinishedAt !== null)).toBe(true);
    expect(provenance).toMatchObject({ qualityTier: "validated", freshness: { status: "current", latestPeriod: indicator.latest!.period } });
    expect(provenance.freshness.label.nl).toMatch(/^Gegevens t\/m \d{4}; \d{4} verwacht in Q\d \d{4}\.$/);
  });

  it("gives a sparkline of recent values and the forecast path to the deadline", async () => {
    const indicator = IndicatorSummary.parse(await json("/api/v1/indicators/green-share", policy));
    expect(indicator.recent.length).toBeGreaterThan(2);
    expect(indicator.recent.at(-1)).toMatchObject({ period: indicator.latest!.period, value: indicator.latest!.value });
    expect(indicator.status.forecastPath.at(-1)).toEqual(indicator.status.forecast);
    expect(indicator.status.forecastPath[0]!.year).toBe(Number(indicator.latest!.period));
  });
});
