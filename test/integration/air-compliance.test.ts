/**
 * GET /api/v1/air-quality/compliance on the demo: the stations whose NO₂ meets today's limit value
 * but not 2030's come first, for every role; a year without data and a malformed year are 400s.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { AirCompliance } from "../../src/ground/contract/contract-air.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const Problem = z.object({
  status: z.number(),
  detail: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});

let monitor: TestMonitor;
let policy: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  policy = await login(monitor.url, "policy");
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login = policy, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie, ...headers } });

describe("GET /api/v1/air-quality/compliance", () => {
  it("judges the latest full year by default and lists the stations failing a 2030 NO₂ value first", async () => {
    const response = await get("/api/v1/air-quality/compliance");
    expect(response.status).toBe(200);
    const answer = AirCompliance.parse(await response.json());
    expect(answer.year).toBe(2025);
    expect(answer.years).toEqual([2025, 2024, 2023, 2022]);

    const no2 = (number: string) => answer.stations.find((s) => s.number === number)!.components.find((c) => c.formula === "NO2")!;
    const verdict = (number: string, id: string) => no2(number).standards.find((s) => s.id === id)!;
    // The test demo's traffic station NL99001 (NO₂ about 25 µg/m³ in 2025) is the one between the two limit values.
    const between = answer.stations.filter((s) => {
      const mean = no2(s.number).annualMean;
      return mean !== null && mean > 20 && mean <= 40;
    });
    expect(between.map((s) => s.number)).toEqual(["NL99001"]);
    for (const { number } of between) {
      const component = no2(number);
      expect(component.annualMeanValid).toBe(true);
      expect(component.coverage).toBeGreaterThanOrEqual(0.85);
      expect(verdict(number, "eu-2030")).toMatchObject({ kind: "limit", complies: false, annualValue: 20 });
      expect(verdict(number, "eu-2030").reason?.en).toMatch(/^annual mean \d+\.\d µg\/m³ above 20 µg\/m³$/);
      expect(verdict(number, "eu-current")).toMatchObject({ kind: "limit", complies: true, annualValue: 40, reason: null });
      expect(verdict(number, "who-2021")).toMatchObject({ kind: "guideline", complies: false, annualValue: 10 });
    }
    // Failing a 2030 value first: exactly those stations open the list.
    const failing = answer.stations.filter((s) => s.failsEu2030);
    expect(failing.map((s) => s.number)).toContain("NL99001");
    expect(answer.stations.slice(0, failing.length)).toEqual(failing);
    expect(answer.stations.slice(failing.length).every((s) => !s.failsEu2030)).toBe(true);
    const hourly = no2("NL99001").hourly.map(({ normId, allowed }) => [normId, allowed]);
    expect(hourly).toEqual([
      ["eu-2008-1h", 18],
      ["eu-2030-1h", 3],
    ]);
    expect(no2("NL99001").daily).toEqual([expect.objectContaining({ normId: "eu-2030-24h", value: 50, allowed: 18 })]);
  });

  it("gives every role the same answer, station data being not personal", async () => {
    const answers = await Promise.all(
      ["permit", "analyst", "admin"].map(async (role) => (await get("/api/v1/air-quality/compliance?year=2024", await login(monitor.url, role))).json()),
    );
    const policyAnswer: unknown = await (await get("/api/v1/air-quality/compliance?year=2024")).json();
    for (const answer of answers) expect(answer).toEqual(policyAnswer);
  });

  it("refuses a year without measurements with a 400 naming year and the years there are", async () => {
    const response = await get("/api/v1/air-quality/compliance?year=2019", policy, { "accept-language": "en" });
    expect(response.status).toBe(400);
    const problem = Problem.parse(await response.json());
    expect(problem.invalidParams?.[0]?.name).toBe("year");
    expect(problem.detail).toContain("2025, 2024, 2023, 2022");
  });

  it("refuses year=abc with a 400 naming year", async () => {
    const response = await get("/api/v1/air-quality/compliance?year=abc");
    expect(response.status).toBe(400);
    expect(Problem.parse(await response.json()).invalidParams?.map((p) => p.name)).toEqual(["year"]);
  });

  it("refuses an anonymous caller", async () => {
    expect((await fetch(`${monitor.url}/api/v1/air-quality/compliance`)).status).toBe(401);
  });
});
