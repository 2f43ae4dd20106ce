/**
 * The one freshness judgement (src/pipelines/framework/release-schedule.ts) against each registered
 * pipeline's declared release: a newest value just inside its schedule is fresh, one past it is
 * stale. The limits are computed here from the release's own numbers and the cron (independently of
 * the judgement's code), and a few are spelled out as dates.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../../src/pipelines/framework/define-pipeline.ts";
import { pipelines } from "../../../src/pipelines/index.ts";
import type { PipelineDefinition } from "../../../src/pipelines/framework/define-pipeline.ts";
import type { Release } from "../../../src/pipelines/framework/release-schedule.ts";
import { nextRuns } from "../../../src/pipelines/framework/cron-schedule.ts";
import { judgeFreshness, releases, type FreshnessInput } from "../../../src/pipelines/framework/release-schedule.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = new Date("2026-12-04T12:00:00Z");

/** A newest value for the pipeline, the instant newer data is late and the instant it is stale. */
function caseOf(pipeline: PipelineDefinition): { input: FreshnessInput; late: Date; stale: Date } {
  const rule = pipeline.freshness;
  const schedule = pipeline.schedule;
  if (!rule) {
    const published = new Date("2026-11-30T03:17:00Z");
    // A publish is late once a scheduled run went by without one, stale after three.
    const runs = nextRuns(schedule, published, 4);
    return { input: { release: releases.onSchedule, schedule, basis: "publish", latest: published.toISOString() }, late: runs[1]!, stale: runs[3]! };
  }
  const release = rule.release;
  if (release.kind === "periods") {
    const year = 2024;
    const due = new Date(Date.UTC(year + release.everyYears + 1, release.monthsAfter, 1));
    const stale = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + release.graceMonths, 1));
    return { input: { release, schedule, basis: "year", latest: String(year) }, late: due, stale };
  }
  if (release.kind !== "feed") throw new Error(`${pipeline.name}: a column with a ${release.kind} release`);
  if (rule.period === "date") {
    // A day's records are complete at its end.
    const end = new Date("2026-11-20T00:00:00Z");
    return {
      input: { release, schedule, basis: "date", latest: "2026-11-19" },
      late: new Date(end.getTime() + release.warnAfterHours * HOUR),
      stale: new Date(end.getTime() + release.staleAfterHours * HOUR),
    };
  }
  const latest = new Date("2026-11-19T13:00:00Z");
  return {
    input: { release, schedule, basis: "timestamp", latest: latest.toISOString() },
    late: new Date(latest.getTime() + release.warnAfterHours * HOUR),
    stale: new Date(latest.getTime() + release.staleAfterHours * HOUR),
  };
}

describe("each pipeline's declared release", () => {
  it("is declared by every registered pipeline: a period column with a feed or periods release, or the schedule", () => {
    for (const pipeline of pipelines) {
      const rule = pipeline.freshness;
      if (rule) expect(["timestamp", "date", "year"], pipeline.name).toContain(rule.period);
    }
    // The hourly feeds, the dated registers and the annual figures judge by their data; the rest by the publish.
    const byPeriod = pipelines.filter((p) => p.freshness).map((p) => `${p.name}:${p.freshness!.period}`);
    expect(byPeriod).toEqual(
      expect.arrayContaining([
        "air-quality-measurements:timestamp",
        "air-quality-sensor-observations:timestamp",
        "complaints:date",
        "inspections:date",
        "area-key-figures:year",
        "waste:year",
        "co2-emissions:year",
        "noise-exposure:year",
      ]),
    );
  });

  for (const pipeline of pipelines) {
    it(`${pipeline.name}: fresh just inside its schedule, late after it, stale past it`, () => {
      const { input, late, stale } = caseOf(pipeline);
      const at = (time: number) => judgeFreshness(input, new Date(time));
      expect(at(late.getTime() - MINUTE).status).toBe("fresh");
      expect(at(late.getTime() + MINUTE).status).toBe(late.getTime() === stale.getTime() ? "stale" : "warn");
      expect(at(stale.getTime() - MINUTE).status).toBe(late.getTime() === stale.getTime() ? "fresh" : "warn");
      const past = at(stale.getTime() + HOUR);
      expect(past.status).toBe("stale");
      // The numbers the view, /readyz and the alerts show agree with the status.
      expect(past.ageHours!).toBeGreaterThan(past.errorAfterHours!);
      expect(past.expectedBy).not.toBeNull();
      expect(Date.parse(past.expectedBy!)).toBeLessThanOrEqual(late.getTime());
    });
  }

  it("has no value to judge without a newest value", () => {
    const judged = judgeFreshness({ release: releases.hourlyFeed, basis: "timestamp", latest: null }, NOW);
    expect(judged).toMatchObject({ status: "unknown", latest: null, ageHours: null, cadence: { every: 1, unit: "hour" } });
  });
});

describe("judgeFreshness in dates", () => {
  it("judges an hourly feed ending 1 January 2026 stale in December, 337 days old, expecting the next hour", () => {
    const judged = judgeFreshness({ release: releases.hourlyFeed, basis: "timestamp", latest: "2026-01-01T00:00:00Z" }, NOW);
    expect(judged).toMatchObject({
      status: "stale",
      expectedBy: "2026-01-01T01:00:00.000Z",
      warnAfterHours: 24,
      errorAfterHours: 168,
      cadence: { every: 1, unit: "hour" },
    });
    expect(Math.floor(judged.ageHours! / 24)).toBe(337);
  });

  it("expects CBS's next year in the October after it ends, late until a quarter later, then stale", () => {
    const input = { release: releases.cbsAnnual, basis: "year", latest: "2024" } as const;
    expect(judgeFreshness(input, new Date("2026-09-30T12:00:00Z"))).toMatchObject({ status: "fresh", expectedBy: "2026-10-01T00:00:00.000Z" });
    expect(judgeFreshness(input, new Date("2026-12-04T12:00:00Z")).status).toBe("warn");
    expect(judgeFreshness(input, new Date("2027-01-02T00:00:00Z")).status).toBe("stale");
    expect(judgeFreshness({ ...input, latest: "2025" }, NOW)).toMatchObject({ status: "fresh", cadence: { every: 1, unit: "year" } });
  });

  it("waits five years and a half for the next EU noise map", () => {
    const judged = judgeFreshness({ release: releases.noiseMaps, basis: "year", latest: "2022" }, NOW);
    expect(judged).toMatchObject({ status: "fresh", expectedBy: "2029-07-01T00:00:00.000Z", cadence: { every: 5, unit: "year" } });
  });

  it("judges a weekly publish by the Monday runs in Dutch time", () => {
    // areas: "0 4 * * 1", Monday 04:00 in Amsterdam (03:00 UTC in winter).
    const input = { release: releases.onSchedule, schedule: "0 4 * * 1", basis: "publish", latest: "2026-11-30T03:05:00Z" } as const;
    expect(judgeFreshness(input, NOW)).toMatchObject({ status: "fresh", expectedBy: "2026-12-07T03:00:00.000Z", cadence: { every: 1, unit: "run" } });
    expect(judgeFreshness(input, new Date("2026-12-14T03:01:00Z")).status).toBe("warn");
    expect(judgeFreshness(input, new Date("2026-12-28T03:01:00Z")).status).toBe("stale");
  });

  it("counts a register's day from its end", () => {
    const judged = judgeFreshness({ release: releases.dailyRegister, basis: "date", latest: "2026-12-03" }, NOW);
    expect(judged).toMatchObject({ status: "fresh", ageHours: 12, expectedBy: "2026-12-05T00:00:00.000Z" });
  });

  it("keeps the schedule's local time across the change to summer time", () => {
    // Summer time starts on 29 March 2026: Monday 04:00 is 03:00 UTC before, 02:00 UTC after.
    expect(nextRuns("0 4 * * 1", new Date("2026-03-20T00:00:00Z"), 2).map((d) => d.toISOString())).toEqual([
      "2026-03-23T03:00:00.000Z",
      "2026-03-30T02:00:00.000Z",
    ]);
  });
});

describe("a declared release", () => {
  const declare = (freshness: { column?: string; release: Release }) =>
    definePipeline({
      name: "test-release",
      title: { nl: "Test", en: "Test" },
      schedule: "0 * * * *",
      source: { kind: "records", describe: "inline", async *extract() {} },
      schema: z.object({ code: z.string(), year: z.number().int(), day: z.iso.date(), at: z.iso.datetime() }),
      mode: "replace",
      freshness,
      attribution: { source: "test", licence: "CC0" },
    });

  it("reads the period's kind from the column's type", () => {
    expect(declare({ column: "at", release: releases.hourlyFeed }).freshness).toMatchObject({ column: "at", period: "timestamp" });
    expect(declare({ column: "day", release: releases.dailyRegister }).freshness).toMatchObject({ period: "date" });
    expect(declare({ column: "year", release: releases.cbsAnnual }).freshness).toMatchObject({ period: "year" });
    expect(declare({ release: releases.onSchedule }).freshness).toBeUndefined();
  });

  it("fails at definition for a column that holds no period, or does not fit the release", () => {
    expect(() => declare({ column: "code", release: releases.dailyRegister })).toThrow(/code must hold a timestamp, a date or a year, not VARCHAR/);
    expect(() => declare({ column: "year", release: releases.hourlyFeed })).toThrow(/does not fit a feed release/);
    expect(() => declare({ column: "at", release: releases.cbsAnnual })).toThrow(/does not fit a periods release/);
    expect(() => declare({ column: "at", release: releases.onSchedule })).toThrow(/none for onSchedule/);
    expect(() => declare({ release: releases.hourlyFeed })).toThrow(/needs a column/);
    expect(() => declare({ column: "nope", release: releases.hourlyFeed })).toThrow(/must be a field of the schema/);
  });
});
