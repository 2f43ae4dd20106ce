/**
 * How a source releases its data, and the one judgement of a published dataset's freshness against
 * it. The analyst's pipeline view, GET /readyz, /metrics, the pipeline-stale alerts and a run's own
 * freshness checks all call judgeFreshness (docs/decisions/0027-freshness-from-release-schedules.md).
 *
 * Age counts from the end of the newest period the data covers (an hour's timestamp, the end of a
 * day, the end of a year) or, for records that carry no period, from the last successful publish.
 */
import { nextRuns } from "./cron-schedule.ts";

/** Annual (or n-yearly) periods: the period after the newest is published `monthsAfter` months after it ends. */
export interface ReleaseSchedule {
  /** Years per period: 1 for annual figures, 5 for the EU noise maps. */
  everyYears: number;
  /** Months after the end of a period until the source publishes it. */
  monthsAfter: number;
}

export type Release =
  /** Data that arrives continuously: a new hour (or day) is expected at once; late after `warnAfterHours`, stale after `staleAfterHours`. */
  | {
      kind: "feed";
      every: "hour" | "day";
      warnAfterHours: number;
      staleAfterHours: number;
      /** A run whose data is stale fails and keeps the previous version (a feed answering with old hours is broken). */
      failRunWhenStale: boolean;
    }
  /** Periods published on a release calendar: late once the next period is due, stale `graceMonths` after that. */
  | ({ kind: "periods"; graceMonths: number } & ReleaseSchedule)
  /** Records without a period (a register's current state, boundaries, a station list): as fresh as the last publish against the cron schedule. */
  | { kind: "schedule" };

/** Annual release calendars, shared with the indicators (src/engine/themes/release.ts). */
export const annualReleases = {
  /** Registers and measurements that arrive continuously: a year is complete a month after it ends. */
  continuous: { everyYears: 1, monthsAfter: 1 },
  /** CBS annual statistics (Kerncijfers wijken en buurten, household waste): in the third quarter after the year. */
  cbsAnnual: { everyYears: 1, monthsAfter: 9 },
  /** Emission registration and Klimaatmonitor: about fifteen months after the year. */
  emissionRegistration: { everyYears: 1, monthsAfter: 15 },
  /** Energy statistics: a year after the year. */
  energyStatistics: { everyYears: 1, monthsAfter: 12 },
  /** Municipal analyses (green, heat) redone yearly, ready by mid-year. */
  municipalAnalysis: { everyYears: 1, monthsAfter: 6 },
  /** EU noise maps: every five years, published a year and a half after the reference year. */
  noiseMaps: { everyYears: 5, monthsAfter: 18 },
} as const satisfies Record<string, ReleaseSchedule>;

/** The period after `latestYear` and the date it is due: the first day after `monthsAfter` full months past its end. */
export function nextPeriodDue(latestYear: number, schedule: ReleaseSchedule): { nextYear: number; expected: Date } {
  const nextYear = latestYear + schedule.everyYears;
  return { nextYear, expected: new Date(Date.UTC(nextYear + 1, schedule.monthsAfter, 1)) };
}

/** A release calendar of periods that turns stale a quarter after the next period was due. */
const periods = (schedule: ReleaseSchedule) => ({ kind: "periods", graceMonths: 3, ...schedule }) as const;

/** The releases the pipelines declare (their `freshness.release`). */
export const releases = {
  /** An hourly measurement feed: late after a day without a new hour, stale after a week. */
  hourlyFeed: { kind: "feed", every: "hour", warnAfterHours: 24, staleAfterHours: 24 * 7, failRunWhenStale: true },
  /** A register exported daily whose records are dated (received, inspected): late after a week without one, stale after a month. */
  dailyRegister: { kind: "feed", every: "day", warnAfterHours: 24 * 7, staleAfterHours: 24 * 31, failRunWhenStale: false },
  cbsAnnual: periods(annualReleases.cbsAnnual),
  emissionRegistration: periods(annualReleases.emissionRegistration),
  energyStatistics: periods(annualReleases.energyStatistics),
  municipalAnalysis: periods(annualReleases.municipalAnalysis),
  noiseMaps: periods(annualReleases.noiseMaps),
  /** Records without a period: judged by the last publish against the pipeline's cron schedule. */
  onSchedule: { kind: "schedule" },
} as const satisfies Record<string, Release>;

/** What a freshness column holds: an hour's timestamp, a day or a year. */
export type PeriodKind = "timestamp" | "date" | "year";
/** Freshness judged from the data's own newest period: its column, what kind of period it holds, and the source's release. */
export interface FreshnessRule {
  column: string;
  period: PeriodKind;
  release: Release;
}

/** What `latest` is: the data's newest timestamp, day or year, or the time of the last publish. */
export type FreshnessBasis = PeriodKind | "publish";
export type FreshnessStatus = "fresh" | "warn" | "stale" | "unknown";

/** How often newer data is expected, for the words in the view ("every hour", "every 5 years", "on each run"). */
export interface Cadence {
  every: number;
  unit: "hour" | "day" | "year" | "run";
}

export interface FreshnessJudgement {
  status: FreshnessStatus;
  basis: FreshnessBasis | null;
  /** The newest period as the data has it ("2026-01-01T00:00:00Z", "2025-12-28", "2024"), or the publish time. */
  latest: string | null;
  cadence: Cadence;
  /** When newer data is expected (ISO 8601 UTC): the next hour or day, the next period's release date, the next scheduled run. */
  expectedBy: string | null;
  /** Hours since the end of the newest period (or the publish); null when unknown. */
  ageHours: number | null;
  /** The age at which the data is late (a warning) and stale (an error), in hours from the same start. */
  warnAfterHours: number | null;
  errorAfterHours: number | null;
}

export interface FreshnessInput {
  release: Release;
  /** The pipeline's cron schedule: the publish-based judgement expects a publish on each run. */
  schedule?: string;
  basis: FreshnessBasis;
  /** The newest value as read (see FreshnessJudgement.latest), or null when there is none. */
  latest: string | null;
}

const HOUR = 3_600_000;
const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

export function cadenceOf(release: Release): Cadence {
  if (release.kind === "feed") return { every: 1, unit: release.every };
  if (release.kind === "periods") return { every: release.everyYears, unit: "year" };
  return { every: 1, unit: "run" };
}

/** The instants from which age counts (the end of the newest period), newer data is expected, it is late and it is stale. */
function limitsOf({ release, schedule, basis, latest }: FreshnessInput & { latest: string }): { since: Date; expected: Date; warn: Date; stale: Date } | null {
  if (basis === "publish") {
    const since = new Date(latest);
    if (Number.isNaN(since.getTime()) || !schedule) return null;
    // Late once a scheduled run went by without a publish; stale after three.
    const [expected, warn, , stale] = nextRuns(schedule, since, 4) as [Date, Date, Date, Date];
    return { since, expected, warn, stale };
  }
  if (basis === "year") {
    const year = Number(latest);
    if (!Number.isInteger(year) || release.kind !== "periods") return null;
    const since = new Date(Date.UTC(year + 1, 0, 1));
    const { expected } = nextPeriodDue(year, release);
    return { since, expected, warn: expected, stale: addMonths(expected, release.graceMonths) };
  }
  const parsed = Date.parse(basis === "date" ? `${latest.slice(0, 10)}T00:00:00Z` : latest);
  if (Number.isNaN(parsed) || release.kind !== "feed") return null;
  // A day's records are complete at its end; an hour is dated by its own timestamp.
  const since = new Date(basis === "date" ? parsed + 24 * HOUR : parsed);
  const step = release.every === "hour" ? HOUR : 24 * HOUR;
  return {
    since,
    expected: new Date(since.getTime() + step),
    warn: new Date(since.getTime() + release.warnAfterHours * HOUR),
    stale: new Date(since.getTime() + release.staleAfterHours * HOUR),
  };
}

const hoursBetween = (from: Date, to: Date) => Math.round(((to.getTime() - from.getTime()) / HOUR) * 10) / 10;

/**
 * The freshness of a dataset whose newest value is `latest`, at `now` (the wall clock): fresh until
 * it is late, warn while late, stale beyond; unknown without a value (or one that cannot be read).
 */
export function judgeFreshness(input: FreshnessInput, now: Date): FreshnessJudgement {
  const cadence = cadenceOf(input.release);
  const limits = input.latest === null ? null : limitsOf({ ...input, latest: input.latest });
  if (!limits) {
    return {
      status: "unknown",
      basis: input.latest === null ? null : input.basis,
      latest: input.latest,
      cadence,
      expectedBy: null,
      ageHours: null,
      warnAfterHours: null,
      errorAfterHours: null,
    };
  }
  const at = now.getTime();
  const status = at > limits.stale.getTime() ? "stale" : at > limits.warn.getTime() ? "warn" : "fresh";
  return {
    status,
    basis: input.basis,
    latest: input.latest,
    cadence: input.basis === "publish" ? { every: 1, unit: "run" } : cadence,
    expectedBy: limits.expected.toISOString(),
    ageHours: hoursBetween(limits.since, now),
    warnAfterHours: hoursBetween(limits.since, limits.warn),
    errorAfterHours: hoursBetween(limits.since, limits.stale),
  };
}
