import { describe, expect, it } from "vitest";
import type { Target } from "../../../src/ground/contract/contract.ts";
import { assessStatus, fitTrend, STATUS_RULE } from "../../../src/engine/themes/status.ts";

const target: Target = { value: 20, deadline: 2030, baselineYear: 2020, baselineValue: 30, label: { nl: "", en: "" } };
const series = (...values: number[]) => values.map((value, i) => ({ year: 2020 + i, value }));

describe("assessStatus", () => {
  it("is no-data without values or without a target", () => {
    expect(assessStatus({ points: [], direction: "lower", target }).code).toBe("no-data");
    expect(assessStatus({ points: series(30, 29), direction: "lower", target: null }).code).toBe("no-data");
  });

  it("is achieved when the latest value meets the target, in either direction", () => {
    expect(assessStatus({ points: series(30, 25, 19.5), direction: "lower", target }).code).toBe("achieved");
    const higher = { ...target, value: 50, baselineValue: 30 };
    expect(assessStatus({ points: series(30, 40, 51), direction: "higher", target: higher }).code).toBe("achieved");
    expect(assessStatus({ points: series(30, 40, 49), direction: "higher", target: higher }).code).not.toBe("achieved");
  });

  it("is on-track when the trend reaches the target and the value is ahead of the path", () => {
    const status = assessStatus({ points: series(30, 28.5, 27.2, 25.9, 24.4), direction: "lower", target });
    expect(status.code).toBe("on-track");
    expect(status.trajectoryValue).toBe(26);
    expect(status.forecast!.value).toBeLessThan(20);
    expect(status.pace!.needed).toBeCloseTo((20 - 24.4) / 6, 2);
    expect(status.pace!.achieved).toBeCloseTo(-1.38, 2);
  });

  it("is at-risk when the trend reaches the target but the value is behind the path", () => {
    const points = [30, 28.5, 27, 25.5].map((value, i) => ({ year: 2022 + i, value }));
    const status = assessStatus({ points, direction: "lower", target });
    expect(status.trajectoryValue).toBe(25);
    expect(status.forecast!.value).toBeLessThanOrEqual(20);
    expect(status.code).toBe("at-risk");
  });

  it("is off-track when even the favourable bound of the forecast misses", () => {
    const status = assessStatus({ points: series(30, 30.2, 29.9, 30.1, 30, 30.2), direction: "lower", target });
    expect(status.forecast!.low).toBeGreaterThan(20);
    expect(status.code).toBe("off-track");
  });

  it("is off-track once the deadline has passed without the target", () => {
    const late = { ...target, deadline: 2022 };
    expect(assessStatus({ points: series(30, 26, 24, 23), direction: "lower", target: late }).code).toBe("off-track");
  });

  it("uses the path alone with fewer than three years", () => {
    const ahead = assessStatus({ points: series(30, 28), direction: "lower", target });
    expect(ahead).toMatchObject({ code: "on-track", forecast: null, pace: null });
    expect(assessStatus({ points: series(30, 29.9), direction: "lower", target }).code).toBe("at-risk");
  });

  it("serves the same published rule text with every status, in both languages", () => {
    const status = assessStatus({ points: series(30, 28, 26), direction: "lower", target });
    expect(status.rule).toBe(STATUS_RULE);
    expect(status.reason.nl).not.toBe(status.reason.en);
  });
});

describe("fitTrend", () => {
  it("fits a straight line exactly, with a zero-width interval", () => {
    const trend = fitTrend(series(10, 12, 14, 16), 2030)!;
    expect(trend.slope).toBe(2);
    expect(trend.forecast).toEqual({ year: 2030, value: 30, low: 30, high: 30 });
  });

  it("widens the interval with scatter and with distance from the data", () => {
    const noisy = series(10, 13, 13, 17);
    expect(fitTrend(noisy, 2030)!.forecast.high - fitTrend(noisy, 2030)!.forecast.low).toBeGreaterThan(
      fitTrend(noisy, 2024)!.forecast.high - fitTrend(noisy, 2024)!.forecast.low,
    );
  });

  it("gives the forecast for every year from the last value to the deadline, ending at the forecast", () => {
    const trend = fitTrend(series(10, 13, 13, 17), 2030)!;
    const last = Number(trend.path[0]!.year);
    expect(trend.path.map((p) => p.year)).toEqual(Array.from({ length: 2030 - last + 1 }, (_, i) => last + i));
    expect(trend.path.at(-1)).toEqual(trend.forecast);
    const widths = trend.path.map((p) => p.high - p.low);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
  });
});

describe("the theme registry and the policy plan", () => {
  it("lists every indicator of every file in ./indicators once, and the plan has a target for each", async () => {
    const { readdirSync } = await import("node:fs");
    const path = await import("node:path");
    const { themes } = await import("../../../src/engine/themes/index.ts");
    const { loadPolicyPlan } = await import("../../../src/engine/themes/policy-plan.ts");
    const dir = path.resolve(import.meta.dirname, "../../../src/engine/themes/indicators");
    const defined = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const exported = Object.values(await import(path.join(dir, file))) as { id?: unknown; sql?: unknown }[];
      const indicators = exported.filter((value) => typeof value?.id === "string" && typeof value.sql === "string");
      expect(indicators.length, file).toBeGreaterThan(0);
      defined.push(...indicators);
    }
    const registered = themes.flatMap((t) => t.indicators);
    expect(registered.map((i) => i.id).sort()).toEqual(defined.map((i) => i.id).sort());
    expect(new Set(registered.map((i) => i.id)).size).toBe(registered.length);
    const plan = loadPolicyPlan(path.resolve(import.meta.dirname, "../../../data/policy-plan.json"));
    for (const indicator of registered) expect(plan.targetFor(indicator.id), indicator.id).not.toBeNull();
  });
});
