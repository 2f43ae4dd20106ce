/**
 * How current an indicator's data is against its source's release schedule: the period after the
 * latest one loaded is expected some months after it ends; once that date has passed, it is overdue.
 */
import type { DataFreshness } from "../../ground/contract/contract.ts";
import { annualReleases, nextPeriodDue, type ReleaseSchedule } from "../../pipelines/framework/release-schedule.ts";

export type { ReleaseSchedule };

/** Common schedules, named after what they describe; the pipelines judge their own freshness by the same calendars. */
export const releases = annualReleases;

const quarter = (date: Date) => `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;

/** Freshness of annual periods ("2024"): `latestPeriod` is the newest period with a value. */
export function assessFreshness(latestPeriod: string | null, schedule: ReleaseSchedule, now: Date): DataFreshness {
  const latestYear = latestPeriod === null ? NaN : Number(latestPeriod);
  if (!Number.isInteger(latestYear)) {
    return { status: "unknown", latestPeriod, nextPeriod: null, nextExpected: null, label: { nl: "Nog geen gegevens.", en: "No data yet." } };
  }
  const { nextYear, expected } = nextPeriodDue(latestYear, schedule);
  const overdue = now.getTime() >= expected.getTime();
  const when = quarter(new Date(Date.UTC(nextYear + 1, schedule.monthsAfter - 1, 1)));
  return {
    status: overdue ? "overdue" : "current",
    latestPeriod,
    nextPeriod: String(nextYear),
    nextExpected: expected.toISOString().slice(0, 10),
    label: overdue
      ? {
          nl: `Gegevens t/m ${latestYear}; ${nextYear} had in ${when} moeten verschijnen (achterstallig).`,
          en: `Data to ${latestYear}; ${nextYear} was due in ${when} (overdue).`,
        }
      : { nl: `Gegevens t/m ${latestYear}; ${nextYear} verwacht in ${when}.`, en: `Data to ${latestYear}; ${nextYear} expected in ${when}.` },
  };
}
