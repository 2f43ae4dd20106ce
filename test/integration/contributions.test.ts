/**
 * Why an indicator moved, against a monitor on the demo: for every indicator and every breakdown it
 * offers, the parts and the residual add up to the change, as the policy role and as the analyst; the
 * policy role gets suppressed wijken merged into one part that published numbers already determine;
 * the parts over time add up to the indicator's values; and refusals name their parameter.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ThemeList } from "../../src/ground/contract/contract.ts";
import { AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { Contributions, IndicatorParts } from "../../src/ground/contract/contract-why.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let analyst: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, analyst] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "analyst")]);
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie, ...headers } });
async function json(path: string, auth: Login): Promise<unknown> {
  const response = await get(path, auth);
  expect(response.status, `${path}: ${response.status === 200 ? "" : await response.clone().text()}`).toBe(200);
  return response.json();
}
const contributions = async (path: string, auth: Login) => Contributions.parse(await json(`/api/v1/indicators/${path}`, auth));
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe("contributions add up", () => {
  it("for every indicator and every breakdown it offers, as policy and as analyst, to the change with a residual below 0.01", async () => {
    const { themes } = ThemeList.parse(await json("/api/v1/themes", analyst));
    const checked: string[] = [];
    for (const indicator of themes.flatMap((t) => t.indicators)) {
      for (const [role, auth] of [
        ["policy", policy],
        ["analyst", analyst],
      ] as const) {
        const { offered } = IndicatorParts.parse(await json(`/api/v1/indicators/${indicator.id}/parts`, auth));
        for (const by of offered) {
          const answer = await contributions(`${indicator.id}/contributions?by=${by}`, auth);
          const label = `${indicator.id} by ${by} as ${role}`;
          expect(answer.total.change, label).toBeCloseTo(answer.to.value - answer.from.value, 6);
          expect(Math.abs(sum(answer.parts.map((p) => p.contribution)) + answer.residual - answer.total.change), label).toBeLessThan(1e-6);
          expect(Math.abs(answer.residual), label).toBeLessThan(0.01);
          expect(answer.parts.length, label).toBeGreaterThan(0);
          for (const part of answer.parts) {
            if (part.effects) expect(part.effects.mix + part.effects.intensity, `${label} ${part.key}`).toBeCloseTo(part.contribution, 5);
          }
          // The defaults: from the target's baseline year (or the first period) to the latest period.
          expect(answer.to.period).toBe(answer.periods.at(-1));
          expect(answer.from.period).toBe(
            answer.periods.includes(String(indicator.target?.baselineYear)) ? String(indicator.target!.baselineYear) : answer.periods[0],
          );
          checked.push(`${indicator.id}|${by}|${role}`);
        }
      }
    }
    // Not vacuous: sums by sector, source and stream, sums by wijk, weighted means by wijk and a
    // per-capita figure's effects (LMDI-I).
    for (const key of [
      "co2-emissions|sector",
      "renewable-energy|source",
      "odour-complaints|area",
      "trees-planted|area",
      "green-share|area",
      "soil-risk-compliance|area",
      "residual-waste|stream",
      "residual-waste|effect",
    ]) {
      expect(checked, key).toContain(`${key}|policy`);
      expect(checked, key).toContain(`${key}|analyst`);
    }
  });

  it("gives CO2 by sector each sector's own change, and the gap to the target with its deadline", async () => {
    const answer = await contributions("co2-emissions/contributions?by=sector&from=2016&to=2023", policy);
    expect(answer).toMatchObject({ method: "additive", from: { period: "2016" }, to: { period: "2023" }, target: { value: 318, deadline: 2030 } });
    const parts = IndicatorParts.parse(await json("/api/v1/indicators/co2-emissions/parts?by=sector", policy));
    for (const part of answer.parts) {
      const at = (period: string) => parts.points.find((p) => p.period === period && p.key === part.key)!.value;
      expect(part.contribution, part.key).toBeCloseTo(at("2023") - at("2016"), 6);
      expect(part.name.en).not.toBe(part.key);
    }
    expect(answer.parts.map((p) => Math.abs(p.contribution))).toEqual(answer.parts.map((p) => Math.abs(p.contribution)).sort((a, b) => b - a));
    expect(answer.total.gap).toBeCloseTo(Math.min(0, 318 - answer.to.value), 6);
  });

  it("splits a weighted mean by wijk into mix and intensity (LMDI-I)", async () => {
    const answer = await contributions("green-share/contributions?by=area", analyst);
    expect(answer.method).toBe("lmdi-i");
    expect(answer.parts.filter((p) => p.key.startsWith("WK")).every((p) => p.effects !== null)).toBe(true);
  });
});

describe("residual waste per inhabitant", () => {
  it("offers its streams and its effects, and splits the change into the total's and the population's effect (LMDI-I)", async () => {
    const parts = IndicatorParts.parse(await json("/api/v1/indicators/residual-waste/parts", policy));
    expect(parts).toMatchObject({ by: "stream", offered: ["stream", "effect"] });
    expect(new Set(parts.points.map((p) => p.key))).toEqual(new Set(["fine", "bulky"]));

    const answer = await contributions("residual-waste/contributions?by=effect", policy);
    expect(answer.method).toBe("lmdi-i");
    expect(Object.fromEntries(answer.parts.map((p) => [p.key, p.name]))).toEqual({
      total: { nl: "Totale hoeveelheid", en: "Total waste effect" },
      population: { nl: "Bevolkingsgroei", en: "Population effect" },
    });
    expect(answer.parts.every((p) => p.effects === null)).toBe(true);
    // The demo's population grows, so its effect lowers the kilograms per inhabitant.
    expect(answer.parts.find((p) => p.key === "population")!.contribution).toBeLessThan(0);
    expect(answer.residual).toBe(0);

    const byStream = await contributions("residual-waste/contributions?by=stream&from=2017&to=2023", analyst);
    expect(byStream.method).toBe("additive");
    for (const part of byStream.parts) {
      const at = (period: string) => parts.points.find((p) => p.period === period && p.key === part.key)!.value;
      expect(part.contribution, part.key).toBeCloseTo(at("2023") - at("2017"), 6);
    }
  });

  it.each([
    ["by=stream&from=2016", "from", /2016/],
    ["by=effect&to=2025", "to", /inhabitants|inwoners/],
  ])("refuses %s with 400 naming %s and saying what is missing, in both languages", async (query, parameter, detail) => {
    for (const lang of ["en", "nl"]) {
      const response = await get(`/api/v1/indicators/residual-waste/contributions?${query}`, policy, { "accept-language": lang });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { invalidParams: { name: string; reason: string }[] };
      const invalid = problem.invalidParams.find((p) => p.name === parameter);
      expect(invalid?.reason).toMatch(detail);
      expect(invalid?.reason).toMatch(
        query.includes("stream") ? (lang === "nl" ? /geen uitsplitsing/ : /no breakdown/) : lang === "nl" ? /inwoners/ : /inhabitants/,
      );
    }
  });
});

describe("disclosure control", () => {
  /** Odour complaints per wijk in one period, as the policy role sees them. */
  const wijken = async (period: string) => AreaValues.parse(await json(`/api/v1/indicators/odour-complaints/areas?level=wijk&period=${period}`, policy));

  it("merges the wijken suppressed in either period into one part, which the published numbers already determine", async () => {
    const { periods } = await wijken("2020");
    const withSuppressed: string[] = [];
    for (const period of periods) if ((await wijken(period)).areas.some((a) => a.suppressed)) withSuppressed.push(period);
    expect(withSuppressed.length, "the demo has suppressed wijk cells of odour complaints").toBeGreaterThan(0);
    const to = withSuppressed.at(-1)!;
    const from = periods.find((p) => p !== to)!;
    const [start, end] = [await wijken(from < to ? from : to), await wijken(from < to ? to : from)];
    const answer = await contributions(`odour-complaints/contributions?by=area&from=${start.period}&to=${end.period}`, policy);

    const hidden = new Set([...start.areas, ...end.areas].filter((a) => a.suppressed).map((a) => a.areaCode));
    const merged = answer.parts.find((p) => p.key === "suppressed")!;
    expect(merged).toMatchObject({ suppressedAreas: hidden.size, effects: null, name: { en: `Suppressed areas (${hidden.size})` } });
    expect(answer.parts.some((p) => hidden.has(p.key))).toBe(false);
    expect(answer.suppressionRule).not.toBeNull();
    // The merged part is the city's change minus the shown wijken's: published numbers only.
    const shownSum = (values: AreaValues) => sum(values.areas.filter((a) => !hidden.has(a.areaCode)).map((a) => a.value!));
    expect(merged.contribution).toBeCloseTo(end.city.value! - shownSum(end) - (start.city.value! - shownSum(start)), 6);

    const full = await contributions(`odour-complaints/contributions?by=area&from=${start.period}&to=${end.period}`, analyst);
    expect(full.parts.some((p) => p.key === "suppressed")).toBe(false);
    expect(full.total.change).toBe(answer.total.change);
  });
});

describe("parts over time", () => {
  it.each([
    ["co2-emissions", "sector", 6],
    ["renewable-energy", "source", 4],
  ])("%s by %s: every period's parts add up to the indicator's value", async (id, by, count) => {
    const parts = IndicatorParts.parse(await json(`/api/v1/indicators/${id}/parts`, policy));
    expect(parts).toMatchObject({ by, offered: [by] });
    const series = (await json(`/api/v1/indicators/${id}/series`, policy)) as { points: { period: string; value: number }[] };
    for (const point of series.points) {
      const inPeriod = parts.points.filter((p) => p.period === point.period);
      expect(inPeriod, point.period).toHaveLength(count);
      expect(sum(inPeriod.map((p) => p.value))).toBeCloseTo(point.value, 1);
    }
  });

  it("has none for an indicator without parts, and says what it offers", async () => {
    expect(IndicatorParts.parse(await json("/api/v1/indicators/no2-annual-mean/parts", policy))).toEqual({
      indicatorId: "no2-annual-mean",
      unit: "µg/m³",
      by: null,
      offered: [],
      points: [],
    });
    expect(IndicatorParts.parse(await json("/api/v1/indicators/noise-complaints/parts", policy))).toMatchObject({ by: null, offered: ["area"] });
  });
});

describe("refusals", () => {
  it.each([
    ["co2-emissions/contributions?by=area", "by"],
    ["gas-use-per-home/contributions?by=area", "by"],
    ["no2-annual-mean/contributions?by=sector", "by"],
    ["co2-emissions/contributions?by=wijk", "by"],
    ["co2-emissions/contributions", "by"],
    ["co2-emissions/contributions?by=sector&from=2022&to=2018", "from"],
    ["co2-emissions/contributions?by=sector&from=1990", "from"],
    ["co2-emissions/contributions?by=sector&to=2099", "to"],
    ["co2-emissions/parts?by=source", "by"],
  ])("answers %s with 400 naming %s, in both languages", async (path, parameter) => {
    for (const lang of ["en", "nl"]) {
      const response = await get(`/api/v1/indicators/${path}`, policy, { "accept-language": lang });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { detail: string; invalidParams: { name: string; reason: string }[] };
      expect(problem.invalidParams.map((p) => p.name)).toContain(parameter);
      expect(problem.detail).toMatch(lang === "nl" ? /queryparameter/ : /query parameter/);
    }
  });

  it("answers an unknown indicator with 404", async () => {
    expect((await get("/api/v1/indicators/nope/contributions?by=area", policy)).status).toBe(404);
  });
});
